import { describe, expect, it } from 'vitest';
import { matchesTags, type TagFilter } from './tags.ts';

const any: TagFilter = { lever: '', channel: '', target: '', objective: '' };
const tags = { levers: ['price'], channelIds: ['c1'], targetIds: ['t1'], objectiveIds: ['o1', 'o2'] };
const none = { levers: [], channelIds: [], targetIds: [], objectiveIds: [] };

describe('matchesTags', () => {
	it('keeps every idea when no filter is set', () => {
		expect(matchesTags(tags, any)).toBe(true);
		expect(matchesTags(none, any)).toBe(true);
	});
	it('filters by each kind of tag, and by several at once', () => {
		expect(matchesTags(tags, { ...any, lever: 'price' })).toBe(true);
		expect(matchesTags(tags, { ...any, lever: 'place' })).toBe(false);
		expect(matchesTags(tags, { ...any, channel: 'c1' })).toBe(true);
		expect(matchesTags(tags, { ...any, channel: 'c2' })).toBe(false);
		expect(matchesTags(tags, { ...any, target: 't1' })).toBe(true);
		expect(matchesTags(none, { ...any, target: 't1' })).toBe(false);
		expect(matchesTags(tags, { ...any, objective: 'o2' })).toBe(true);
		expect(matchesTags(tags, { lever: 'price', channel: 'c1', target: 't1', objective: 'o1' })).toBe(true);
		expect(matchesTags(tags, { lever: 'price', channel: 'c1', target: 't2', objective: 'o1' })).toBe(false);
	});
});
