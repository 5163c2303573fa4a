import { describe, expect, it } from 'vitest';
import { removeAction, selectActions } from './actions.ts';
import { addListItem } from './lists.ts';
import { addMarketingObjective, selectKeyResults } from './objectives.ts';
import {
	addLastYearObjective,
	carryLastYearObjective,
	selectLastYearObjectives,
	updateLastYearObjective
} from './review-objectives.ts';
import {
	addReviewItem,
	addReviewItems,
	carryReviewItems,
	removeReviewItem,
	selectReviewItems,
	selectReviewTotals,
	setReviewFeedback,
	updateReviewItem
} from './review.ts';
import { updateSteering } from './steering.ts';
import { alice, bob, expectRefused, newPlan, pair } from './test-utils.ts';

describe('last year review', () => {
	it('REV-1 a review item needs a name, non-negative figures and known result/decision values', () => {
		const doc = newPlan();
		expectRefused(doc, () => addReviewItem(doc, { name: '' }, alice), 'invalid_input', 'name');
		expectRefused(doc, () => addReviewItem(doc, { name: 'Salon', cost: -5 }, alice), 'invalid_input', 'cost');
		expectRefused(
			doc,
			() => addReviewItem(doc, { name: 'Salon', leads: -1 }, alice),
			'invalid_input',
			'leads'
		);
		expectRefused(
			doc,
			() => addReviewItem(doc, { name: 'Salon', contacts: 1.5 }, alice),
			'invalid_input',
			'contacts'
		);
		expectRefused(
			doc,
			() => addReviewItem(doc, { name: 'Salon', decision: 'maybe' as 'drop' }, alice),
			'invalid_input',
			'decision'
		);
		const id = addReviewItem(
			doc,
			{ name: 'Salon Batimat', channel: 'Salons', target: 'Artisans', result: 'worked', decision: 'repeat' },
			alice
		);
		updateReviewItem(doc, { id, decision: 'adjust' }, alice);
		expect(selectReviewItems(doc)[0]).toMatchObject({
			name: 'Salon Batimat',
			channel: 'Salons',
			target: 'Artisans',
			decision: 'adjust'
		});
		removeReviewItem(doc, { id }, alice);
		expect(selectReviewItems(doc)).toEqual([]);
	});

	it('REV-1 several items are added at once, all validated before any is written', () => {
		const doc = newPlan();
		expectRefused(
			doc,
			() => addReviewItems(doc, { items: [{ name: 'Ok' }, { name: 'Bad', cost: -1 }] }, alice),
			'invalid_input',
			'items.1.cost'
		);
		addReviewItems(doc, { items: [{ name: 'Mailing', cost: 5000 }, { name: 'Salon' }] }, alice);
		expect(selectReviewItems(doc).map((i) => i.name)).toEqual(['Mailing', 'Salon']);
	});

	it('REV-2 ROI, cost per lead and per conversion, conversion rate are derived (worked example)', () => {
		const doc = newPlan();
		addReviewItem(
			doc,
			{ name: 'Mailing', revenue: 15000, cost: 5000, contacts: 600, leads: 40, conversions: 30 },
			alice
		);
		addReviewItem(doc, { name: 'Jeu concours', revenue: 1000, cost: 0, contacts: 0, leads: 0 }, alice);
		addReviewItem(doc, { name: 'Vide' }, alice);
		const [mailing, contest, empty] = selectReviewItems(doc);
		// ROI = (15 000 − 5 000) / 5 000 = 2 (200 %); CPL = 5 000 / 40 = 125; 5 000 / 30; 30 / 600 = 5 %.
		expect(mailing).toMatchObject({ roi: 2, costPerLead: 125, conversionRate: 0.05 });
		expect(mailing?.costPerConversion).toBeCloseTo(166.67, 2);
		// Zero divisors and missing inputs are "not computable", never 0 or Infinity.
		expect(contest).toMatchObject({ roi: null, costPerLead: null, conversionRate: null });
		expect(empty).toMatchObject({ roi: null, costPerLead: null, costPerConversion: null, margin: null });
	});

	it('REV-3 margin = revenue × margin rate − cost, only once a margin rate is set', () => {
		const doc = newPlan();
		addReviewItem(doc, { name: 'Mailing', revenue: 15000, cost: 5000 }, alice);
		addReviewItem(doc, { name: 'Sans coût', revenue: 1000 }, alice);
		expect(selectReviewItems(doc)[0]?.margin).toBeNull();
		updateSteering(doc, { marginRate: 40 }, alice);
		const [mailing, free] = selectReviewItems(doc);
		expect(mailing?.margin).toBe(1000); // 15 000 × 40 % − 5 000
		expect(free?.margin).toBe(400);
	});

	it('REV-4 repeat and adjust items are carried into actions in one step, linked back', () => {
		const doc = newPlan();
		const salons = addListItem(doc, 'channels', { name: 'Salons' }, alice);
		const pros = addListItem(doc, 'targets', { name: 'Artisans' }, alice);
		const repeat = addReviewItem(
			doc,
			{ name: 'Batimat', channel: 'salons ', target: 'ARTISANS', cost: 8000, decision: 'repeat' },
			alice
		);
		const adjust = addReviewItem(doc, { name: 'Mailing', channel: 'Courrier', decision: 'adjust' }, alice);
		const drop = addReviewItem(doc, { name: 'Radio', decision: 'drop' }, alice);
		const open = addReviewItem(doc, { name: 'Undecided' }, alice);
		expectRefused(doc, () => carryReviewItems(doc, { ids: [repeat, drop] }, alice), 'invalid_input', 'ids');
		expectRefused(doc, () => carryReviewItems(doc, { ids: [open] }, alice), 'invalid_input', 'ids');
		let transactions = 0;
		doc.on('afterTransaction', () => transactions++);
		const created = carryReviewItems(doc, { ids: [repeat, adjust] }, alice);
		expect(transactions).toBe(1);
		expect(selectActions(doc)).toEqual([
			expect.objectContaining({
				id: created[0],
				name: 'Batimat',
				plannedCost: 8000,
				channelId: salons,
				targetId: pros,
				reviewItemId: repeat
			}),
			expect.objectContaining({ id: created[1], name: 'Mailing', channelId: null, reviewItemId: adjust })
		]);
		expect(selectReviewItems(doc).map((i) => i.carriedActionIds)).toEqual([
			[created[0]],
			[created[1]],
			[],
			[]
		]);
		expectRefused(doc, () => carryReviewItems(doc, { ids: [repeat] }, alice), 'conflict', 'ids');
		// Removing the action frees the item again.
		removeAction(doc, { id: created[0]! }, alice);
		expect(selectReviewItems(doc)[0]?.carriedActionIds).toEqual([]);
	});

	it('REV-5 sales feedback writes the salesFeedback field only, merging with concurrent edits', () => {
		const { a, b, sync } = pair();
		const id = addReviewItem(a, { name: 'Salon', cost: 100 }, alice);
		sync();
		const changed: string[] = [];
		b.getMap('reviewItems').observeDeep((events) => {
			for (const e of events)
				for (const key of (e.changes.keys as Map<string, unknown>).keys()) changed.push(key);
		});
		setReviewFeedback(b, { id, salesFeedback: '  De bons contacts  ' }, bob);
		updateReviewItem(a, { id, cost: 200 }, alice);
		sync();
		expect(changed).toContain('salesFeedback');
		expect(selectReviewItems(a)).toEqual(selectReviewItems(b));
		expect(selectReviewItems(a)[0]).toMatchObject({ salesFeedback: 'De bons contacts', cost: 200 });
		setReviewFeedback(a, { id, salesFeedback: '' }, alice);
		expect(selectReviewItems(a)[0]?.salesFeedback).toBeNull();
		expectRefused(
			a,
			() => setReviewFeedback(a, { id: 'ghost', salesFeedback: 'x' }, alice),
			'not_found',
			'id'
		);
	});
});

