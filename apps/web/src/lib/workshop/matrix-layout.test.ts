import { describe, expect, it } from 'vitest';
import { placeDots, type Spot } from './matrix-layout.ts';

const bounds = { left: 0, top: 0, right: 200, bottom: 150 };

function expectApart(spots: Spot[], step: number) {
	for (let i = 0; i < spots.length; i++)
		for (let j = i + 1; j < spots.length; j++) {
			const a = spots[i] as Spot;
			const b = spots[j] as Spot;
			expect(Math.abs(a.x - b.x) >= step || Math.abs(a.y - b.y) >= step, `${i} and ${j}`).toBe(true);
		}
}

describe('placeDots', () => {
	it('keeps a lone dot, and dots already apart, where they are', () => {
		const targets = [
			{ x: 50, y: 50 },
			{ x: 100, y: 50 }
		];
		expect(placeDots(targets, bounds, 20)).toEqual(targets);
	});

	it('spreads twenty dots on one spot around it, inside the plot', () => {
		const spots = placeDots(
			Array.from({ length: 20 }, () => ({ x: 100, y: 75 })),
			bounds,
			20
		);
		expect(spots[0]).toEqual({ x: 100, y: 75 });
		expectApart(spots, 20);
		for (const s of spots) expect(Math.hypot(s.x - 100, s.y - 75)).toBeLessThanOrEqual(3 * 20 * Math.SQRT2);
	});

	it('spreads dots piled in a corner without leaving the plot', () => {
		const spots = placeDots(
			Array.from({ length: 20 }, () => ({ x: 0, y: 0 })),
			bounds,
			20
		);
		expectApart(spots, 20);
		for (const s of spots) {
			expect(s.x).toBeGreaterThanOrEqual(0);
			expect(s.y).toBeGreaterThanOrEqual(0);
		}
	});

	it('places the same way every time', () => {
		const targets = [3, 1, 3, 3, 2, 1].map((v) => ({ x: v * 40, y: 150 - v * 30 }));
		expect(placeDots(targets, bounds, 20)).toEqual(placeDots(targets, bounds, 20));
	});
});
