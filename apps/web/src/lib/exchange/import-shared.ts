/**
 * What the import's steps share (plan-import.ts runs them in order, import-objectives.ts and
 * import-actions.ts are two of them): the context of one walk, how a value is shown in the preview,
 * which column each command field comes from, and running a command so that its refusal is a reason.
 */
import {
	isPlanError,
	selectBusinessObjectives,
	selectKeyResults,
	selectList,
	selectMarketingObjectives,
	selectPeriods,
	type NamedListKind,
	type Origin,
	type Recurrence
} from '@cap/plan-model';
import type * as Y from 'yjs';
import type { ParsedRow, Reason, Value } from './parse.ts';
import type { Entity, Entry, ImportOptions } from './plan-import.ts';
import { SEP } from './tables.ts';
import { fold, type ColumnKey } from './vocab.ts';

/** One walk over the file: the plan it writes to and the helpers every step uses. */
export interface ImportContext {
	doc: Y.Doc;
	origin: Origin;
	options: ImportOptions;
	entry(row: ParsedRow | null, entity: Entity, name: string): Entry;
	refuse(e: Entry, reason: Reason): void;
	attempt(fn: () => void): Reason | null;
	/** A status or priority word by meaning, else by the person's answer, else null. */
	word<T extends string>(column: 'status' | 'priority', text: string): T | null;
	/** A changed value as the preview shows it (names, not ids). */
	label(field: string, value: unknown): string;
	/** The id of a list item by name, created (and reported) if the plan lacks it. */
	listItem(
		kind: NamedListKind,
		name: string,
		row: ParsedRow | null,
		fields?: Record<string, unknown>
	): string | null;
	/** The plan's periods by folded name, the file's included once created. */
	periods: Ids;
}

export type Ids = Map<string, string>;
/** Ids by folded name, the first of each name. */
export function byName(items: { id: string; name: string }[]): Ids {
	const map: Ids = new Map();
	for (const i of items) if (!map.has(fold(i.name))) map.set(fold(i.name), i.id);
	return map;
}

export const LIST_COLUMN: Partial<Record<ColumnKey, NamedListKind>> = {
	workstream: 'workstreams',
	owner: 'members',
	channel: 'channels',
	target: 'targets',
	productLine: 'productLines',
	workstreams: 'workstreams',
	member: 'members',
	channels: 'channels',
	productLines: 'productLines',
	targets: 'targets'
};

export const show = (v: unknown): string =>
	v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(SEP) : String(v);
export const same = (a: unknown, b: unknown) => show(a) === show(b);
export const recurrenceLabel = (r: unknown) => {
	const x = r as Recurrence | null;
	return x ? `${x.freq} ×${x.interval}${x.until ? ` → ${x.until}` : ''}` : null;
};
export const split = (v: Value | undefined) =>
	typeof v === 'string'
		? v
				.split(/[;\n]/)
				.map((s) => s.trim())
				.filter(Boolean)
		: v === null || v === undefined
			? []
			: [String(v)];

/** The column each command field is read from: a field whose column the sheet lacks is left alone. */
export const FIELD_COLUMN: Record<string, ColumnKey> = {
	status: 'status',
	priority: 'priority',
	workstreamId: 'workstream',
	description: 'description',
	keyResultIds: 'keyResults',
	ownerId: 'owner',
	personDays: 'personDays',
	periodId: 'period',
	start: 'start',
	end: 'end',
	channelId: 'channel',
	targetId: 'target',
	productLineId: 'productLine',
	plannedCost: 'cost',
	family: 'family',
	nature: 'nature',
	metric: 'metric',
	threshold: 'threshold',
	endDate: 'endDate',
	businessObjectiveId: 'businessObjective',
	unit: 'unit',
	baseline: 'baseline',
	target: 'targetValue',
	current: 'current',
	deadline: 'deadline',
	levers: 'levers',
	email: 'email',
	role: 'jobRole',
	capacityPerPeriod: 'capacity',
	direction: 'direction',
	rationale: 'rationale',
	recurrence: 'recurrence'
};

/**
 * Keeps the fields whose column the row's sheet has and whose cell could be read (names and parents are
 * always kept): a field without a readable cell is left as the plan has it.
 */
export function inSheet<T extends Record<string, unknown>>(row: ParsedRow, fields: T): Partial<T> {
	return Object.fromEntries(
		Object.entries(fields).filter(
			([f]) => !FIELD_COLUMN[f] || (FIELD_COLUMN[f] in row.headers && !row.unread.includes(FIELD_COLUMN[f]))
		)
	) as Partial<T>;
}

/** The command's error, or null when it ran. Commands validate before writing, so a refusal writes nothing. */
export function attempt(fn: () => void): Reason | null {
	try {
		fn();
		return null;
	} catch (error) {
		if (isPlanError(error))
			return { code: 'invalid', column: error.field ?? undefined, message: error.message };
		throw error;
	}
}

export const ID_FIELDS = new Set([
	'workstreamId',
	'ownerId',
	'periodId',
	'channelId',
	'targetId',
	'productLineId',
	'businessObjectiveId',
	'marketingObjectiveId',
	'keyResultIds'
]);

/** Names of every record a change may point at, so the preview shows "Julie", not an id. */
export function namer(doc: Y.Doc): (field: string, value: unknown) => string {
	let names: Map<string, string> | null = null;
	const load = () => {
		names = new Map<string, string>();
		for (const kind of ['members', 'workstreams', 'channels', 'productLines', 'targets'] as const) {
			for (const i of selectList(doc, kind)) names.set(i.id, i.name);
		}
		for (const p of selectPeriods(doc)) names.set(p.id, p.name);
		for (const b of selectBusinessObjectives(doc)) names.set(b.id, b.name);
		for (const mo of selectMarketingObjectives(doc)) names.set(mo.id, mo.name);
		for (const k of selectKeyResults(doc)) names.set(k.id, k.kpi);
		return names;
	};
	return (field, value) => {
		if (!ID_FIELDS.has(field)) return show(value);
		const ids = Array.isArray(value) ? value : [value];
		const out = ids.map((id) => {
			if (typeof id !== 'string') return show(id);
			if (!names?.has(id)) load();
			return names!.get(id) ?? id;
		});
		return show(Array.isArray(value) ? out : out[0]);
	};
}
