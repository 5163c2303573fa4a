import { describe, expect, it } from 'vitest';
import {
	computeIndicator,
	computeIndicators,
	cpm,
	directedGap,
	INDICATORS,
	INDICATOR_IDS,
	kpiStatus,
	ratio,
	roi
} from './indicators.ts';
import { selectBaseFigures, updateSteering } from './steering.ts';
import { alice, expectRefused, newPlan } from './test-utils.ts';

describe('indicator library', () => {
	it('IND-1 the formulas of the method, with worked examples', () => {
		// 10 000 spent, 25 000 revenue: ROI = (25 000 − 10 000) / 10 000 = 1.5.
		expect(roi(25000, 10000)).toBe(1.5);
		expect(roi(5000, 10000)).toBe(-0.5);
		// 200 000 impressions for 1 000: CPM = 1 000 / 200 000 × 1 000 = 5.
		expect(cpm(1000, 200000)).toBe(5);
		const f = {
			spend: 10000,
			impressions: 200000,
			clicks: 4000,
			leads: 250,
			orders: 100,
			revenue: 25000,
			contacts: 5000,
			opens: 1500
		};
		expect(Object.fromEntries(INDICATOR_IDS.map((id) => [id, computeIndicator(id, f)]))).toEqual({
			roi: 1.5,
			cpa: 100, // 10 000 / 100 orders
			cpl: 40, // 10 000 / 250 leads
			averageBasket: 250, // 25 000 / 100
			conversionRate: 0.02, // 100 / 5 000 contacts
			cpc: 2.5, // 10 000 / 4 000 clicks
			cpm: 50, // 10 000 / 200 000 × 1 000
			ctr: 0.02, // 4 000 / 200 000
			openRate: 0.3, // 1 500 / 5 000
			clickRate: 4000 / 1500
		});
	});

	it('IND-2 a missing input or a zero divisor is not computable (null), never 0 or Infinity', () => {
		expect(ratio(10, 0)).toBeNull();
		expect(ratio(null, 5)).toBeNull();
		expect(ratio(0, 5)).toBe(0);
		expect(roi(1000, 0)).toBeNull();
		expect(roi(null, 100)).toBeNull();
		const values = computeIndicators({ spend: 500, leads: 0 });
		const cpl = values.find((v) => v.id === 'cpl');
		expect(cpl).toMatchObject({ value: null, missing: ['leads'] });
		expect(values.find((v) => v.id === 'roi')).toMatchObject({ value: null, missing: ['revenue'] });
		expect(computeIndicators({}).every((v) => v.value === null)).toBe(true);
	});

	it('IND-3 the library is grouped by family, each with inputs and direction; base figures are stored', () => {
		expect(new Set(INDICATORS.map((i) => i.id))).toEqual(new Set(INDICATOR_IDS));
		expect(INDICATORS.find((i) => i.id === 'cpa')).toMatchObject({ family: 'acquisition', better: 'lower' });
		const doc = newPlan();
		updateSteering(doc, { figures: { spend: 1000, leads: 20 } }, alice);
		expect(selectBaseFigures(doc)).toMatchObject({ spend: 1000, leads: 20, clicks: null });
		expect(computeIndicator('cpl', selectBaseFigures(doc))).toBe(50);
		expectRefused(doc, () => updateSteering(doc, { figures: { views: 3 } as never }, alice), 'invalid_input');
	});
});

describe('gaps and status', () => {
	it('KPI-3 the gap is read in the key result direction: a lower CPA is good', () => {
		expect(directedGap(120, 100, 'increase')).toEqual({
			value: 20,
			ratio: 0.2,
			favourable: 20,
			favourableRatio: 0.2
		});
		expect(directedGap(45, 50, 'decrease')).toEqual({
			value: -5,
			ratio: -0.1,
			favourable: 5,
			favourableRatio: 0.1
		});
		expect(directedGap(60, 50, 'decrease')?.favourableRatio).toBe(-0.2);
		expect(directedGap(null, 50)).toBeNull();
		expect(directedGap(5, 0)).toEqual({ value: 5, ratio: null, favourable: 5, favourableRatio: null });
	});

	it('KPI-4 on track, at risk and off track follow the thresholds, in the direction', () => {
		const t = { atRiskPct: 5, offTrackPct: 15 };
		expect(kpiStatus(directedGap(95, 100), t)).toBe('on_track'); // exactly 5 % short
		expect(kpiStatus(directedGap(94, 100), t)).toBe('at_risk');
		expect(kpiStatus(directedGap(85, 100), t)).toBe('at_risk');
		expect(kpiStatus(directedGap(84, 100), t)).toBe('off_track');
		expect(kpiStatus(directedGap(130, 100), t)).toBe('on_track');
		// CPA 60 against 50 forecast is 20 % worse: off track; 40 is ahead.
		expect(kpiStatus(directedGap(60, 50, 'decrease'), t)).toBe('off_track');
		expect(kpiStatus(directedGap(40, 50, 'decrease'), t)).toBe('on_track');
		expect(kpiStatus(directedGap(-1, 0), t)).toBe('off_track');
		expect(kpiStatus(null, t)).toBeNull();
	});
});
