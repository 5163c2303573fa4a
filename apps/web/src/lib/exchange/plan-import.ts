/**
 * Turns parsed workbook rows into plan-model commands. One walk does both the preview and the import:
 * `previewImport` runs it on a scratch copy of the plan (so every command's own validation speaks, and
 * the plan is untouched), `applyImport` runs it again on the live plan in one transaction, skipping
 * nothing the preview accepted. Records are matched by id (a previous Cap export), else by name, so
 * importing the same file twice changes nothing the second time; two rows of one file that share a name
 * are two records. What the plan lacks is created from the file rather than refused: team members,
 * lists, periods (dated by Réglages, by the dates of the rows that name them, or by their month), and
 * objectives. A cell that cannot be used (an unknown status word, a key result nobody defines) is left
 * empty with a warning on that cell; the rest of the row is imported.
 */
import {
	addAction,
	addBusinessObjective,
	addKeyResult,
	addListItem,
	addMarketingObjective,
	addPeriod,
	inferDirection,
	isPlanError,
	priorityByMeaning,
	readDateText,
	statusByMeaning,
	selectActions,
	selectBusinessObjectives,
	selectKeyResults,
	selectList,
	selectMarketingObjectives,
	selectPeriods,
	selectSettings,
	updateAction,
	updateKeyResult,
	updateListItem,
	updateMarketingObjective,
	updatePeriod,
	updatePlanSettings,
	type ActionStatus,
	type NamedListKind,
	type Origin,
	type Recurrence
} from '@cap/plan-model';
import * as Y from 'yjs';
import { importReport } from './import-report.ts';
import type { ParsedRow, ParsedWorkbook, Reason, Value } from './parse.ts';
import { SEP } from './tables.ts';
import {
	DIRECTION_WORDS,
	FAMILY_WORDS,
	fold,
	fromWords,
	NATURE_WORDS,
	readRecurrence,
	SETTING_KEYS,
	type ColumnKey
} from './vocab.ts';

export type Outcome = 'create' | 'update' | 'unchanged' | 'refused';
export type Entity =
	| 'settings'
	| NamedListKind
	| 'periods'
	| 'businessObjectives'
	| 'marketingObjectives'
	| 'keyResults'
	| 'actions'
	| 'reviewItems'
	| 'budgetLines'
	| 'measurements';

export interface Change {
	field: string;
	from: string;
	to: string;
}

export interface Entry {
	sheet: string;
	row: number | null;
	entity: Entity;
	name: string;
	outcome: Outcome;
	changes: Change[];
	reasons: Reason[];
	/** Cells of this row left empty, and why; the rest of the row is imported. */
	warnings: Reason[];
	/** Columns whose formulas were replaced by their computed value. */
	formulas: string[];
}

export interface ImportPreview {
	entries: Entry[];
	counts: Record<Outcome, number>;
	/** Rows imported with at least one cell left empty. */
	warned: number;
	/** Status and priority words the file uses that Cap could not read, for the person to map once. */
	unknownWords: { column: 'status' | 'priority'; word: string }[];
}

/** The person's answers for words Cap could not read: per column, the folded word and its code. */
export interface ImportOptions {
	words?: Partial<Record<'status' | 'priority', Record<string, string>>>;
}