describe('review totals', () => {
	it('REV-9 totals sum what is entered; items without revenue stay out of the ROI, never -100 %', () => {
		const doc = newPlan();
		expect(selectReviewTotals(doc)).toMatchObject({ cost: null, revenue: null, roi: null, items: 0 });
		// Next year's plan: last year's actions arrive with their cost and no revenue (NEXT-3).
		addReviewItems(
			doc,
			{
				items: [
					{ name: 'Webinaire', cost: 1200 },
					{ name: 'Salon', cost: 8000 }
				]
			},
			alice
		);
		expect(selectReviewTotals(doc)).toMatchObject({ cost: 9200, revenue: null, roi: null, leads: null });
		addReviewItem(doc, { name: 'Mailing', cost: 1000, revenue: 3000, leads: 40 }, alice);
		expect(selectReviewTotals(doc)).toMatchObject({
			cost: 10200,
			revenue: 3000,
			roi: 2,
			leads: 40,
			costPerLead: 25,
			items: 3
		});
	});
});

describe("last year's objectives", () => {
	it('REV-6 the gap between target and achieved is read in the objective direction', () => {
		const doc = newPlan();
		addLastYearObjective(doc, { name: 'Leads', target: 500, achieved: 420 }, alice);
		addLastYearObjective(doc, { name: 'CPA', direction: 'decrease', target: 50, achieved: 42 }, alice);
		const open = addLastYearObjective(doc, { name: 'Notoriété' }, alice);
		const [leads, cpa, awareness] = selectLastYearObjectives(doc);
		expect(leads).toMatchObject({ met: false, gap: { value: -80, ratio: -0.16, favourable: -80 } });
		expect(cpa).toMatchObject({ met: true, gap: { value: -8, favourable: 8 } });
		expect(awareness).toMatchObject({ met: null, gap: null });
		updateLastYearObjective(doc, { id: open, target: 30, achieved: 30 }, alice);
		expect(selectLastYearObjectives(doc)[2]?.met).toBe(true);
	});

	it('REV-7 an unmet objective is carried as a key result starting from what was achieved', () => {
		const doc = newPlan();
		const mkt = addMarketingObjective(
			doc,
			{ name: 'Leads', family: 'customers', nature: 'quantitative' },
			alice
		);
		const unmet = addLastYearObjective(
			doc,
			{ name: 'Leads', unit: 'leads', target: 500, achieved: 420 },
			alice
		);
		const met = addLastYearObjective(doc, { name: 'CA', target: 10, achieved: 12 }, alice);
		expectRefused(
			doc,
			() => carryLastYearObjective(doc, { id: met, marketingObjectiveId: mkt }, alice),
			'invalid_input',
			'id'
		);
		expectRefused(
			doc,
			() => carryLastYearObjective(doc, { id: unmet, marketingObjectiveId: 'ghost' }, alice),
			'not_found',
			'marketingObjectiveId'
		);
		const kr = carryLastYearObjective(doc, { id: unmet, marketingObjectiveId: mkt }, alice);
		expect(selectKeyResults(doc)).toEqual([
			expect.objectContaining({ id: kr, kpi: 'Leads', unit: 'leads', baseline: 420, target: 500 })
		]);
		expect(selectLastYearObjectives(doc)[0]?.carriedKeyResultId).toBe(kr);
		expectRefused(
			doc,
			() => carryLastYearObjective(doc, { id: unmet, marketingObjectiveId: mkt }, alice),
			'conflict',
			'id'
		);
	});
});
