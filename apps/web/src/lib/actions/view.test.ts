import type { Action } from '@cap/plan-model';
import { describe, expect, it } from 'vitest';
import {
	applyView,
	EMPTY_VIEW,
	GROUP_COLUMNS,
	groupRows,
	loadSavedViews,
	NONE,
	storeSavedViews,
	toLines,
	type Lookup
} from './view.ts';

function action(id: string, patch: Partial<Action> = {}): Action {
	return {
		id,
		name: id,
		status: 'todo',
		workstreamId: null,
		descriptionText: '',
		keyResultIds: [],
		priority: 'medium',
		ownerId: null,
		personDays: null,
		periodId: null,
		start: null,
		end: null,
		dependsOn: [],
		channelId: null,
		targetId: null,
		productLineId: null,
		plannedCost: null,
		committedCost: null,
		actualCost: null,
		recurrence: null,
		ideaId: null,
		reviewItemId: null,
		correctiveForKeyResultId: null,
		createdAt: 0,
		order: id,
		...patch
	};
}

const owners: Record<string, string> = { m1: 'Marie', m2: 'Karim' };
const lookup: Lookup = {
	label: (column, a) =>
		column === 'owner' ? (a.ownerId ? owners[a.ownerId]! : '') : column === 'name' ? a.name : ''
};

const rows = [
	action('Salon', { ownerId: 'm1', plannedCost: 5000, status: 'done' }),
	action('Newsletter', { ownerId: 'm2', plannedCost: 200 }),
	action('Émission radio', { descriptionText: 'spot de 30 s' }),
	action('LinkedIn', { ownerId: 'm1' })
];

describe('applyView', () => {
	it('keeps the plan order without a sort', () => {
		expect(applyView(rows, EMPTY_VIEW, lookup).map((a) => a.id)).toEqual(rows.map((a) => a.id));
	});
	it('searches names, descriptions and labels, ignoring accents and case', () => {
		const find = (search: string) => applyView(rows, { ...EMPTY_VIEW, search }, lookup).map((a) => a.id);
		expect(find('emission')).toEqual(['Émission radio']);
		expect(find('SPOT')).toEqual(['Émission radio']);
		expect(find('karim')).toEqual(['Newsletter']);
	});
	it('filters and groups by the period an action counts in (PLAN-8), not only the assigned one', () => {
		const periods = [{ id: 'p1', name: 'P1', start: '2027-01-01', end: '2027-01-10', days: 10 }];
		const withPeriods: Lookup = {
			...lookup,
			periodOf: (a) =>
				a.periodId ?? periods.find((p) => a.start && p.start <= a.start && a.start <= p.end)?.id ?? null
		};
		const planned = [
			action('Assignée', { periodId: 'p1' }),
			action('Datée', { start: '2027-01-05' }),
			action('Ailleurs', { start: '2027-06-05' })
		];
		const view = { ...EMPTY_VIEW, filters: { period: ['p1'] } };
		expect(applyView(planned, view, withPeriods).map((a) => a.id)).toEqual(['Assignée', 'Datée']);
		expect(groupRows(planned, 'period', withPeriods).map((g) => [g.key, g.rows.map((a) => a.id)])).toEqual([
			['p1', ['Assignée', 'Datée']],
			[NONE, ['Ailleurs']]
		]);
	});
	it('offers to group only by columns that sort work into groups', () => {
		expect([...GROUP_COLUMNS].sort()).toEqual(
			[
				'channel',
				'end',
				'owner',
				'period',
				'priority',
				'productLine',
				'start',
				'status',
				'target',
				'workstream'
			].sort()
		);
	});
	it('filters by value, "none" included', () => {
		const view = { ...EMPTY_VIEW, filters: { owner: ['m1', NONE] } };
		expect(applyView(rows, view, lookup).map((a) => a.id)).toEqual(['Salon', 'Émission radio', 'LinkedIn']);
	});
	it('sorts numbers numerically with empty values last, both ways', () => {
		const asc = applyView(rows, { ...EMPTY_VIEW, sort: { column: 'plannedCost', dir: 'asc' } }, lookup);
		expect(asc.map((a) => a.plannedCost)).toEqual([200, 5000, null, null]);
		const desc = applyView(rows, { ...EMPTY_VIEW, sort: { column: 'plannedCost', dir: 'desc' } }, lookup);
		expect(desc.map((a) => a.plannedCost)).toEqual([5000, 200, null, null]);
	});
	it('groups rows under headings, status groups in status order', () => {
		const lines = toLines(rows, 'status', lookup);
		expect(lines.map((l) => (l.kind === 'group' ? `# ${l.group.key}` : l.action.id))).toEqual([
			'# todo',
			'Newsletter',
			'Émission radio',
			'LinkedIn',
			'# done',
			'Salon'
		]);
	});
	it('groups by any column: months of start, letters, buckets, has / has none, "none" last', () => {
		const dated = [
			action('b', {
				start: '2027-03-10',
				personDays: 12,
				recurrence: { freq: 'monthly', interval: 1, until: null }
			}),
			action('a', { start: null, personDays: 0.5, dependsOn: ['b'] }),
			action('c', { start: '2027-01-31', personDays: null }),
			action('Été', { start: '2027-03-01', plannedCost: 60000 })
		];
		const heads = (column: Parameters<typeof toLines>[1]) =>
			toLines(dated, column, lookup).flatMap((l) =>
				l.kind === 'group' ? [`${l.group.key}:${l.group.rows.length}`] : []
			);
		expect(heads('start')).toEqual(['2027-01:1', '2027-03:2', `${NONE}:1`]);
		expect(heads('name')).toEqual(['A:1', 'B:1', 'C:1', 'E:1']);
		expect(heads('personDays')).toEqual(['0:1', '3:1', `${NONE}:2`]);
		expect(heads('plannedCost')).toEqual(['4:1', `${NONE}:3`]);
		expect(heads('dependencies')).toEqual(['yes:1', `${NONE}:3`]);
		expect(heads('recurrence')).toEqual(['yes:1', `${NONE}:3`]);
		const withLabels = toLines(dated, 'start', { ...lookup, groupLabel: (_c, key) => `month ${key}` });
		expect(withLabels[0]).toMatchObject({ kind: 'group', group: { label: 'month 2027-01' } });
	});
});

describe('saved views', () => {
	it('are stored per plan and survive bad storage content', () => {
		const store = new Map<string, string>();
		const storage = {
			getItem: (k: string) => store.get(k) ?? null,
			setItem: (k: string, v: string) => void store.set(k, v)
		};
		storeSavedViews(storage, 'p1', [{ name: 'Mes actions', view: { ...EMPTY_VIEW, search: 'salon' } }]);
		expect(loadSavedViews(storage, 'p1')).toEqual([
			{ name: 'Mes actions', view: { ...EMPTY_VIEW, search: 'salon' } }
		]);
		expect(loadSavedViews(storage, 'p2')).toEqual([]);
		store.set('cap.actions.views', '{not json');
		expect(loadSavedViews(storage, 'p1')).toEqual([]);
	});
});
