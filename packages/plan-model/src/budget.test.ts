import { describe, expect, it } from 'vitest';
import { addAction, removeAction } from './actions.ts';
import {
	addBudgetLine,
	addKpiMeasurement,
	removeBudgetLine,
	selectBudget,
	selectKpiMeasurements,
	updateBudgetLine,
	updateKpiMeasurement
} from './budget.ts';
import { addKeyResult, addMarketingObjective } from './objectives.ts';
import { alice, expectRefused, newPlan } from './test-utils.ts';

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
			() => addBudgetLine(doc, { label: 'X', planned: 1, actionId: 'ghost' }, alice),
			'not_found',
			'actionId'
		);
		expect(selectBudget(doc).lines).toEqual([
			expect.objectContaining({ label: 'Stand', planned: 8000, actual: null })
		]);
	});

	it('BUD-2 the summary totals planned, actual, the gap and the bottom-up cost of actions', () => {
		const doc = newPlan();
		const salon = addAction(doc, { name: 'Salon', plannedCost: 10000 }, alice);
		addAction(doc, { name: 'Mailing', plannedCost: 2500 }, alice);
		addAction(doc, { name: 'Abandon', plannedCost: 99999, status: 'dropped' }, alice);
		const removed = addAction(doc, { name: 'Supprimée', plannedCost: 500 }, alice);
		removeAction(doc, { id: removed }, alice);
		addBudgetLine(
			doc,
			{ label: 'Stand', category: 'Événementiel', planned: 8000, actual: 9000, actionId: salon },
			alice
		);
		const ads = addBudgetLine(
			doc,
			{ label: 'Adwords', category: 'Digital', planned: 3000, actual: 1500 },
			alice
		);
		const summary = selectBudget(doc);
		expect(summary).toMatchObject({
			plannedTotal: 11000,
			actualTotal: 10500,
			gap: -500,
			actionsCostTotal: 12500
		});
		expect(summary.lines.map((l) => l.label)).toEqual(['Adwords', 'Stand']);
		removeBudgetLine(doc, { id: ads }, alice);
		expect(selectBudget(doc).plannedTotal).toBe(8000);
	});

	it('KPI-1 a measurement names a key result or a KPI', () => {
		const doc = newPlan();
		expectRefused(
			doc,
			() => addKpiMeasurement(doc, { date: '2027-03-31', actual: 10 }, alice),
			'invalid_input',
			'kpi'
		);
		expectRefused(
			doc,
			() => addKpiMeasurement(doc, { keyResultId: 'ghost', date: '2027-03-31' }, alice),
			'not_found',
			'keyResultId'
		);
		const mkt = addMarketingObjective(doc, { name: 'O', family: 'global', nature: 'quantitative' }, alice);
		const kr = addKeyResult(doc, { marketingObjectiveId: mkt, kpi: 'Leads' }, alice);
		const id = addKpiMeasurement(
			doc,
			{ keyResultId: kr, date: '2027-03-31', forecast: 100, actual: 80 },
			alice
		);
		expectRefused(
			doc,
			() => updateKpiMeasurement(doc, { id, keyResultId: null }, alice),
			'invalid_input',
			'kpi'
		);
		updateKpiMeasurement(doc, { id, keyResultId: null, kpi: 'Leads (CRM)' }, alice);
		expect(selectKpiMeasurements(doc)[0]).toMatchObject({ keyResultId: null, kpi: 'Leads (CRM)' });
	});

	it('KPI-2 the gap is actual minus forecast, also as a ratio; measurements are listed by date', () => {
		const doc = newPlan();
		addKpiMeasurement(doc, { kpi: 'CPL', date: '2027-06-30', forecast: 0, actual: 12 }, alice);
		addKpiMeasurement(doc, { kpi: 'Leads', date: '2027-03-31', forecast: 200, actual: 150 }, alice);
		addKpiMeasurement(doc, { kpi: 'Leads', date: '2027-04-30', forecast: 200 }, alice);
		const [march, april, june] = selectKpiMeasurements(doc);
		expect(march).toMatchObject({ date: '2027-03-31', gap: -50, gapRatio: -0.25 });
		expect(april).toMatchObject({ gap: null, gapRatio: null });
		expect(june).toMatchObject({ gap: 12, gapRatio: null });
	});
});
