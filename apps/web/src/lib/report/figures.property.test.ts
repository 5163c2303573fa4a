/**
 * One truth for every number (issue #24, SPEC FIG-1, FIG-2, KR-5, BUD-8): for random plans, every figure the
 * printed report shows (reportModel) and every figure the workbook writes (workbookSheets) equals the plan
 * model's selector for it. The plans mix what real ones hold: dated, monthly, weekly and period-placed
 * actions, undated ones (carried, promoted), dropped ones, actions with and without costs or estimates,
 * other costs, key results typed and measured, last year's items with and without revenue.
 */
import {
	addAction,
	addBudgetLine,
	addKeyResult,
	addKpiMeasurement,
	addListItem,
	addMarketingObjective,
	addReviewItem,
	generateTenDayPeriods,
	selectBudget,
	selectKeyResults,
	selectPeriodLoads,
	selectPeriods,
	selectReviewTotals,
	selectWorkshopOutcome,
	type Locale
} from '@cap/plan-model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { emptyPlan, me } from '#lib/exchange/fixture.ts';
import { workbookSheets } from '#lib/exchange/report-sheets.ts';
import type { Cell, Sheet } from '#lib/exchange/tables.ts';
import { reportModel } from './model.ts';

const amount = fc.option(
	fc.integer({ min: 0, max: 50_000 }).map((n) => n / 2),
	{ nil: null }
);
const day = fc
	.integer({ min: 0, max: 364 })
	.map((n) => new Date(Date.UTC(2027, 0, 1 + n)).toISOString().slice(0, 10));

const actionArb = fc.record({
	placement: fc.constantFrom('dated', 'monthly', 'weekly', 'period', 'none'),
	start: day,
	length: fc.integer({ min: 0, max: 20 }),
	period: fc.integer({ min: 0, max: 35 }),
	workstream: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
	dropped: fc.boolean(),
	plannedCost: amount,
	committedCost: amount,
	actualCost: amount,
	personDays: fc.option(
		fc.integer({ min: 0, max: 20 }).map((n) => n / 2),
		{ nil: null }
	),
	kr: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null })
});
const krArb = fc.record({
	baseline: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
	target: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
	current: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
	decrease: fc.boolean(),
	measures: fc.array(
		fc.record({ date: day, actual: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }) }),
		{
			maxLength: 3
		}
	)
});
const planArb = fc.record({
	actions: fc.array(actionArb, { maxLength: 12 }),
	keyResults: fc.array(krArb, { minLength: 1, maxLength: 3 }),
	lines: fc.array(fc.record({ planned: fc.integer({ min: 0, max: 9000 }), actual: amount }), {
		maxLength: 2
	}),
	review: fc.array(
		fc.record({ cost: amount, revenue: amount, leads: fc.option(fc.nat(300), { nil: null }) }),
		{
			maxLength: 3
		}
	)
});

type PlanSpec = typeof planArb extends fc.Arbitrary<infer T> ? T : never;

function build(spec: PlanSpec): Y.Doc {
	const doc = emptyPlan('Plan aléatoire', 2027);
	generateTenDayPeriods(doc, { year: 2027 }, me);
	const periods = selectPeriods(doc);
	const workstreams = ['Digital', 'Salons', 'Presse'].map((name) =>
		addListItem(doc, 'workstreams', { name }, me)
	);
	const mo = addMarketingObjective(doc, { name: 'Croître', family: 'global', nature: 'quantitative' }, me);
	const krs = spec.keyResults.map((k, i) => {
		const id = addKeyResult(
			doc,
			{
				marketingObjectiveId: mo,
				kpi: `KPI ${i + 1}`,
				baseline: k.baseline,
				target: k.target,
				current: k.current,
				direction: k.decrease ? 'decrease' : 'increase'
			},
			me
		);
		for (const m of k.measures)
			addKpiMeasurement(doc, { keyResultId: id, date: m.date, actual: m.actual }, me);
		return id;
	});
	spec.actions.forEach((a, i) => {
		const end = new Date(Date.parse(`${a.start}T00:00:00Z`) + a.length * 86_400_000)
			.toISOString()
			.slice(0, 10);
		const dated = a.placement === 'dated' || a.placement === 'monthly' || a.placement === 'weekly';
		addAction(
			doc,
			{
				name: `Action ${i + 1}`,
				status: a.dropped ? 'dropped' : 'todo',
				workstreamId: a.workstream === null ? null : workstreams[a.workstream]!,
				plannedCost: a.plannedCost,
				committedCost: a.committedCost,
				actualCost: a.actualCost,
				personDays: a.personDays,
				keyResultIds: a.kr === null || a.kr >= krs.length ? [] : [krs[a.kr]!],
				...(dated ? { start: a.start, end } : {}),
				...(a.placement === 'monthly' ? { recurrence: { freq: 'monthly' as const, interval: 1 } } : {}),
				...(a.placement === 'weekly' ? { recurrence: { freq: 'weekly' as const, interval: 2 } } : {}),
				...(a.placement === 'period' ? { periodId: periods[a.period]!.id } : {})
			},
			me
		);
	});
	spec.lines.forEach((l, i) =>
		addBudgetLine(doc, { label: `Poste ${i + 1}`, planned: l.planned, actual: l.actual }, me)
	);
	spec.review.forEach((r, i) => addReviewItem(doc, { name: `N-1 ${i + 1}`, ...r }, me));
	return doc;
}

