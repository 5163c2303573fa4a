import { describe, expect, it } from 'vitest';
import { addAction, removeAction, updateAction } from './actions.ts';
import {
	addBudgetLine,
	chooseEnvelope,
	OTHER_COSTS,
	removeBudgetLine,
	selectBudget,
	updateBudgetLine
} from './budget.ts';
import { addListItem, selectList } from './lists.ts';
import { addKeyResult, addMarketingObjective } from './objectives.ts';
import { selectSteering, updateSteering } from './steering.ts';
import { alice, bob, expectRefused, newPlan, pair } from './test-utils.ts';

describe('budget', () => {
	it('BUD-1 budget amounts are never negative', () => {
		const doc = newPlan();
		expectRefused(
			doc,
			() => addBudgetLine(doc, { label: 'Stand', planned: -1 }, alice),
			'invalid_input',
			'planned'
		);
		const id = addBudgetLine(doc, { label: 'Stand', planned: 8000 }, alice);
		expectRefused(doc, () => updateBudgetLine(doc, { id, actual: -0.01 }, alice), 'invalid_input', 'actual');
		expectRefused(
			doc,
			() => addAction(doc, { name: 'A', actualCost: -1 }, alice),
			'invalid_input',
			'actualCost'
		);
		expectRefused(
			doc,
			() => addAction(doc, { name: 'A', committedCost: -1 }, alice),
			'invalid_input',
			'committedCost'
		);
		expectRefused(
			doc,
			() => updateSteering(doc, { lastYearBudget: -5 }, alice),
			'invalid_input',
			'lastYearBudget'
		);
		expectRefused(
			doc,
			() => updateSteering(doc, { figures: { spend: -1 } }, alice),
			'invalid_input',
			'figures.spend'
		);
		expect(selectBudget(doc).lines).toEqual([
			expect.objectContaining({ label: 'Stand', planned: 8000, actual: null })
		]);
	});

	it('BUD-2 the summary totals planned (actions and lines), committed and entered actuals', () => {
		const doc = newPlan();
		addAction(doc, { name: 'Salon', plannedCost: 10000, committedCost: 9000, actualCost: 9500 }, alice);
		addAction(doc, { name: 'Mailing', plannedCost: 2500 }, alice);
		addAction(doc, { name: 'Abandon', plannedCost: 99999, actualCost: 5, status: 'dropped' }, alice);
		const removed = addAction(doc, { name: 'Supprimée', plannedCost: 500 }, alice);
		removeAction(doc, { id: removed }, alice);
		addBudgetLine(doc, { label: 'Stand', category: 'Événementiel', planned: 8000, actual: 9000 }, alice);
		const ads = addBudgetLine(doc, { label: 'Adwords', category: 'Digital', planned: 3000 }, alice);
		const s = selectBudget(doc);
		expect(s).toMatchObject({ plannedTotal: 23500, committedTotal: 9000, actualTotal: 18500 });
		expect(s.methods.bottomUp).toBe(12500);
		expect(s.lines.map((l) => l.label)).toEqual(['Adwords', 'Stand']);
		removeBudgetLine(doc, { id: ads }, alice);
		expect(selectBudget(doc).plannedTotal).toBe(20500);
	});

	it('BUD-3 a recurring action costs its planned cost once per occurrence in the plan year', () => {
		const doc = newPlan();
		// Monthly from January 15th: 12 occurrences in 2027; quarterly from February: 4; undated: once.
		addAction(
			doc,
			{
				name: 'Newsletter',
				plannedCost: 300,
				start: '2027-01-15',
				recurrence: { freq: 'monthly', interval: 1 }
			},
			alice
		);
		addAction(
			doc,
			{
				name: 'Presse',
				plannedCost: 1000,
				start: '2027-02-01',
				recurrence: { freq: 'quarterly', interval: 1 }
			},
			alice
		);
		addAction(doc, { name: 'Catalogue', plannedCost: 5000 }, alice);
		const s = selectBudget(doc);
		expect(s.actions.map((c) => [c.action.name, c.occurrences, c.planned])).toEqual([
			['Newsletter', 12, 3600],
			['Presse', 4, 4000],
			['Catalogue', 1, 5000]
		]);
		expect(s.methods.bottomUp).toBe(12600);
	});

	it('BUD-4 an actual nobody entered is "not entered", left out of totals and gaps', () => {
		const doc = newPlan();
		const salon = addAction(doc, { name: 'Salon', plannedCost: 10000, actualCost: 12000 }, alice);
		addAction(doc, { name: 'Mailing', plannedCost: 2500 }, alice);
		addAction(doc, { name: 'Gratuit', actualCost: 0 }, alice);
		let s = selectBudget(doc);
		expect(s.actions.map((c) => [c.actual, c.gap])).toEqual([
			[12000, 2000],
			[null, null],
			[0, 0]
		]);
		// The mailing's 2 500 planned is not an underspend: it has no actual yet.
		expect(s).toMatchObject({ actualTotal: 12000, gap: 2000, actualMissing: 1 });
		updateAction(doc, { id: salon, actualCost: null }, alice);
		s = selectBudget(doc);
		expect(s).toMatchObject({ actualTotal: 0, gap: 0, actualMissing: 2 });
		const empty = selectBudget(newPlan());
		expect(empty).toMatchObject({ plannedTotal: null, actualTotal: null, gap: null, actualMissing: 0 });
	});

	it('BUD-8 an amount nobody entered is never summed as 0: totals, buckets and yearly costs read null', () => {
		const doc = newPlan();
		const web = addListItem(doc, 'channels', { name: 'Web' }, alice);
		const salons = addListItem(doc, 'channels', { name: 'Salons' }, alice);
		// A carried action with no cost yet, and one with a plan but nothing committed or spent.
		addAction(doc, { name: 'Webinaire', channelId: web }, alice);
		addAction(doc, { name: 'Salon', channelId: salons, plannedCost: 8000 }, alice);
		const s = selectBudget(doc);
		expect(s.actions.map((c) => [c.action.name, c.planned, c.committed, c.actual])).toEqual([
			['Webinaire', null, null, null],
			['Salon', 8000, null, null]
		]);
		expect(s).toMatchObject({
			plannedTotal: 8000,
			committedTotal: null,
			actualTotal: null,
			plannedMissing: 1,
			gap: null
		});
		// The channels in their list's order (BUD-7).
		expect(s.breakdowns.channel.map((b) => [b.key, b.planned, b.committed, b.actual])).toEqual([
			[web, null, null, null],
			[salons, 8000, null, null]
		]);
		const none = newPlan();
		addAction(none, { name: 'Idée', start: '2027-03-01' }, alice);
		expect(selectBudget(none).methods.bottomUp).toBeNull();
		expect(selectBudget(none).plannedTotal).toBeNull();
	});

	it('BUD-5 overspend is flagged per action and against the envelope', () => {
		const doc = newPlan();
		addAction(doc, { name: 'Salon', plannedCost: 10000, actualCost: 12000 }, alice);
		addAction(doc, { name: 'Mailing', plannedCost: 2500, actualCost: 2500 }, alice);
		chooseEnvelope(doc, { method: 'custom', amount: 12000 }, alice);
		const s = selectBudget(doc);
		expect(s.actions.map((c) => c.overspent)).toEqual([true, false]);
		expect(s.envelopeRemaining).toBe(-500);
		expect(s.overEnvelope).toEqual({ planned: true, actual: true });
		chooseEnvelope(doc, { method: 'custom', amount: 20000 }, alice);
		expect(selectBudget(doc).overEnvelope).toEqual({ planned: false, actual: false });
	});

	it('BUD-6 the three methods are computed live; the envelope keeps who chose it and when', () => {
		const doc = newPlan();
		addAction(doc, { name: 'Salon', plannedCost: 10000 }, alice);
		let s = selectBudget(doc);
		expect(s.methods).toEqual({ lastYear: null, revenuePct: null, bottomUp: 10000 });
		expect(s.methodsSpread).toBeNull();
		expectRefused(doc, () => chooseEnvelope(doc, { method: 'lastYear' }, alice), 'invalid_input', 'method');
		// 80 000 − 10 %; 2 % of 1.5 M.
		updateSteering(
			doc,
			{ lastYearBudget: 80000, lastYearChangePct: -10, forecastRevenue: 1500000, revenuePct: 2 },
			alice
		);
		s = selectBudget(doc);
		expect(s.methods).toEqual({ lastYear: 72000, revenuePct: 30000, bottomUp: 10000 });
		expect(s.methodsSpread).toBe(62000);
		expect(chooseEnvelope(doc, { method: 'revenuePct' }, bob)).toBe(30000);
		expect(selectSteering(doc).envelope).toEqual({
			amount: 30000,
			method: 'revenuePct',
			setBy: 'bob',
			setAt: expect.any(Number)
		});
		expectRefused(
			doc,
			() => chooseEnvelope(doc, { method: 'custom', amount: -1 }, alice),
			'invalid_input',
			'amount'
		);
		expectRefused(doc, () => updateSteering(doc, { revenuePct: 120 }, alice), 'invalid_input', 'revenuePct');
	});

	it('BUD-7 breakdowns by channel and workstream follow their lists, not the ids a plan drew', () => {
		const doc = newPlan();
		const names = ['Salons', 'Digital', 'Presse', 'Partenaires', 'Événements', 'Radio'];
		for (const name of names) {
			const channelId = addListItem(doc, 'channels', { name }, alice);
			const workstreamId = addListItem(doc, 'workstreams', { name }, alice);
			addAction(doc, { name, channelId, workstreamId, plannedCost: 100 }, alice);
		}
		const s = selectBudget(doc);
		const channels = new Map(selectList(doc, 'channels').map((c) => [c.id, c.name]));
		const workstreams = new Map(selectList(doc, 'workstreams').map((w) => [w.id, w.name]));
		expect(s.breakdowns.channel.map((b) => channels.get(b.key!))).toEqual(names);
		expect(s.breakdowns.workstream.map((b) => workstreams.get(b.key!))).toEqual(names);
	});

	it('BUD-7 breakdowns by channel, workstream, objective, quarter and month sum to the totals', () => {
		const doc = newPlan();
		const web = addListItem(doc, 'channels', { name: 'Web' }, alice);
		const ws = addListItem(doc, 'workstreams', { name: 'Digital' }, alice);
		const o1 = addMarketingObjective(
			doc,
			{ name: 'Leads', family: 'customers', nature: 'quantitative' },
			alice
		);
		const o2 = addMarketingObjective(
			doc,
			{ name: 'Notoriété', family: 'communication', nature: 'quantitative' },
			alice
		);
		const k1 = addKeyResult(doc, { marketingObjectiveId: o1, kpi: 'Leads' }, alice);
		const k2 = addKeyResult(doc, { marketingObjectiveId: o2, kpi: 'Visites' }, alice);
		addAction(
			doc,
			{
				name: 'Ads',
				channelId: web,
				workstreamId: ws,
				keyResultIds: [k1, k2],
				plannedCost: 1000,
				actualCost: 600,
				start: '2027-03-10',
				recurrence: { freq: 'monthly', interval: 1, until: '2027-04-30' }
			},
			alice
		);
		addAction(doc, { name: 'Flyer', plannedCost: 500 }, alice);
		addBudgetLine(doc, { label: 'Agence', planned: 700, actual: 800 }, alice);
		const s = selectBudget(doc);
		const sum = (by: keyof typeof s.breakdowns, f: 'planned' | 'actual') =>
			s.breakdowns[by].reduce((t, b) => t + (b[f] ?? 0), 0);
		for (const by of ['channel', 'workstream', 'objective', 'quarter', 'month'] as const) {
			expect(sum(by, 'planned')).toBeCloseTo(s.plannedTotal ?? NaN, 6);
			expect(sum(by, 'actual')).toBeCloseTo(s.actualTotal ?? NaN, 6);
		}
		expect(s.breakdowns.channel).toEqual([
			{ key: web, planned: 2000, committed: null, actual: 600, plannedWithoutActual: 0 },
			{ key: null, planned: 500, committed: null, actual: null, plannedWithoutActual: 500 },
			{ key: OTHER_COSTS, planned: 700, committed: null, actual: 800, plannedWithoutActual: 0 }
		]);
		expect(s.breakdowns.objective.map((b) => [b.key, b.planned])).toEqual([
			// The objectives in their list's order.
			[o1, 1000],
			[o2, 1000],
			[null, 500],
			[OTHER_COSTS, 700]
		]);
		expect(s.breakdowns.month.map((b) => [b.key, b.planned, b.actual])).toEqual([
			['2027-03', 1000, 300],
			['2027-04', 1000, 300],
			[null, 500, null],
			[OTHER_COSTS, 700, 800]
		]);
		expect(s.breakdowns.quarter.map((b) => [b.key, b.planned])).toEqual([
			['2027-Q1', 1000],
			['2027-Q2', 1000],
			[null, 500],
			[OTHER_COSTS, 700]
		]);
	});

	it('CONV-1 two people editing costs and the envelope inputs converge', () => {
		const { a, b, sync } = pair();
		const id = addAction(a, { name: 'Salon', plannedCost: 1000 }, alice);
		sync();
		updateAction(a, { id, plannedCost: 2000 }, alice);
		updateAction(b, { id, actualCost: 1800 }, bob);
		updateSteering(a, { lastYearBudget: 50000 }, alice);
		updateSteering(b, { lastYearChangePct: 10 }, bob);
		sync();
		expect(selectBudget(a)).toEqual(selectBudget(b));
		expect(selectBudget(a)).toMatchObject({ plannedTotal: 2000, actualTotal: 1800 });
		expect(selectBudget(a).methods.lastYear).toBeCloseTo(55000, 6);
	});
});
