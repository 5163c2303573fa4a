/**
 * The plan as the workbook's tabs, before any spreadsheet library is involved: plain rows of plain
 * values read from plan-model selectors, with each column's kind (date, money...) so the writer can
 * give Excel real dates and number formats. References are written by name (what a person reads);
 * ids go in their own columns so a re-import matches records even after a rename.
 */
import {
	selectActions,
	selectBusinessObjectives,
	selectKeyResults,
	selectList,
	selectMarketingObjectives,
	selectPeriods,
	selectSettings,
	type Locale
} from '@cap/plan-model';
import type * as Y from 'yjs';
import {
	COLUMNS,
	DIRECTION_WORDS,
	recurrenceText,
	FAMILY_WORDS,
	NATURE_WORDS,
	PRIORITY_WORDS,
	SETTING_KEYS,
	SHEETS,
	STATUS_WORDS,
	type ColumnKey,
	type SheetKey
} from './vocab.ts';

export type Cell = string | number | null;
export type Kind = 'text' | 'longtext' | 'date' | 'money' | 'number' | 'percent' | 'id';

/** A list a column's values must come from: fixed words, or another tab's column (by its letter range). */
export type Choice = { words: string[] } | { range: string };

export interface Table {
	columns: { key: string; header: string; kind: Kind; choice?: Choice }[];
	rows: Cell[][];
}

export interface Sheet {
	key: SheetKey;
	name: string;
	/** One table, or several side by side separated by an empty column (the Réglages tab). */
	tables: Table[];
	/** Rows above the tables (the tab's title and a line of context), merged across the columns. */
	title?: string[];
}

export const SEP = '; ';

/** The kind of each column that is not text. */
const KINDS: Partial<Record<ColumnKey, Kind>> = {
	actionId: 'id',
	objectiveId: 'id',
	keyResultId: 'id',
	description: 'longtext',
	rationale: 'longtext',
	personDays: 'number',
	start: 'date',
	end: 'date',
	cost: 'money',
	threshold: 'number',
	endDate: 'date',
	baseline: 'number',
	targetValue: 'number',
	current: 'number',
	deadline: 'date',
	progress: 'percent',
	periodStart: 'date',
	periodEnd: 'date',
	capacity: 'number'
};

function table(
	locale: Locale,
	keys: ColumnKey[],
	rows: Cell[][],
	choices: Partial<Record<ColumnKey, Choice>> = {}
): Table {
	return {
		columns: keys.map((key) => ({
			key,
			header: COLUMNS[key][locale],
			kind: KINDS[key] ?? 'text',
			...(choices[key] && { choice: choices[key] })
		})),
		rows
	};
}

export const ACTION_COLUMNS: ColumnKey[] = [
	'action',
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
	'dependsOn',
	'channel',
	'target',
	'productLine',
	'cost',
	'recurrence',
	'actionId'
];

export const OBJECTIVE_COLUMNS: ColumnKey[] = [
	'businessObjective',
	'marketingObjective',
	'family',
	'nature',
	'metric',
	'threshold',
	'endDate',
	'rationale',
	'kpi',
	'unit',
	'baseline',
	'targetValue',
	'direction',
	'current',
	'deadline',
	'priority',
	'levers',
	'progress',
	'objectiveId',
	'keyResultId'
];

/** The columns an import reads back from the export's Bilan N-1, Budget and Tableau de bord tabs. */
export const REVIEW_COLUMNS: ColumnKey[] = [
	'reviewName',
	'result',
	'revenue',
	'cost',
	'conversions',
	'contacts',
	'channel',
	'feedback',
	'decision',
	'target',
	'leads'
];
export const BUDGET_COLUMNS: ColumnKey[] = ['costKind', 'category', 'line', 'planned', 'committed', 'actual'];
export const DASHBOARD_COLUMNS: ColumnKey[] = ['kpi', 'date', 'forecast', 'measured'];

/** The Réglages tab: side-by-side lists, whose columns also feed the other tabs' drop-down lists. */
export const SETTINGS_GROUPS: ColumnKey[][] = [
	['setting', 'value'],
	['periodName', 'periodStart', 'periodEnd'],
	['member', 'email', 'jobRole', 'capacity'],
	['workstreams'],
	['channels'],
	['productLines'],
	['targets']
];

/** Excel column letters of a 1-based index. */
export function letters(index: number): string {
	let out = '';
	for (let n = index; n > 0; n = Math.floor((n - 1) / 26))
		out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
	return out;
}

/** Where each Réglages list lands, so drop-downs elsewhere can point at it: `'Réglages'!$E$2:$E$500`. */
function settingsRanges(locale: Locale): Partial<Record<ColumnKey, string>> {
	const out: Partial<Record<ColumnKey, string>> = {};
	let col = 1;
	for (const group of SETTINGS_GROUPS) {
		const first = letters(col);
		out[group[0]!] = `'${SHEETS.settings[locale]}'!$${first}$2:$${first}$1000`;
		col += group.length + 1;
	}
	return out;
}

