/**
 * The action table's columns and its view state (sort, filters, grouping), as pure functions of the
 * actions and the plan's lists, so the table, the board and the tests share one definition. Saved views
 * are kept per browser (localStorage), never in the shared plan: they are one person's way of looking.
 */
import { ACTION_STATUSES, type Action, type ActionStatus } from '@cap/plan-model';

/** The name comes first and stays in view when the table scrolls sideways (a frozen column). */
export const COLUMNS = [
	'name',
	'status',
	'workstream',
	'description',
	'keyResults',
	'priority',
	'owner',
	'personDays',
	'period',
	'start',
	'end',
	'dependencies',
	'channel',
	'target',
	'productLine',
	'plannedCost',
	'recurrence'
] as const;
export type Column = (typeof COLUMNS)[number];

/** Columns whose value is one reference or enum: filterable by value, groupable. */
export const FILTER_COLUMNS = [
	'status',
	'owner',
	'workstream',
	'channel',
	'period',
	'priority',
	'target',
	'productLine'
] as const;
export type FilterColumn = (typeof FILTER_COLUMNS)[number];

/**
 * The columns "Group by" offers: those whose values a team sorts work into (a list, an enum, a month).
 * Free text, names, descriptions, numbers, links and recurrence make one group per row or a meaningless
 * split, so they are not offered (a saved view grouping by one of them opens ungrouped).
 */
export const GROUP_COLUMNS = [...FILTER_COLUMNS, 'start', 'end'] as const satisfies readonly Column[];
export type GroupColumn = (typeof GROUP_COLUMNS)[number];

export function isGroupColumn(column: unknown): column is GroupColumn {
	return (GROUP_COLUMNS as readonly unknown[]).includes(column);
}

/** Width of each column in pixels (the grid scrolls horizontally on narrow screens). */
export const COLUMN_WIDTH: Record<Column, number> = {
	status: 130,
	workstream: 150,
	name: 240,
	description: 200,
	keyResults: 170,
	priority: 110,
	owner: 150,
	personDays: 100,
	period: 170,
	start: 140,
	end: 140,
	dependencies: 170,
	channel: 140,
	target: 140,
	productLine: 150,
	plannedCost: 130,
	recurrence: 160
};

/** Where the active cell goes after an edit ends. */
export type Move = 'stay' | 'down' | 'up' | 'right' | 'left';

/** Value of an empty reference in filters ("no owner"). */
export const NONE = '__none__';

export interface ViewState {
	search: string;
	filters: Partial<Record<FilterColumn, string[]>>;
	sort: { column: Column; dir: 'asc' | 'desc' } | null;
	/** Any column groups: lists by value, the others by a derived key (see groupKey). */
	group: Column | null;
}

export const EMPTY_VIEW: ViewState = { search: '', filters: {}, sort: null, group: null };

/** What a column needs to turn ids into words: resolved once per render. */
export interface Lookup {
	label: (column: Column, action: Action) => string;
	/** Heading of a group of a derived key (months, buckets, has / has none); the key itself without. */
	groupLabel?: (column: Column, key: string) => string;
	/** The one period an action counts in (plan-model's actionPeriodId, PLAN-8); its periodId without. */
	periodOf?: (action: Action) => string | null;
}

/** Upper bounds of the person-days and planned-cost buckets (the last bucket is open). */
export const PERSON_DAYS_BUCKETS = [1, 5, 10, 20] as const;
export const COST_BUCKETS = [1000, 5000, 10000, 50000] as const;

/** Index of the bucket a value falls in: 0 below the first bound... bounds.length above the last. */
export function bucketOf(value: number, bounds: readonly number[]): number {
	const i = bounds.findIndex((b) => value < b);
	return i === -1 ? bounds.length : i;
}

function isFilterColumn(column: Column): column is FilterColumn {
	return (FILTER_COLUMNS as readonly string[]).includes(column);
}

