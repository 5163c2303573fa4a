import { describe, expect, it } from 'vitest';
import { selectActions } from './actions.ts';
import {
	addCorrectiveAction,
	addKpiMeasurement,
	plannedPath,
	selectKeyResultTracking,
	selectKpiMeasurements,
	updateKpiMeasurement,
	worstGaps
} from './kpi.ts';
import { addKeyResult, addMarketingObjective, selectKeyResults } from './objectives.ts';
import { selectSmartReport } from './smart.ts';
import { selectSteering, updateSteering } from './steering.ts';
import { alice, bob, expectRefused, newPlan, pair } from './test-utils.ts';
import type * as Y from 'yjs';

function objective(doc: Y.Doc): string {
	return addMarketingObjective(doc, { name: 'O', family: 'global', nature: 'quantitative' }, alice);
}

describe('KPI measurements', () => {
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
		const kr = addKeyResult(doc, { marketingObjectiveId: objective(doc), kpi: 'Leads' }, alice);
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

describe('key result tracking', () => {
	it('KPI-3 KPI-4 a lower CPA than forecast is on track; a higher one is off track', () => {
		const doc = newPlan();
		const o = objective(doc);
		const cpa = addKeyResult(
			doc,
			{ marketingObjectiveId: o, kpi: 'CPA', direction: 'decrease', baseline: 60, target: 40 },
			alice
		);
		const leads = addKeyResult(
			doc,
			{ marketingObjectiveId: o, kpi: 'Leads', baseline: 0, target: 1000 },
			alice
		);
		addKpiMeasurement(doc, { keyResultId: cpa, date: '2027-03-31', forecast: 50, actual: 45 }, alice);
		addKpiMeasurement(doc, { keyResultId: leads, date: '2027-03-31', forecast: 250, actual: 200 }, alice);
		const [tc] = selectKeyResultTracking(doc);
		let tl = selectKeyResultTracking(doc)[1];
		expect(tc).toMatchObject({ value: 45, status: 'on_track', gap: { value: -5, favourable: 5 } });
		expect(tc?.progress).toBeCloseTo(0.75, 6); // (45 − 60) / (40 − 60)
		expect(tl).toMatchObject({ value: 200, status: 'off_track', gap: { value: -50, favourableRatio: -0.2 } });
		// KPI-5: the team widens the thresholds; 20 % short is now only at risk.
		updateSteering(doc, { offTrackPct: 25 }, alice);
		tl = selectKeyResultTracking(doc)[1];
		expect(tl?.status).toBe('at_risk');
		expectRefused(doc, () => updateSteering(doc, { atRiskPct: 30 }, alice), 'invalid_input', 'atRiskPct');
		expect(selectSteering(doc).thresholds).toEqual({ atRiskPct: 5, offTrackPct: 25 });
	});

	it('KPI-7 a measurement without forecast is compared with the planned path', () => {
		expect(
			plannedPath({ baseline: 100, target: 200, deadline: null }, '2027-01-01', '2027-12-31', '2027-01-01')
		).toBe(100);
		expect(
			plannedPath(
				{ baseline: 100, target: 200, deadline: '2027-01-11' },
				'2027-01-01',
				'2027-12-31',
				'2027-01-06'
			)
		).toBe(150);
		expect(
			plannedPath({ baseline: null, target: 200, deadline: null }, '2027-01-01', '2027-12-31', '2028-02-01')
		).toBe(200);
		expect(
			plannedPath({ baseline: 1, target: null, deadline: null }, '2027-01-01', '2027-12-31', '2027-06-01')
		).toBeNull();
		const doc = newPlan();
		const kr = addKeyResult(
			doc,
			{
				marketingObjectiveId: objective(doc),
				kpi: 'Leads',
				baseline: 0,
				target: 100,
				deadline: '2027-01-11'
			},
			alice
		);
		addKpiMeasurement(doc, { keyResultId: kr, date: '2027-01-06', actual: 40 }, alice);
		const [t] = selectKeyResultTracking(doc);
		expect(t?.points[0]).toMatchObject({ forecast: 50, forecastEntered: false });
		expect(t?.gap).toMatchObject({ value: -10, favourableRatio: -0.2 });
	});

	it('KPI-8 the three worst gaps, worst first, favourable ones left out', () => {
		const doc = newPlan();
		const o = objective(doc);
		const names = ['A', 'B', 'C', 'D', 'E'];
		const actuals = [90, 50, 120, 70, 99];
		names.forEach((kpi, i) => {
			const kr = addKeyResult(doc, { marketingObjectiveId: o, kpi, target: 100 }, alice);
			addKpiMeasurement(
				doc,
				{ keyResultId: kr, date: '2027-05-01', forecast: 100, actual: actuals[i] },
				alice
			);
		});
		addKeyResult(doc, { marketingObjectiveId: o, kpi: 'Unmeasured' }, alice);
		expect(worstGaps(selectKeyResultTracking(doc)).map((t) => t.keyResult.kpi)).toEqual(['B', 'D', 'A']);
		expect(worstGaps([])).toEqual([]);
	});

	it('KPI-6 a corrective action is created from a gap in one step, linked to the key result', () => {
		const { a, b, sync } = pair();
		const kr = addKeyResult(a, { marketingObjectiveId: objective(a), kpi: 'Leads' }, alice);
		sync();
		expectRefused(
			b,
			() => addCorrectiveAction(b, { keyResultId: 'ghost', name: 'X' }, bob),
			'not_found',
			'keyResultId'
		);
		let transactions = 0;
		b.on('afterTransaction', () => transactions++);
		const id = addCorrectiveAction(b, { keyResultId: kr, name: 'Relance webinaire' }, bob);
		expect(transactions).toBe(1);
		sync();
		expect(selectActions(a)).toEqual([
			expect.objectContaining({
				id,
				name: 'Relance webinaire',
				priority: 'high',
				keyResultIds: [kr],
				correctiveForKeyResultId: kr
			})
		]);
	});
});

describe('KR-5 one current value per key result', () => {
	it('KR-5 the latest measurement wins over the typed current value, on every selector', () => {
		const doc = newPlan();
		// The case: cost per lead, typed "Actuel" at the target (100 %), measured far off it.
		const kr = addKeyResult(
			doc,
			{
				marketingObjectiveId: objective(doc),
				kpi: 'Coût par lead',
				baseline: 80,
				target: 50,
				current: 50,
				direction: 'decrease'
			},
			alice
		);
		const typed = selectKeyResults(doc)[0];
		expect(typed).toMatchObject({ value: 50, valueSource: 'typed', measuredOn: null, progress: 1 });

		addKpiMeasurement(doc, { keyResultId: kr, date: '2027-06-30', actual: 95 }, alice);
		addKpiMeasurement(doc, { keyResultId: kr, date: '2027-03-31', actual: 60 }, alice);
		addKpiMeasurement(doc, { keyResultId: kr, date: '2027-09-30', forecast: 55 }, alice);
		const measured = selectKeyResults(doc)[0]!;
		expect(measured).toMatchObject({ value: 95, valueSource: 'measured', measuredOn: '2027-06-30' });
		expect(measured.progress).toBe(0);
		const tracking = selectKeyResultTracking(doc)[0]!;
		expect(tracking.value).toBe(measured.value);
		expect(tracking.progress).toBe(measured.progress);
		expect(selectSmartReport(doc)[0]!.progress).toBe(measured.progress);
	});

	it('KR-5 without a typed value nor a measurement the key result has no value and no progress', () => {
		const doc = newPlan();
		addKeyResult(doc, { marketingObjectiveId: objective(doc), kpi: 'Leads', target: 100 }, alice);
		expect(selectKeyResults(doc)[0]).toMatchObject({ value: null, valueSource: null, progress: null });
	});
});
