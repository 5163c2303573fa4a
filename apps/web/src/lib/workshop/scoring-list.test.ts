import { describe, expect, it } from 'vitest';
import { ideasToScore } from './scoring-list.ts';

const ballot = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ({ id }));

describe('ideas to score', () => {
	it('are the most voted once votes are revealed, ties at the edge included, in ballot order', () => {
		const votes = { a: 1, b: 5, c: 3, d: 3, e: 2, f: 2, g: 0 };
		expect(ideasToScore(ballot, votes, true, false, 3).map((i) => i.id)).toEqual(['b', 'c', 'd']);
		expect(ideasToScore(ballot, votes, true, false, 4).map((i) => i.id)).toEqual(['b', 'c', 'd', 'e', 'f']);
	});

	it('are every idea before the reveal, on request, or when nobody voted', () => {
		expect(ideasToScore(ballot, { a: 2 }, false, false)).toHaveLength(7);
		expect(ideasToScore(ballot, { a: 2 }, true, true)).toHaveLength(7);
		expect(ideasToScore(ballot, {}, true, false)).toHaveLength(7);
		expect(ideasToScore(ballot, { a: 2, c: 1 }, true, false).map((i) => i.id)).toEqual(['a', 'c']);
	});
});
