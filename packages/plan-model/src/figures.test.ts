import { describe, expect, it } from 'vitest';
import { addAction, selectActions } from './actions.ts';
import { selectBudget } from './budget.ts';
import { selectPlanFigures, selectWorkshopOutcome, selectYearPlan } from './figures.ts';
import { addIdea } from './ideas.ts';
import { selectKeyResultTracking } from './kpi.ts';
import { addListItem } from './lists.ts';
import { generateTenDayPeriods, selectPeriods } from './periods.ts';
import { promoteIdeas } from './promotion.ts';
import { addReviewItem, carryReviewItems } from './review.ts';
import { serverOrigin } from './origin.ts';
import { alice, newPlan } from './test-utils.ts';
import { publishScores, publishVotes } from './votes.ts';

/** The plan in small: dated, monthly, period-placed, carried, promoted, unplaced and dropped actions. */
function yearPlan() {
	const doc = newPlan();
	const events = addListItem(doc, 'workstreams', { name: 'Événements' }, alice);
	const digital = addListItem(doc, 'workstreams', { name: 'Digital' }, alice);
	generateTenDayPeriods(doc, { year: 2027 }, alice);
	const p5 = selectPeriods(doc)[4]!;
	addAction(
		doc,
		{
			name: 'Salon',
			workstreamId: events,
			plannedCost: 8000,
			personDays: 4,
			start: '2027-03-10',
			end: '2027-03-12'
		},
		alice
	);
	addAction(
		doc,
		{
			name: 'Newsletter',
			workstreamId: digital,
			plannedCost: 200,
			personDays: 0.5,
			start: '2027-01-15',
			recurrence: { freq: 'monthly', interval: 1 }
		},
		alice
	);
	addAction(doc, { name: 'Brief agence', workstreamId: digital, periodId: p5.id, personDays: 2 }, alice);
	const item = addReviewItem(doc, { name: 'Webinaire', cost: 1200, decision: 'repeat' }, alice);
	carryReviewItems(doc, { ids: [item] }, alice);
	const idea = addIdea(doc, { title: 'Parrainage' }, alice);
	promoteIdeas(doc, { ideaIds: [idea] }, alice);
	addAction(doc, { name: 'Radio', status: 'dropped', plannedCost: 5000, start: '2027-05-01' }, alice);
	return { doc, events, digital, p5 };
}

describe('report figures', () => {
	it('FIG-1 the cover counts a monthly action at each occurrence, like the budget page', () => {
		const { doc } = yearPlan();
		const f = selectPlanFigures(doc);
		// 8 000 + 12 × 200 + 1 200 (carried): the monthly newsletter counts twelve times, Radio (dropped) never.
		expect(f.actionsCost).toBe(8000 + 12 * 200 + 1200);
		expect(f.actionsCost).toBe(selectBudget(doc).methods.bottomUp);
		expect(f.personDays).toBe(4 + 12 * 0.5 + 2);
		expect(f.actionCount).toBe(5);
		expect(f.droppedCount).toBe(1);
		expect(f.tracking).toEqual(selectKeyResultTracking(doc));
	});

	it('FIG-1 with no cost and no estimate entered, the cover says so instead of 0', () => {
		const doc = newPlan();
		addAction(doc, { name: 'Idée' }, alice);
		expect(selectPlanFigures(doc)).toMatchObject({ actionsCost: null, personDays: null, actionCount: 1 });
	});

	it('FIG-2 every action is on the year page once, by workstream, placed by dates or by period', () => {
		const { doc, events, digital, p5 } = yearPlan();
		const plan = selectYearPlan(doc);
		expect(plan.lanes.map((l) => l.workstreamId)).toEqual([events, digital, null]);
		const rows = plan.lanes.flatMap((l) => l.rows);
		const live = selectActions(doc).filter((a) => a.status !== 'dropped');
		expect(rows.map((r) => r.action.id).sort()).toEqual(live.map((a) => a.id).sort());
		const by = Object.fromEntries(rows.map((r) => [r.action.name, r]));
		expect(by['Salon']).toMatchObject({
			placedBy: 'dates',
			spans: [{ from: '2027-03-10', to: '2027-03-12' }]
		});
		expect(by['Newsletter']!.spans).toHaveLength(12);
		expect(by['Brief agence']).toMatchObject({ placedBy: 'period', spans: [{ from: p5.start, to: p5.end }] });
		expect(by['Webinaire']).toMatchObject({ placedBy: null, spans: [] });
		expect(by['Parrainage']).toMatchObject({ placedBy: null, spans: [] });
		expect(plan).toMatchObject({ placed: 3, unplaced: 2 });
	});

	it('FIG-3 the workshop outcome: ideas voted, scored or promoted, with the actions they became', () => {
		const doc = newPlan();
		const salon = addIdea(doc, { title: 'Salon régional' }, alice);
		const quiz = addIdea(doc, { title: 'Quiz client' }, alice);
		const parrainage = addIdea(doc, { title: 'Parrainage' }, alice);
		addIdea(doc, { title: 'Idée sans suite' }, alice);
		const server = serverOrigin();
		publishVotes(doc, { tallies: [{ participantId: 'p1', entries: { [salon]: 3, [quiz]: 1 } }] }, server);
		publishScores(
			doc,
			{ tallies: [{ participantId: 'p1', entries: { [`${parrainage}:impact`]: 4 } }] },
			server
		);
		const [action] = promoteIdeas(doc, { ideaIds: [salon] }, alice);
		const outcome = selectWorkshopOutcome(doc);
		expect(outcome.map((o) => [o.idea.title, o.votes, o.actions.map((a) => a.id)])).toEqual([
			['Salon régional', 3, [action]],
			['Quiz client', 1, []],
			['Parrainage', 0, []]
		]);
		expect(outcome[2]!.score).not.toBeNull();
	});
});