/** A tab's table as objects keyed by column key. */
function rows(sheets: Sheet[], key: Sheet['key'], table = 0): Record<string, Cell>[] {
	const t = sheets.find((s) => s.key === key)!.tables[table]!;
	return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.key, r[i] ?? null])));
}

describe('one truth for every number', () => {
	it('FIG-1 FIG-2 KR-5 BUD-8 the report and the workbook show exactly the selectors figures', () => {
		fc.assert(
			fc.property(planArb, fc.constantFrom<Locale>('fr', 'en'), (spec, locale) => {
				const doc = build(spec);
				const budget = selectBudget(doc);
				const keyResults = selectKeyResults(doc);
				const report = reportModel(doc);

				// The report: cover, year page, key results, periods, budget, review.
				expect(report.figures.actionsCost).toBe(budget.methods.bottomUp);
				expect(report.figures.budget).toEqual(budget);
				const live = budget.actions.map((c) => c.action.id).sort();
				expect(report.year.lanes.flatMap((l) => l.rows.map((r) => r.action.id)).sort()).toEqual(live);
				expect(report.figures.actionCount).toBe(live.length);
				const shown = report.chains.flatMap((c) => c.objectives.flatMap((o) => o.keyResults));
				expect(shown.map((t) => [t.keyResult.id, t.value, t.progress])).toEqual(
					keyResults.map((k) => [k.id, k.value, k.progress])
				);
				expect(report.periods).toEqual(selectPeriodLoads(doc));
				expect(report.review.totals).toEqual(selectReviewTotals(doc));
				expect(report.workshop).toEqual(selectWorkshopOutcome(doc));

				// The workbook: Budget, Tableau de bord, Bilan N-1.
				const sheets = workbookSheets(doc, locale);
				const costs = rows(sheets, 'budget');
				const total = costs.at(-1)!;
				expect([total.planned, total.committed, total.actual, total.gap]).toEqual([
					budget.plannedTotal,
					budget.committedTotal,
					budget.actualTotal,
					budget.gap
				]);
				expect(costs.slice(0, budget.actions.length).map((r) => [r.label, r.planned, r.actual])).toEqual(
					budget.actions.map((c) => [c.action.name, c.planned, c.actual])
				);
				const methods = rows(sheets, 'budget', 1);
				expect(methods.slice(1, 4).map((r) => r.amount)).toEqual([
					budget.methods.lastYear,
					budget.methods.revenuePct,
					budget.methods.bottomUp
				]);
				const breakdowns = rows(sheets, 'budget', 2);
				expect(breakdowns.map((r) => r.planned)).toEqual(
					(['channel', 'workstream', 'objective', 'quarter', 'month'] as const).flatMap((by) =>
						budget.breakdowns[by].map((b) => b.planned)
					)
				);
				const krRows = rows(sheets, 'dashboard', 1);
				expect(krRows.map((r) => [r.value, r.progress])).toEqual(
					keyResults.map((k) => [k.value, k.progress])
				);
				const reviewTotals = rows(sheets, 'review', 1);
				const totals = selectReviewTotals(doc);
				expect([reviewTotals[0]!.amount, reviewTotals[1]!.amount, reviewTotals[2]!.ratio]).toEqual([
					totals.cost,
					totals.revenue,
					totals.roi
				]);
				// BUD-8: nothing not entered is written as 0.
				if (budget.actualTotal === null) expect(total.actual).toBeNull();
			}),
			{ numRuns: 60 }
		);
	});
});