type Ids = Map<string, string>;
const LIST_COLUMN: Partial<Record<ColumnKey, NamedListKind>> = {
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

const show = (v: unknown): string =>
	v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(SEP) : String(v);
const same = (a: unknown, b: unknown) => show(a) === show(b);
const recurrenceLabel = (r: unknown) => {
	const x = r as Recurrence | null;
	return x ? `${x.freq} ×${x.interval}${x.until ? ` → ${x.until}` : ''}` : null;
};
const split = (v: Value | undefined) =>
	typeof v === 'string'
		? v
				.split(/[;\n]/)
				.map((s) => s.trim())
				.filter(Boolean)
		: v === null || v === undefined
			? []
			: [String(v)];

/** The column each command field is read from: a field whose column the sheet lacks is left alone. */
const FIELD_COLUMN: Record<string, ColumnKey> = {
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
function inSheet<T extends Record<string, unknown>>(row: ParsedRow, fields: T): Partial<T> {
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

const ID_FIELDS = new Set([
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
function namer(doc: Y.Doc): (field: string, value: unknown) => string {
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

function run(doc: Y.Doc, parsed: ParsedWorkbook, origin: Origin, options: ImportOptions): Entry[] {
	const entries: Entry[] = [];
	const label = namer(doc);
	const entry = (row: ParsedRow | null, entity: Entity, name: string): Entry => {
		const e: Entry = {
			sheet: row?.sheetName ?? '',
			row: row?.row ?? null,
			entity,
			name,
			outcome: 'unchanged',
			changes: [],
			reasons: [],
			warnings: [],
			formulas: row?.formulas ?? []
		};
		entries.push(e);
		return e;
	};
	const refuse = (e: Entry, reason: Reason) => {
		e.outcome = 'refused';
		e.reasons.push(reason);
	};
	/** A word of the status or priority column by meaning, else by the person's answer, else null. */
	const word = <T extends string>(column: 'status' | 'priority', text: string): T | null =>
		((column === 'status' ? statusByMeaning(text) : priorityByMeaning(text)) ??
			options.words?.[column]?.[fold(text)] ??
			null) as T | null;
	const byName = (items: { id: string; name: string }[]): Ids => {
		const map: Ids = new Map();
		for (const i of items) if (!map.has(fold(i.name))) map.set(fold(i.name), i.id);
		return map;
	};
	const settingsRows = parsed.rows.filter((r) => r.sheet === 'settings');
	const rowsOf = (sheet: 'actions' | 'objectives') => parsed.rows.filter((r) => r.sheet === sheet);
	for (const r of parsed.rows) {
		if (r.refused.length > 0) {
			const name = String(
				r.values.action ??
					r.values.marketingObjective ??
					r.values.kpi ??
					r.values.member ??
					r.values.periodName ??
					r.values.setting ??
					''
			);
			const entity =
				({ actions: 'actions', objectives: 'marketingObjectives' } as const)[r.sheet as 'actions'] ??
				'settings';
			const e = entry(r, entity, name);
			for (const reason of r.refused) refuse(e, reason);
		}
	}
	const ok = (r: ParsedRow) => r.refused.length === 0;

	// ---- Réglages: plan settings, then lists and periods --------------------------------------------
	const current = selectSettings(doc);
	const patch: Record<string, string | number | null> = {};
	const settingsEntry = settingsRows.some((r) => ok(r) && r.values.setting)
		? entry(null, 'settings', '')
		: null;
	for (const r of settingsRows.filter((r) => ok(r) && r.values.setting)) {
		const key = fromWords(SETTING_KEYS, String(r.values.setting));
		if (!key) continue;
		const raw = r.values.value ?? null;
		const value = key === 'year' ? (raw === null ? null : Number(raw)) : raw === null ? null : String(raw);
		if (!same(current[key], value)) {
			patch[key] = value;
			settingsEntry!.changes.push({ field: key, from: show(current[key]), to: show(value) });
		}
		if (settingsEntry) settingsEntry.sheet = r.sheetName;
	}
	if (settingsEntry && settingsEntry.changes.length > 0) {
		const err = attempt(() => updatePlanSettings(doc, patch, origin));
		if (err) refuse(settingsEntry, err);
		else settingsEntry.outcome = 'update';
	}

	const lists = new Map<NamedListKind, Ids>();
	const listIds = (kind: NamedListKind) => {
		let map = lists.get(kind);
		if (!map) lists.set(kind, (map = byName(selectList(doc, kind))));
		return map;
	};
	const seen = new Set<string>();
	/** The id of a list item named `name`, created (and reported) if the plan does not have it yet. */
	const listItem = (
		kind: NamedListKind,
		name: string,
		row: ParsedRow | null,
		fields: Record<string, unknown> = {}
	): string | null => {
		const ids = listIds(kind);
		const key = fold(name);
		const existing = ids.get(key);
		if (existing && row && seen.has(`${kind}:${key}`) && Object.keys(fields).length > 0) {
			refuse(entry(row, kind, name), { code: 'duplicate', value: name });
			return existing;
		}
		if (row) seen.add(`${kind}:${key}`);
		if (existing) {
			if (Object.keys(fields).length === 0) return existing;
			const item = selectList(doc, kind).find((i) => i.id === existing) as unknown as Record<string, unknown>;
			const e = entry(row, kind, name);
			const diff = Object.fromEntries(Object.entries(fields).filter(([f, v]) => !same(item[f], v)));
			for (const [f, v] of Object.entries(diff))
				e.changes.push({ field: f, from: label(f, item[f]), to: label(f, v) });
			if (e.changes.length > 0) {
				const err = attempt(() => updateListItem(doc, kind, { id: existing, ...diff } as never, origin));
				if (err) refuse(e, err);
				else e.outcome = 'update';
			}
			return existing;
		}
		const e = entry(row, kind, name);
		let id: string | null = null;
		const err = attempt(() => (id = addListItem(doc, kind, { name, ...fields } as never, origin)));
		if (err) {
			refuse(e, err);
			return null;
		}
		e.outcome = 'create';
		ids.set(key, id!);
		return id;
	};

	for (const r of settingsRows.filter(ok)) {
		const v = r.values;
		if (v.member) {
			const before = entries.length;
			listItem(
				'members',
				String(v.member),
				r,
				inSheet(r, {
					email: v.email ?? null,
					role: v.jobRole ?? null,
					capacityPerPeriod: v.capacity ?? null
				})
			);
			entries[before]?.warnings.push(...r.warnings);
		}
		for (const col of ['workstreams', 'channels', 'productLines', 'targets'] as const) {
			if (v[col]) listItem(LIST_COLUMN[col]!, String(v[col]), r);
		}
	}

	const periods = byName(selectPeriods(doc));
	for (const r of settingsRows.filter((r) => ok(r) && r.values.periodName)) {
		const name = String(r.values.periodName);
		const { periodStart: start, periodEnd: end } = r.values;
		const existing = periods.get(fold(name));
		const e = entry(r, 'periods', name);
		e.warnings.push(...r.warnings);
		if (!start || !end) {
			if (!existing) refuse(e, { code: 'missing_dates' });
			continue;
		}
		if (existing) {
			const p = selectPeriods(doc).find((x) => x.id === existing)!;
			if (p.start !== start) e.changes.push({ field: 'start', from: p.start, to: String(start) });
			if (p.end !== end) e.changes.push({ field: 'end', from: p.end, to: String(end) });
			if (e.changes.length === 0) continue;
			const err = attempt(() =>
				updatePeriod(doc, { id: existing, start: String(start), end: String(end) }, origin)
			);
			if (err) refuse(e, err);
			else e.outcome = 'update';
			continue;
		}
		let id = '';
		const err = attempt(
			() => (id = addPeriod(doc, { name, start: String(start), end: String(end) }, origin))
		);
		if (err) refuse(e, err);
		else {
			e.outcome = 'create';
			periods.set(fold(name), id);
		}
	}

	// ---- Objectifs: business objectives, marketing objectives, key results ----------------------------
	const businessIds = byName(selectBusinessObjectives(doc));
	const business = (name: string, row: ParsedRow): string | null => {
		const found = businessIds.get(fold(name));
		if (found) return found;
		const e = entry(row, 'businessObjectives', name);
		let id = '';
		const err = attempt(() => (id = addBusinessObjective(doc, { name }, origin)));
		if (err) return (refuse(e, err), null);
		e.outcome = 'create';
		businessIds.set(fold(name), id);
		return id;
	};
	const marketing = new Map(selectMarketingObjectives(doc).map((m) => [m.id, m]));
	const marketingByName = byName([...marketing.values()]);
	const doneMarketing = new Map<string, string>();
	const krs = selectKeyResults(doc);
	for (const r of rowsOf('objectives').filter(ok)) {
		const v = r.values;
		const boId = v.businessObjective ? business(String(v.businessObjective), r) : null;
		if (!v.marketingObjective) continue;
		const moName = String(v.marketingObjective);
		const idCell = v.objectiveId ? String(v.objectiveId) : null;
		let moId = (idCell && marketing.has(idCell) ? idCell : null) ?? marketingByName.get(fold(moName)) ?? null;
		const moKey = moId ?? `new:${fold(moName)}`;
		if (!doneMarketing.has(moKey)) {
			const e = entry(r, 'marketingObjectives', moName);
			const family = v.family ? fromWords(FAMILY_WORDS, String(v.family)) : null;
			const nature = v.nature ? fromWords(NATURE_WORDS, String(v.nature)) : null;
			if ((v.family && !family) || (v.nature && !nature)) {
				refuse(e, {
					code: 'bad_value',
					column: r.headers[v.family && !family ? 'family' : 'nature'],
					value: String(v.family && !family ? v.family : v.nature)
				});
				doneMarketing.set(moKey, '');
				continue;
			}
			const fields = inSheet(r, {
				name: moName,
				...(family && { family }),
				...(nature && { nature }),
				metric: (v.metric as string | null) ?? null,
				threshold: (v.threshold as number | null) ?? null,
				endDate: (v.endDate as string | null) ?? null,
				rationale: v.rationale ? String(v.rationale) : '',
				businessObjectiveId: boId
			});
			if (moId) {
				const found = marketing.get(moId)!;
				const mo: Record<string, unknown> = { ...found, rationale: found.rationaleText };
				const diff = Object.fromEntries(Object.entries(fields).filter(([f, x]) => !same(mo[f], x)));
				for (const [f, x] of Object.entries(diff))
					e.changes.push({ field: f, from: label(f, mo[f]), to: label(f, x) });
				if (e.changes.length > 0) {
					const id = moId;
					const err = attempt(() => updateMarketingObjective(doc, { id, ...diff }, origin));
					if (err) refuse(e, err);
					else e.outcome = 'update';
				}
			} else {
				const err = attempt(
					() =>
						(moId = addMarketingObjective(
							doc,
							{ family: 'global', nature: 'quantitative', ...fields, name: moName },
							origin
						))
				);
				if (err) refuse(e, err);
				else e.outcome = 'create';
			}
			doneMarketing.set(moKey, e.outcome === 'refused' ? '' : moId!);
		}
		moId = doneMarketing.get(moKey) || null;
		if (!moId || !v.kpi) continue;
		const kpi = String(v.kpi);
		const krIdCell = v.keyResultId ? String(v.keyResultId) : null;
		const existing =
			krs.find((k) => k.id === krIdCell) ??
			krs.find((k) => k.marketingObjectiveId === moId && fold(k.kpi) === fold(kpi));
		const e = entry(r, 'keyResults', kpi);
		e.warnings.push(...r.warnings);
		const priority = v.priority ? word<'high' | 'medium' | 'low'>('priority', String(v.priority)) : null;
		if (v.priority && !priority)
			e.warnings.push({
				code: 'bad_value',
				column: r.headers.priority,
				value: String(v.priority),
				key: 'priority'
			});
		const written = v.direction ? fromWords(DIRECTION_WORDS, String(v.direction)) : null;
		if (v.direction && !written)
			e.warnings.push({ code: 'bad_value', column: r.headers.direction, value: String(v.direction) });
		const baseline =
			'baseline' in r.headers ? ((v.baseline as number | null) ?? null) : (existing?.baseline ?? null);
		const targetValue =
			'targetValue' in r.headers ? ((v.targetValue as number | null) ?? null) : (existing?.target ?? null);
		// IMP-3: a file without the direction says it by its figures; an existing key result keeps its own.
		const direction = written ?? (existing ? null : inferDirection(baseline, targetValue));
		const fields = inSheet(r, {
			marketingObjectiveId: moId,
			kpi,
			unit: (v.unit as string | null) ?? null,
			baseline: (v.baseline as number | null) ?? null,
			target: (v.targetValue as number | null) ?? null,
			current: (v.current as number | null) ?? null,
			deadline: (v.deadline as string | null) ?? null,
			...(priority && { priority }),
			levers: split(v.levers)
		});
		// Read or inferred, the direction is kept even when the file has no such column (IMP-3).
		if (direction) Object.assign(fields, { direction });
		if (existing) {
			const kr = existing as unknown as Record<string, unknown>;
			const diff = Object.fromEntries(Object.entries(fields).filter(([f, x]) => !same(kr[f], x)));
			for (const [f, x] of Object.entries(diff))
				e.changes.push({ field: f, from: label(f, kr[f]), to: label(f, x) });
			if (e.changes.length > 0) {
				const err = attempt(() => updateKeyResult(doc, { id: existing.id, ...diff }, origin));
				if (err) refuse(e, err);
				else e.outcome = 'update';
			}
		} else {
			const err = attempt(() => addKeyResult(doc, { ...fields, marketingObjectiveId: moId!, kpi }, origin));
			if (err) refuse(e, err);
			else e.outcome = 'create';
		}
	}

	// ---- Suivi des actions --------------------------------------------------------------------------
	const actionRows = rowsOf('actions').filter(ok);
	// Periods the rows name that the plan lacks: dated by Réglages above, else by the earliest start and
	// latest end of the rows naming them, else by their name when it is a month ("mars 2027").
	const undated = new Map<
		string,
		{ name: string; start: string | null; end: string | null; row: ParsedRow }
	>();
	for (const r of actionRows) {
		const name = r.values.period ? String(r.values.period) : null;
		if (!name || periods.has(fold(name))) continue;
		const seen = undated.get(fold(name)) ?? { name, start: null, end: null, row: r };
		const { start, end } = r.values as { start?: string | null; end?: string | null };
		if (start && (!seen.start || start < seen.start)) seen.start = start;
		if (end && (!seen.end || end > seen.end)) seen.end = end;
		undated.set(fold(name), seen);
	}
	for (const [key, p] of undated) {
		const start = readDateText(p.name, 'start') ?? p.start;
		const end = readDateText(p.name, 'end') ?? p.end ?? p.start;
		if (!start || !end) continue;
		const e = entry(p.row, 'periods', p.name);
		let id = '';
		const err = attempt(
			() => (id = addPeriod(doc, { name: p.name, start, end: end < start ? start : end }, origin))
		);
		if (err) refuse(e, err);
		else {
			e.outcome = 'create';
			periods.set(key, id);
		}
	}

	const allKrs = selectKeyResults(doc);
	const actions = selectActions(doc);
	const actionById = new Map(actions.map((a) => [a.id, a]));
	/** The plan's actions by name, several per name: each row takes the first one not taken yet. */
	const planByName = new Map<string, string[]>();
	for (const a of actions) planByName.set(fold(a.name), [...(planByName.get(fold(a.name)) ?? []), a.id]);
	/** Every action's id by name, the file's included, for dependencies written by name. */
	const depIds = new Map<string, string>();
	for (const a of actions) if (!depIds.has(fold(a.name))) depIds.set(fold(a.name), a.id);
	const pendingDeps: { id: string; names: string[]; e: Entry; row: ParsedRow }[] = [];
	const taken = new Set<string>();
	for (const r of actionRows) {
		const v = r.values;
		const name = v.action ? String(v.action) : '';
		const e = entry(r, 'actions', name);
		e.warnings.push(...r.warnings);
		if (!name) {
			refuse(e, { code: 'missing_name' });
			continue;
		}
		const idCell = v.actionId ? String(v.actionId) : null;
		if (idCell && actionById.has(idCell) && taken.has(idCell)) {
			refuse(e, { code: 'duplicate', value: name });
			continue;
		}
		const id =
			(idCell && actionById.has(idCell) ? idCell : null) ??
			(planByName.get(fold(name)) ?? []).find((x) => !taken.has(x)) ??
			null;
		const warn = (column: ColumnKey, code: Reason['code'], value: string, key?: Reason['key']) => {
			e.warnings.push({ code, column: r.headers[column], value, ...(key && { key }) });
			r.unread.push(column);
		};
		const status = v.status ? word<ActionStatus>('status', String(v.status)) : null;
		if (v.status && !status) warn('status', 'bad_value', String(v.status), 'status');
		const priority = v.priority ? word<'high' | 'medium' | 'low'>('priority', String(v.priority)) : null;
		if (v.priority && !priority) warn('priority', 'bad_value', String(v.priority), 'priority');
		const period = v.period ? (periods.get(fold(String(v.period))) ?? null) : null;
		if (v.period && !period) warn('period', 'period_undated', String(v.period));
		const krNames = split(v.keyResults);
		const krIds = krNames.map((n) => allKrs.find((k) => fold(k.kpi) === fold(n))?.id ?? null);
		krNames.forEach((n, i) => {
			if (!krIds[i]) e.warnings.push({ code: 'unknown_ref', column: r.headers.keyResults, value: n });
		});
		// "Julie, Marc": one owner per action in Cap, the first; the preview names the others.
		let ownerName = v.owner ? String(v.owner) : null;
		if (ownerName) {
			const [first, ...others] = ownerName.split(/\s*(?:[,;/&+\n]|\set\s|\sand\s)\s*/).filter(Boolean);
			if (others.length > 0)
				e.warnings.push({ code: 'one_owner', column: r.headers.owner, value: others.join(SEP) });
			ownerName = first ?? null;
		}
		const recurrence = v.recurrence ? readRecurrence(String(v.recurrence)) : null;
		if (v.recurrence && !recurrence) warn('recurrence', 'bad_value', String(v.recurrence));
		const ref = (col: ColumnKey, text = v[col]) =>
			text ? listItem(LIST_COLUMN[col]!, String(text), r) : null;
		const fields = inSheet(r, {
			name,
			...(status && { status }),
			...(priority && { priority }),
			workstreamId: ref('workstream'),
			description: v.description ? String(v.description) : '',
			keyResultIds: krIds.filter((x): x is string => x !== null),
			ownerId: ref('owner', ownerName),
			personDays: (v.personDays as number | null) ?? null,
			periodId: period,
			start: (v.start as string | null) ?? null,
			end: (v.end as string | null) ?? null,
			channelId: ref('channel'),
			targetId: ref('target'),
			productLineId: ref('productLine'),
			plannedCost: (v.cost as number | null) ?? null,
			recurrence
		});
		let actionId = id;
		if (id) {
			const a = actionById.get(id)! as unknown as Record<string, unknown>;
			const current: Record<string, unknown> = { ...a, description: a.descriptionText };
			const diff = Object.fromEntries(
				Object.entries(fields).filter(([f, x]) =>
					f === 'recurrence' ? JSON.stringify(current[f]) !== JSON.stringify(x) : !same(current[f], x)
				)
			);
			for (const [f, x] of Object.entries(diff))
				e.changes.push({
					field: f,
					from: f === 'recurrence' ? show(recurrenceLabel(current[f])) : label(f, current[f]),
					to: f === 'recurrence' ? show(recurrenceLabel(x)) : label(f, x)
				});
			if (e.changes.length > 0) {
				const err = attempt(() => updateAction(doc, { id, ...diff }, origin));
				if (err) {
					refuse(e, err);
					continue;
				}
				e.outcome = 'update';
			}
		} else {
			const err = attempt(() => (actionId = addAction(doc, { ...fields, name }, origin)));
			if (err) {
				refuse(e, err);
				continue;
			}
			e.outcome = 'create';
		}
		if (!depIds.has(fold(name))) depIds.set(fold(name), actionId!);
		taken.add(actionId!);
		if ('dependsOn' in r.headers) pendingDeps.push({ id: actionId!, names: split(v.dependsOn), e, row: r });
	}
	// Dependencies last: they may name actions further down the sheet. A name nobody has is said and left out.
	for (const { id, names, e, row } of pendingDeps) {
		const ids = names.map((n) => depIds.get(fold(n)) ?? null);
		names.forEach((n, i) => {
			if (!ids[i]) e.warnings.push({ code: 'unknown_ref', column: row.headers.dependsOn, value: n });
		});
		const known = ids.filter((x): x is string => x !== null && x !== id);
		const before = selectActions(doc).find((a) => a.id === id)?.dependsOn ?? [];
		if (same([...before].sort(), [...known].sort())) continue;
		const err = attempt(() => updateAction(doc, { id, dependsOn: known }, origin));
		if (err) e.warnings.push({ code: 'invalid', column: row.headers.dependsOn, message: err.message });
		else {
			e.changes.push({
				field: 'dependsOn',
				from: show(before.map((d) => actions.find((a) => a.id === d)?.name ?? d)),
				to: names.filter((_, i) => ids[i]).join(SEP)
			});
			if (e.outcome === 'unchanged') e.outcome = 'update';
		}
	}
	// ---- Bilan N-1, Budget, Tableau de bord ------------------------------------------------------------
	importReport({ doc, origin, entry, refuse, attempt }, parsed.rows.filter(ok));

	// Shown in the workbook's order: tab by tab, row by row (rows Cap added itself, like a created
	// owner, sit with the row that named them).
	const tabs = [...new Set(parsed.rows.map((r) => r.sheetName))];
	return entries
		.map((e, i) => ({ e, i }))
		.sort(
			(a, b) =>
				tabs.indexOf(a.e.sheet) - tabs.indexOf(b.e.sheet) ||
				(a.e.row ?? Infinity) - (b.e.row ?? Infinity) ||
				a.i - b.i
		)
		.map(({ e }) => e);
}

function count(entries: Entry[]): Record<Outcome, number> {
	const counts: Record<Outcome, number> = { create: 0, update: 0, unchanged: 0, refused: 0 };
	for (const e of entries) counts[e.outcome]++;
	return counts;
}

function summary(entries: Entry[]): ImportPreview {
	const unknown = new Map<string, { column: 'status' | 'priority'; word: string }>();
	for (const e of entries)
		for (const w of e.warnings)
			if (w.key && w.value) unknown.set(`${w.key}:${fold(w.value)}`, { column: w.key, word: w.value });
	return {
		entries,
		counts: count(entries),
		warned: entries.filter((e) => e.outcome !== 'refused' && e.warnings.length > 0).length,
		unknownWords: [...unknown.values()]
	};
}

/** What importing would do, computed on a scratch copy: the plan itself is not touched. */
export function previewImport(
	doc: Y.Doc,
	parsed: ParsedWorkbook,
	origin: Origin,
	options: ImportOptions = {}
): ImportPreview {
	const scratch = new Y.Doc();
	Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
	const entries = run(scratch, structuredClone(parsed), origin, options);
	scratch.destroy();
	return summary(entries);
}

/** Imports into the live plan as one transaction (one undo step, one update for everyone). */
export function applyImport(
	doc: Y.Doc,
	parsed: ParsedWorkbook,
	origin: Origin,
	options: ImportOptions = {}
): ImportPreview {
	let entries: Entry[] = [];
	doc.transact(() => {
		entries = run(doc, structuredClone(parsed), origin, options);
	}, origin);
	return summary(entries);
}
