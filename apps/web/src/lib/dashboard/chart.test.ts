import {
	addKeyResult,
	addKpiMeasurement,
	addMarketingObjective,
	selectKeyResultTracking
} from '@cap/plan-model';
import { describe, expect, it } from 'vitest';
import { emptyPlan, me } from '#lib/exchange/fixture.ts';
import { krChartData } from './chart.ts';

describe('dashboard key result chart', () => {
	it('spans the whole year, December included, with the target on every point', () => {
		const doc = emptyPlan();
		const mo = addMarketingObjective(doc, { name: 'O', family: 'global', nature: 'quantitative' }, me);
		const kr = addKeyResult(doc, { marketingObjectiveId: mo, kpi: 'Leads', baseline: 0, target: 1200 }, me);
		addKpiMeasurement(doc, { keyResultId: kr, date: '2027-03-31', actual: 200 }, me);
		addKpiMeasurement(doc, { keyResultId: kr, date: '2027-11-30', actual: 900 }, me);
		const data = krChartData(selectKeyResultTracking(doc)[0]!, 2027);
		expect(data.map((d) => d.date.toISOString().slice(0, 10))).toEqual([
			'2027-01-01',
			'2027-03-31',
			'2027-11-30',
			'2027-12-31'
		]);
		expect(data.every((d) => d.target === 1200)).toBe(true);
		expect([data[0]!.forecast, data.at(-1)!.forecast]).toEqual([0, 1200]);
		expect(data.map((d) => d.actual)).toEqual([null, 200, 900, null]);
	});
});