/** The tabs that map onto the template and that an import reads back. */
export function planSheets(doc: Y.Doc, locale: Locale): Sheet[] {
	const settings = selectSettings(doc);
	const periods = selectPeriods(doc);
	const members = selectList(doc, 'members');
	const names = (kind: 'workstreams' | 'channels' | 'productLines' | 'targets') =>
		new Map(selectList(doc, kind).map((i) => [i.id, i.name]));
	const lists = {
		workstreams: names('workstreams'),
		channels: names('channels'),
		productLines: names('productLines'),
		targets: names('targets')
	};
	const memberName = new Map(members.map((m) => [m.id, m.name]));
	const periodName = new Map(periods.map((p) => [p.id, p.name]));
	const businessObjectives = selectBusinessObjectives(doc);
	const marketingObjectives = selectMarketingObjectives(doc);
	const keyResults = selectKeyResults(doc);
	const actions = selectActions(doc);
	const krName = new Map(keyResults.map((k) => [k.id, k.kpi]));
	const actionName = new Map(actions.map((a) => [a.id, a.name]));
	const ranges = settingsRanges(locale);
	const words = <T extends string>(w: Record<T, Record<Locale, string>>) => ({
		words: Object.values<Record<Locale, string>>(w).map((x) => x[locale])
	});
	const get = (map: Map<string, string>, id: string | null) => (id ? (map.get(id) ?? null) : null);

	const actionRows = actions.map((a): Cell[] => [
		a.name,
		STATUS_WORDS[a.status][locale],
		get(lists.workstreams, a.workstreamId),
		a.descriptionText || null,
		a.keyResultIds.map((id) => krName.get(id) ?? '').join(SEP) || null,
		PRIORITY_WORDS[a.priority][locale],
		get(memberName, a.ownerId),
		a.personDays,
		get(periodName, a.periodId),
		a.start,
		a.end,
		a.dependsOn.map((id) => actionName.get(id) ?? '').join(SEP) || null,
		get(lists.channels, a.channelId),
		get(lists.targets, a.targetId),
		get(lists.productLines, a.productLineId),
		a.plannedCost,
		recurrenceText(a.recurrence, locale),
		a.id
	]);

	const objectiveRows: Cell[][] = [];
	const boName = new Map(businessObjectives.map((b) => [b.id, b.name]));
	const moCells = (mo: (typeof marketingObjectives)[number]): Cell[] => [
		get(boName, mo.businessObjectiveId),
		mo.name,
		FAMILY_WORDS[mo.family][locale],
		NATURE_WORDS[mo.nature][locale],
		mo.metric,
		mo.threshold,
		mo.endDate,
		mo.rationaleText || null
	];
	for (const mo of marketingObjectives) {
		const krs = keyResults.filter((k) => k.marketingObjectiveId === mo.id);
		if (krs.length === 0) objectiveRows.push([...moCells(mo), ...Array<Cell>(10).fill(null), mo.id, null]);
		for (const kr of krs) {
			objectiveRows.push([
				...moCells(mo),
				kr.kpi,
				kr.unit,
				kr.baseline,
				kr.target,
				DIRECTION_WORDS[kr.direction][locale],
				kr.current,
				kr.deadline,
				PRIORITY_WORDS[kr.priority][locale],
				kr.levers.join(SEP) || null,
				kr.progress,
				mo.id,
				kr.id
			]);
		}
	}
	// Business objectives with no marketing objective yet still get a row, so none is lost.
	const used = new Set(marketingObjectives.map((m) => m.businessObjectiveId));
	for (const bo of businessObjectives) {
		if (!used.has(bo.id))
			objectiveRows.push([bo.name, ...Array<Cell>(OBJECTIVE_COLUMNS.length - 1).fill(null)]);
	}

	const settingsTables: Table[] = [
		table(locale, SETTINGS_GROUPS[0]!, [
			[SETTING_KEYS.title[locale], settings.title],
			[SETTING_KEYS.year[locale], settings.year],
			[SETTING_KEYS.company[locale], settings.company],
			[SETTING_KEYS.currency[locale], settings.currency]
		]),
		table(
			locale,
			SETTINGS_GROUPS[1]!,
			periods.map((p) => [p.name, p.start, p.end])
		),
		table(
			locale,
			SETTINGS_GROUPS[2]!,
			members.map((m) => [m.name, m.email, m.role, m.capacityPerPeriod])
		),
		...(['workstreams', 'channels', 'productLines', 'targets'] as const).map((kind) =>
			table(
				locale,
				[kind],
				[...lists[kind].values()].map((n) => [n])
			)
		)
	];

	return [
		{
			key: 'objectives',
			name: SHEETS.objectives[locale],
			tables: [
				table(locale, OBJECTIVE_COLUMNS, objectiveRows, {
					businessObjective: { words: businessObjectives.map((b) => b.name) },
					family: words(FAMILY_WORDS),
					nature: words(NATURE_WORDS),
					priority: words(PRIORITY_WORDS),
					direction: words(DIRECTION_WORDS)
				})
			]
		},
		{
			key: 'actions',
			name: SHEETS.actions[locale],
			tables: [
				table(locale, ACTION_COLUMNS, actionRows, {
					status: words(STATUS_WORDS),
					priority: words(PRIORITY_WORDS),
					workstream: { range: ranges.workstreams! },
					owner: { range: ranges.member! },
					period: { range: ranges.periodName! },
					channel: { range: ranges.channels! },
					target: { range: ranges.targets! },
					productLine: { range: ranges.productLines! }
				})
			]
		},
		{ key: 'settings', name: SHEETS.settings[locale], tables: settingsTables }
	];
}
