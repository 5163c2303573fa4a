import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, selectActions } from '../actions.ts';
import { checkPlanUpdate } from '../authority/write-rules.ts';
import { addListItem } from '../lists.ts';
import { selectPeriodLoad } from '../load.ts';
import { addKeyResult, addMarketingObjective } from '../objectives.ts';
import { generateTenDayPeriods, selectPeriods } from '../periods.ts';
import { setRuntime } from '../runtime.ts';
import { alice, bob, expectRefused, newPlan, pair } from '../test-utils.ts';
import {
	addMeetingDecision,
	endMeeting,
	focusMeetingAction,
	keyResultsToMeasure,
	meetingActions,
	recordMeetingMeasurement,
	recordOutcome,
	replanSlipped,
	selectMeetings,
	selectOpenMeeting,
	startMeeting
} from './index.ts';

/** A plan with ten-day periods, two members and five actions in the second period (two of them dated). */
function planWithPeriod(doc: Y.Doc) {
	generateTenDayPeriods(doc, { year: 2027 }, alice);
	const [, p2, p3] = selectPeriods(doc);
	const marie = addListItem(doc, 'members', { name: 'Marie', capacityPerPeriod: 4 }, alice);
	const karim = addListItem(doc, 'members', { name: 'Karim', capacityPerPeriod: 3 }, alice);
	const names = ['Newsletter', 'Salon', 'Webinaire', 'Mailing', 'Radio'];
	const ids = names.map((name, i) =>
		addAction(
			doc,
			{
				name,
				periodId: p2!.id,
				ownerId: i % 2 === 0 ? marie : karim,
				personDays: 2,
				...(i === 1 ? { start: '2027-01-12', end: '2027-01-13' } : {})
			},
			alice
		)
	);
	return { p2: p2!, p3: p3!, ids, marie, karim };
}

describe('progress meeting', () => {
	it('MEET-1 a meeting opens on a period, the next one by default; a second one refuses while it is open', () => {
		const doc = newPlan();
		const { p2, p3 } = planWithPeriod(doc);
		expectRefused(doc, () => startMeeting(doc, { periodId: 'nope' }, alice), 'not_found', 'periodId');
		const id = startMeeting(doc, { periodId: p2.id }, alice);
		expect(selectOpenMeeting(doc)).toMatchObject({
			id,
			periodId: p2.id,
			nextPeriodId: p3.id,
			startedBy: 'alice'
		});
		expectRefused(doc, () => startMeeting(doc, { periodId: p3.id }, bob), 'conflict', 'periodId');
	});

	it('MEET-1 two people starting a meeting at once end up in the same one on both screens', () => {
		const { a, b, sync } = pair();
		planWithPeriod(a);
		sync();
		const p2 = selectPeriods(a)[1]!.id;
		const restore = setRuntime({ now: () => 1000 });
		try {
			startMeeting(a, { periodId: p2 }, alice);
			startMeeting(b, { periodId: p2 }, bob);
		} finally {
			restore();
		}
		sync();
		expect(selectMeetings(a)).toHaveLength(2);
		expect(selectOpenMeeting(a)?.id).toBe(selectOpenMeeting(b)?.id);
	});

	it('MEET-2 MEET-3 the period’s actions one by one: the focus is shared, outcomes set statuses', () => {
		const { a, b, sync } = pair();
		const { p2, ids } = planWithPeriod(a);
		const meetingId = startMeeting(a, { periodId: p2.id }, alice);
		sync();
		expect(meetingActions(b, selectOpenMeeting(b)!).map((e) => e.action.name)).toEqual([
			'Newsletter',
			'Salon',
			'Webinaire',
			'Mailing',
			'Radio'
		]);
		focusMeetingAction(a, { meetingId, actionId: ids[1]! }, alice);
		recordOutcome(a, { meetingId, actionId: ids[0]!, outcome: 'done', note: 'Envoyée le 8' }, alice);
		recordOutcome(b, { meetingId, actionId: ids[1]!, outcome: 'slipped', note: 'Stand pas livré' }, bob);
		sync();
		expect(selectOpenMeeting(b)?.focusActionId).toBe(ids[1]);
		const statuses = new Map(selectActions(b).map((x) => [x.id, x.status]));
		expect(statuses.get(ids[0]!)).toBe('done');
		expect(statuses.get(ids[1]!)).toBe('in_progress');
		expect(selectOpenMeeting(a)?.outcomes[ids[1]!]).toMatchObject({
			outcome: 'slipped',
			note: 'Stand pas livré',
			by: 'bob'
		});
	});

	it('MEET-4 slipped actions move to the next period in one step, dates with them, and its load follows', () => {
		const doc = newPlan();
		const { p2, p3, ids } = planWithPeriod(doc);
		const meetingId = startMeeting(doc, { periodId: p2.id }, alice);
		recordOutcome(doc, { meetingId, actionId: ids[1]!, outcome: 'slipped' }, alice);
		recordOutcome(doc, { meetingId, actionId: ids[3]!, outcome: 'slipped' }, alice);
		recordOutcome(doc, { meetingId, actionId: ids[4]!, outcome: 'blocked' }, alice);
		expect(selectPeriodLoad(doc, p3.id)?.personDays).toBe(0);
		let updates = 0;
		doc.on('update', () => updates++);
		expect(replanSlipped(doc, { meetingId }, alice).sort()).toEqual([ids[1]!, ids[3]!].sort());
		expect(updates).toBe(1);
		const moved = selectActions(doc).filter((x) => x.periodId === p3.id);
		expect(moved.map((x) => x.name).sort()).toEqual(['Mailing', 'Salon']);
		expect(moved.find((x) => x.name === 'Salon')).toMatchObject({ start: p3.start });
		expect(moved.find((x) => x.name === 'Mailing')?.start).toBeNull();
		expect(selectPeriodLoad(doc, p3.id)).toMatchObject({ personDays: 4, actionCount: 2 });
	});

	it('MEET-5 MEET-6 measurements and decisions are recorded; the summary lists every action and is saved', () => {
		const doc = newPlan();
		const { p2, ids } = planWithPeriod(doc);
		const mo = addMarketingObjective(
			doc,
			{ name: 'Recruter', family: 'customers', nature: 'quantitative' },
			alice
		);
		const kr = addKeyResult(doc, { marketingObjectiveId: mo, kpi: 'Nouveaux clients' }, alice);
		const meetingId = startMeeting(doc, { periodId: p2.id }, alice);
		expect(keyResultsToMeasure(doc, p2.id).map((k) => k.kpi)).toEqual(['Nouveaux clients']);
		recordMeetingMeasurement(doc, { meetingId, keyResultId: kr, actual: 42 }, alice);
		expect(keyResultsToMeasure(doc, p2.id)).toEqual([]);
		expectRefused(
			doc,
			() => addMeetingDecision(doc, { meetingId, text: '  ' }, alice),
			'invalid_input',
			'text'
		);
		addMeetingDecision(doc, { meetingId, text: 'Le salon passe avant le webinaire' }, alice);
		recordOutcome(doc, { meetingId, actionId: ids[0]!, outcome: 'done' }, alice);
		recordOutcome(doc, { meetingId, actionId: ids[1]!, outcome: 'slipped' }, alice);
		recordOutcome(doc, { meetingId, actionId: ids[3]!, outcome: 'slipped' }, alice);
		recordOutcome(doc, { meetingId, actionId: ids[4]!, outcome: 'blocked', note: 'Attente devis' }, alice);
		replanSlipped(doc, { meetingId }, alice);
		const summary = endMeeting(doc, { meetingId }, alice);
		expect(summary.actions.map((x) => [x.name, x.outcome])).toEqual([
			['Newsletter', 'done'],
			['Webinaire', null],
			['Radio', 'blocked'],
			['Salon', 'slipped'],
			['Mailing', 'slipped']
		]);
		expect(summary).toMatchObject({
			done: 1,
			slipped: 2,
			blocked: 1,
			notReviewed: 1,
			nextLoad: { personDays: 4, actionCount: 2 },
			measurements: [{ kpi: 'Nouveaux clients', date: p2.end, actual: 42 }],
			decisions: ['Le salon passe avant le webinaire']
		});
		expect(selectMeetings(doc)[0]?.summary).toEqual(summary);
		expect(selectOpenMeeting(doc)).toBeNull();
		expectRefused(
			doc,
			() => addMeetingDecision(doc, { meetingId, text: 'Trop tard' }, alice),
			'conflict',
			'meetingId'
		);
	});
});