/**
 * The key an action is grouped under for any column: the value of a list column; the first letter of
 * the name; the month (YYYY-MM) of a date; a bucket index of person-days and costs; the sorted linked
 * key results; 'yes' / NONE for dependencies, description and recurrence. NONE for an empty value.
 */
export function groupKey(action: Action, column: Column, lookup?: Lookup): string {
	if (isFilterColumn(column)) return filterValue(action, column, lookup);
	switch (column) {
		case 'name': {
			const letter = normalise(action.name.trim()).charAt(0).toLocaleUpperCase();
			if (letter === '') return NONE;
			return /\p{L}/u.test(letter) ? letter : '#';
		}
		case 'start':
		case 'end': {
			const date = action[column];
			return date ? date.slice(0, 7) : NONE;
		}
		case 'personDays':
			return action.personDays === null ? NONE : String(bucketOf(action.personDays, PERSON_DAYS_BUCKETS));
		case 'plannedCost':
			return action.plannedCost === null ? NONE : String(bucketOf(action.plannedCost, COST_BUCKETS));
		case 'keyResults':
			return action.keyResultIds.length === 0 ? NONE : [...action.keyResultIds].sort().join(',');
		case 'dependencies':
			return action.dependsOn.length === 0 ? NONE : 'yes';
		case 'recurrence':
			return action.recurrence === null ? NONE : 'yes';
		case 'description':
			return action.descriptionText.trim() === '' ? NONE : 'yes';
	}
}

/** Derived keys with an order of their own (letters, months, buckets) sort; lists keep first-seen order. */
const ORDERED_GROUPS: ReadonlySet<Column> = new Set(['name', 'start', 'end', 'personDays', 'plannedCost']);

/** The raw value a filter or a group compares: an id, an enum value, or NONE. */
export function filterValue(action: Action, column: FilterColumn, lookup?: Lookup): string {
	if (column === 'period' && lookup?.periodOf) return lookup.periodOf(action) ?? NONE;
	const v = {
		status: action.status,
		owner: action.ownerId,
		workstream: action.workstreamId,
		channel: action.channelId,
		period: action.periodId,
		priority: action.priority,
		target: action.targetId,
		productLine: action.productLineId
	}[column];
	return v ?? NONE;
}

const PRIORITY_RANK = { high: 0, medium: 1, low: 2 } as const;
const STATUS_RANK = Object.fromEntries(ACTION_STATUSES.map((s, i) => [s, i])) as Record<ActionStatus, number>;

