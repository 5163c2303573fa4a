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
	addListItem,
	addPeriod,
	priorityByMeaning,
	statusByMeaning,
	selectList,
	selectPeriods,
	selectSettings,
	updateListItem,
	updatePeriod,
	updatePlanSettings,
	type NamedListKind,
	type Origin
} from '@cap/plan-model';
import * as Y from 'yjs';
import { importActions } from './import-actions.ts';
import { importObjectives } from './import-objectives.ts';
import { importReport } from './import-report.ts';
import {
	attempt,
	byName,
	inSheet,
	LIST_COLUMN,
	namer,
	same,
	show,
	type ImportContext,
	type Ids
} from './import-shared.ts';
import type { ParsedRow, ParsedWorkbook, Reason } from './parse.ts';
import { fold, fromWords, SETTING_KEYS } from './vocab.ts';

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

	const ctx: ImportContext = { doc, origin, options, entry, refuse, attempt, word, label, listItem, periods };
	importObjectives(ctx, rowsOf('objectives').filter(ok));
	importActions(ctx, rowsOf('actions').filter(ok));

	// ---- Bilan N-1, Budget, Tableau de bord ------------------------------------------------------------
	importReport(ctx, parsed.rows.filter(ok));

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
