import { describe, expect, it } from 'vitest';
import { AGENDA_STEPS, formatCountdown, readPrivate, weighted } from './state.ts';

describe('workshop helpers', () => {
	it('formats a countdown rounding up, so 0:00 shows only at the end', () => {
		expect(formatCountdown(300_000)).toBe('5:00');
		expect(formatCountdown(299_001)).toBe('5:00');
		expect(formatCountdown(61_000)).toBe('1:01');
		expect(formatCountdown(1)).toBe('0:01');
		expect(formatCountdown(0)).toBe('0:00');
		expect(formatCountdown(-5)).toBe('0:00');
		expect(formatCountdown(3_725_000)).toBe('1:02:05');
	});

	it('reads my private document and ignores malformed entries', () => {
		const state = readPrivate({
			drafts: {
				b: { title: 'Second', createdAt: 2, tags: { levers: ['price'] } },
				a: { title: 'First', createdAt: 1 },
				bad: { createdAt: 3 }
			},
			votes: { i1: 2, i2: 'x' },
			scores: { 'i1:impact': 4 }
		});
		expect(state.drafts.map((d) => d.title)).toEqual(['First', 'Second']);
		expect(state.drafts[1]?.levers).toEqual(['price']);
		expect(state.votes).toEqual({ i1: 2 });
		expect(state.scores).toEqual({ 'i1:impact': 4 });
	});

	it('weights criteria averages and skips unscored criteria', () => {
		const weights = { relevance: 1, impact: 3, skills: 1, time: 1, budget: 0 };
		expect(weighted({ impact: 5, relevance: 1 }, weights)).toBe(4);
		expect(weighted({}, weights)).toBeNull();
	});

	it('shows the agenda without its frame', () => {
		expect(AGENDA_STEPS[0]).toBe('brief');
		expect(AGENDA_STEPS).not.toContain('closed');
	});
});
