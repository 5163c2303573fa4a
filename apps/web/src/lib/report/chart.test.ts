import type { KeyResultTracking } from '@cap/plan-model';
import { describe, expect, it } from 'vitest';
import { CHART, krChart } from './chart.ts';

const year = { from: '2027-01-01', to: '2027-12-31' };

function tracking(points: { date: string; actual: number | null }[]): KeyResultTracking {
	return {
		keyResult: { baseline: 0, target: 200, deadline: null } as KeyResultTracking['keyResult'],
		points: points.map((p, i) => ({
			measurementId: String(i),
			forecast: null,
			forecastEntered: false,
			...p
		})),
		latest: null,
		value: null,
		gap: null,
		status: null,
		progress: null
	};
}

describe('key result chart on paper', () => {
	it('runs over the whole year (twelve months, December included) with the target line above the path', () => {
		const c = krChart(tracking([{ date: '2027-03-31', actual: 30 }]), year);
		expect(c.months).toHaveLength(12);
		const right = CHART.width - CHART.right;
		expect(c.months[11]!).toBeLessThan(right);
		// The planned path ends on December 31st at the target's height.
		const [, end] = c.path.split(' ');
		expect(Number(end!.split(',')[0])).toBeCloseTo(right - (right - CHART.left) / 365, 0);
		expect(Number(end!.split(',')[1])).toBeCloseTo(c.target!, 1);
		expect(c.dots).toHaveLength(1);
	});
});
