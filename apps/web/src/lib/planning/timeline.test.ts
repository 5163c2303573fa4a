import type { Action, NamedItem } from '@cap/plan-model';
import { describe, expect, it } from 'vitest';
import { applyDrag, buildLanes, dragDays, layoutRows, mondaysOf, monthsOf, stackRows } from './timeline.ts';

const action = (id: string, patch: Partial<Action> = {}): Action =>
	({ id, name: id, status: 'todo', ownerId: null, channelId: null, workstreamId: null, ...patch }) as Action;

describe('timeline geometry', () => {
	it('stacks overlapping key moments in rows, reusing a row once it is free', () => {
		const spans = [
			{ left: 0, right: 100 },
			{ left: 50, right: 120 },
			{ left: 110, right: 200 },
			{ left: 60, right: 70 }
		];
		expect(stackRows(spans)).toEqual({ rows: [0, 1, 0, 2], count: 3 });
		expect(stackRows([])).toEqual({ rows: [], count: 1 });
	});

	it('snaps a drag to whole days', () => {
		expect(dragDays(14, 10)).toBe(1);
		expect(dragDays(-16, 10)).toBe(-2);
		expect(Object.is(dragDays(-2, 10), 0)).toBe(true);
	});

	it('moves a bar or one edge, never past the other edge', () => {
		expect(applyDrag('move', '2027-01-30', '2027-02-02', 3)).toEqual({
			start: '2027-02-02',
			end: '2027-02-05'
		});
		expect(applyDrag('move', '2027-01-30', null, 1)).toEqual({ start: '2027-01-31', end: null });
		expect(applyDrag('start', '2027-01-10', '2027-01-12', 5)).toEqual({
			start: '2027-01-12',
			end: '2027-01-12'
		});
		expect(applyDrag('end', '2027-01-10', '2027-01-12', -5)).toEqual({
			start: '2027-01-10',
			end: '2027-01-10'
		});
		expect(applyDrag('end', '2027-01-10', null, 2)).toEqual({ start: '2027-01-10', end: '2027-01-12' });
	});

	it('groups actions in list order with the unassigned lane last', () => {
		const items = [
			{ id: 'c1', name: 'Salons', order: 'a' },
			{ id: 'c2', name: 'E-mailing', order: 'b' },
			{ id: 'c3', name: 'Presse', order: 'c' }
		] as NamedItem[];
		const lanes = buildLanes(
			[
				action('a', { channelId: 'c2' }),
				action('b'),
				action('c', { channelId: 'c1' }),
				action('d', { channelId: 'gone' })
			],
			'channel',
			items,
			'—'
		);
		expect(lanes.map((l) => [l.id, l.actions.map((a) => a.id)])).toEqual([
			['c1', ['c']],
			['c2', ['a']],
			[null, ['b', 'd']]
		]);
		const { rows, height } = layoutRows(lanes, 20, 30);
		expect(rows.map((r) => r.y)).toEqual([0, 20, 50, 70, 100, 120, 150]);
		expect(height).toBe(180);
	});

	it('knows the months and Mondays of a year', () => {
		const months = monthsOf(2028);
		expect(months[1]).toEqual({ from: '2028-02-01', offset: 31, days: 29 });
		expect(months.reduce((s, m) => s + m.days, 0)).toBe(366);
		expect(mondaysOf(2027)[0]).toEqual({ iso: '2027-01-04', offset: 3 });
	});
});