/** The value a column sorts by: numbers and ISO dates compare as such, empty values always last. */
function sortKey(action: Action, column: Column, lookup: Lookup): string | number | null {
	switch (column) {
		case 'status':
			return STATUS_RANK[action.status];
		case 'priority':
			return PRIORITY_RANK[action.priority];
		case 'personDays':
			return action.personDays;
		case 'plannedCost':
			return action.plannedCost;
		case 'start':
			return action.start;
		case 'end':
			return action.end;
		case 'keyResults':
			return action.keyResultIds.length || null;
		case 'dependencies':
			return action.dependsOn.length || null;
		default: {
			const text = lookup.label(column, action);
			return text === '' ? null : text.toLocaleLowerCase();
		}
	}
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function normalise(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLocaleLowerCase();
}

/** Filters then sorts; without a sort the plan's own order (fractional keys) is kept. */
export function applyView(actions: Action[], view: ViewState, lookup: Lookup): Action[] {
	const words = normalise(view.search).split(/\s+/).filter(Boolean);
	const filters = Object.entries(view.filters).filter(([, values]) => values && values.length > 0) as [
		FilterColumn,
		string[]
	][];
	let rows = actions.filter((action) => {
		for (const [column, values] of filters) {
			if (!values.includes(filterValue(action, column, lookup))) return false;
		}
		if (words.length === 0) return true;
		const haystack = normalise(
			[action.name, action.descriptionText, ...COLUMNS.map((c) => lookup.label(c, action))].join(' ')
		);
		return words.every((w) => haystack.includes(w));
	});
	const sort = view.sort;
	if (sort) {
		const keyed = rows.map((action) => ({ action, key: sortKey(action, sort.column, lookup) }));
		const dir = sort.dir === 'asc' ? 1 : -1;
		keyed.sort((a, b) => {
			if (a.key === null && b.key === null) return 0;
			if (a.key === null) return 1;
			if (b.key === null) return -1;
			const c =
				typeof a.key === 'number' && typeof b.key === 'number'
					? a.key - b.key
					: collator.compare(String(a.key), String(b.key));
			return c * dir;
		});
		rows = keyed.map((k) => k.action);
	}
	return rows;
}

export interface Group {
	key: string;
	label: string;
	rows: Action[];
}

/**
 * Groups in first-seen order of the (sorted) rows; status groups always follow the status order; letters,
 * months and buckets in their own order. The "none" group always comes last for derived keys.
 */
export function groupRows(rows: Action[], column: Column, lookup: Lookup): Group[] {
	const groups = new Map<string, Group>();
	if (column === 'status') {
		for (const s of ACTION_STATUSES) groups.set(s, { key: s, label: '', rows: [] });
	}
	const derived = !isFilterColumn(column) && column !== 'keyResults';
	for (const action of rows) {
		const key = groupKey(action, column, lookup);
		let group = groups.get(key);
		if (!group) {
			group = { key, label: '', rows: [] };
			groups.set(key, group);
		}
		if (group.rows.length === 0) {
			group.label = derived
				? (lookup.groupLabel?.(column, key) ?? (key === NONE ? '' : key))
				: lookup.label(column, action);
		}
		group.rows.push(action);
	}
	const list = [...groups.values()].filter((g) => g.rows.length > 0);
	if (ORDERED_GROUPS.has(column)) {
		list.sort((a, b) => (a.key === NONE ? 1 : b.key === NONE ? -1 : collator.compare(a.key, b.key)));
	} else if (derived) {
		list.sort((a, b) => Number(a.key === NONE) - Number(b.key === NONE));
	}
	return list;
}

/** One line of the virtual list: a group heading or an action row. */
export type Line = { kind: 'group'; group: Group } | { kind: 'row'; action: Action; index: number };

export function toLines(rows: Action[], column: Column | null, lookup: Lookup): Line[] {
	if (!column) return rows.map((action, index) => ({ kind: 'row', action, index }));
	const lines: Line[] = [];
	let index = 0;
	for (const group of groupRows(rows, column, lookup)) {
		lines.push({ kind: 'group', group });
		for (const action of group.rows) lines.push({ kind: 'row', action, index: index++ });
	}
	return lines;
}

// ---- Saved views (per browser) -------------------------------------------------------------------

export interface SavedView {
	name: string;
	view: ViewState;
}

const STORAGE_KEY = 'cap.actions.views';

function isViewState(v: unknown): v is ViewState {
	if (!v || typeof v !== 'object') return false;
	const o = v as Record<string, unknown>;
	return typeof o.search === 'string' && typeof o.filters === 'object' && o.filters !== null;
}

export function loadSavedViews(storage: Pick<Storage, 'getItem'> | null, planId: string): SavedView[] {
	try {
		const all = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '{}') as Record<string, unknown>;
		const list = all[planId];
		if (!Array.isArray(list)) return [];
		return list.filter(
			(v): v is SavedView =>
				!!v && typeof (v as SavedView).name === 'string' && isViewState((v as SavedView).view)
		);
	} catch {
		return [];
	}
}

export function storeSavedViews(
	storage: Pick<Storage, 'getItem' | 'setItem'> | null,
	planId: string,
	views: SavedView[]
): void {
	try {
		const all = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '{}') as Record<string, unknown>;
		all[planId] = views;
		storage?.setItem(STORAGE_KEY, JSON.stringify(all));
	} catch {
		// Storage full or unavailable: the view lasts for this page only.
	}
}