describe('progress meeting authority', () => {
	/** What `role` sending the update `write` makes to a copy of `doc` is told by the guard. */
	function verdict(doc: Y.Doc, role: 'facilitator' | 'editor', write: (copy: Y.Doc) => void) {
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		const before = Y.encodeStateVector(copy);
		write(copy);
		return checkPlanUpdate(doc, Y.encodeStateAsUpdate(copy, before), { role, participantId: 'p1' });
	}

	it('MEET-7 only the facilitator starts, drives and ends a meeting; editors record outcomes', () => {
		const doc = newPlan();
		const { p2, ids } = planWithPeriod(doc);
		const start = (copy: Y.Doc) => void startMeeting(copy, { periodId: p2.id }, alice);
		expect(verdict(doc, 'editor', start).violation?.code).toBe('not-writable');
		expect(verdict(doc, 'facilitator', start)).toEqual({ violation: null, editorsMayWrite: false });
		const meetingId = startMeeting(doc, { periodId: p2.id }, alice);
		const focus = (copy: Y.Doc) => focusMeetingAction(copy, { meetingId, actionId: ids[0]! }, alice);
		expect(verdict(doc, 'editor', focus).violation?.message).toContain('focusActionId');
		expect(verdict(doc, 'facilitator', focus).violation).toBeNull();
		const end = (copy: Y.Doc) => void endMeeting(copy, { meetingId }, alice);
		expect(verdict(doc, 'editor', end).violation?.code).toBe('not-writable');
		const outcome = (copy: Y.Doc) =>
			recordOutcome(copy, { meetingId, actionId: ids[0]!, outcome: 'done', note: 'ok' }, alice);
		expect(verdict(doc, 'editor', outcome)).toEqual({ violation: null, editorsMayWrite: true });
		const decide = (copy: Y.Doc) => void addMeetingDecision(copy, { meetingId, text: 'Go' }, alice);
		expect(verdict(doc, 'editor', decide).violation).toBeNull();
	});
});
