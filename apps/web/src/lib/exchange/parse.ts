/**
 * From a workbook's plain cells (workbook.ts) to typed rows per known tab, whatever the column order,
 * the header words or the language. Each header is matched by meaning (vocab.ts) and the guess is given
 * back (`tables`), so the person can correct it and parse again with their `mapping`. Title rows and
 * merged title cells above the header row are fine; a tab with an unknown name is read as the action
 * tab when its headers say so. A cell that cannot be read (a date that is not one, a formula never
 * computed) is left empty with a warning naming it; the rest of its row is kept.
 */
import { readDateText } from '@cap/plan-model';
import {
	ACTION_COLUMNS,
	BUDGET_COLUMNS,
	DASHBOARD_COLUMNS,
	OBJECTIVE_COLUMNS,
	REVIEW_COLUMNS,
	SETTINGS_GROUPS,
	type Kind
} from './tables.ts';
import { columnOf, sheetOf, type ColumnKey, type SheetKey } from './vocab.ts';
import type { RawCell, RawSheet } from './workbook.ts';

export type Value = string | number | null;

/** Why a row or a tab is not taken, as a code the UI words in the person's language. */
export interface Reason {
	code:
		| 'merged'
		| 'date_as_text'
		| 'not_a_number'
		| 'formula_no_result'
		| 'missing_name'
		| 'missing_dates'
		| 'unknown_ref'
		| 'duplicate'
		| 'bad_value'
		| 'invalid'
		| 'one_owner'
		| 'period_undated';
	column?: string;
	value?: string;
	message?: string;
	/** For a word Cap could not read in a list column: which one, so the person can map it. */
	key?: 'status' | 'priority';
}

export interface ParsedRow {
	sheet: SheetKey;
	sheetName: string;
	/** The row number as Excel shows it. */
	row: number;
	values: Partial<Record<ColumnKey, Value>>;
	/** The header each column was read from, to name it in reasons. */
	headers: Partial<Record<ColumnKey, string>>;
	refused: Reason[];
	/** Cells left empty because they could not be read, each with its reason. */
	warnings: Reason[];
	/** The columns of those cells: an update leaves the plan's value alone. */
	unread: ColumnKey[];
	/** Cells that were formulas: their computed value is imported. */
	formulas: string[];
}

export interface Notice {
	code: 'sheet_ignored' | 'sheet_computed' | 'column_ignored' | 'no_header' | 'no_known_sheet';
	sheet?: string;
	column?: string;
}

/** How one tab's columns were understood: the header read, and the column Cap took it for. */
export interface SheetColumns {
	sheet: string;
	key: SheetKey;
	/** Every column Cap can read on this tab, for the person to pick from. */
	choices: ColumnKey[];
	columns: { index: number; header: string; key: ColumnKey | null }[];
}

/** The person's corrections: per tab name, per column index, the column it is (null: ignore it). */
export type ColumnMapping = Record<string, Record<number, ColumnKey | null>>;

export interface ParsedWorkbook {
	rows: ParsedRow[];
	notices: Notice[];
	tables: SheetColumns[];
}

const KIND: Partial<Record<ColumnKey, Kind>> = {
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
	capacity: 'number',
	revenue: 'money',
	contacts: 'number',
	leads: 'number',
	conversions: 'number',
	planned: 'money',
	committed: 'money',
	actual: 'money',
	date: 'date',
	forecast: 'number',
	measured: 'number'
};

/** Which edge of a month a date typed as a month alone stands for ("mars 2027" as an end is the 31st). */
const END_DATES = new Set<ColumnKey>(['end', 'periodEnd', 'deadline', 'endDate']);

const IMPORTED: Partial<Record<SheetKey, ColumnKey[][]>> = {
	actions: [ACTION_COLUMNS],
	objectives: [OBJECTIVE_COLUMNS],
	settings: SETTINGS_GROUPS,
	review: [REVIEW_COLUMNS],
	budget: [BUDGET_COLUMNS],
	dashboard: [DASHBOARD_COLUMNS]
};
const COMPUTED: SheetKey[] = ['periods', 'meetings'];
/**
 * Tabs that may hold several tables side by side, an empty column between them (Cap's export puts the
 * totals, the envelope and the breakdowns beside the typed table): only the table naming the most known
 * columns is read; the others are computed.
 */
const SIDE_BY_SIDE: SheetKey[] = ['review', 'budget', 'dashboard'];

/** How many rows from the top may hold titles before the header row. */
const HEADER_SEARCH = 15;

function text(cell: RawCell | undefined): string {
	const v = cell?.value;
	if (v === null || v === undefined) return '';
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
	return String(v).trim();
}

function isoOf(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** A number as teams type it: "2,5 j", "1 200 €", "3 JH", "12 %"; null when it is not one. */
export function readNumber(text: string): number | null {
	const t = text
		.replace(/[\s\u00a0\u202f]/g, '')
		.replace(/(€|\$|£|%|eur|chf|jh|j\/h|jours?|j|days?|d|h)$/i, '');
	if (!/^-?[\d.,]+$/.test(t)) return null;
	// "1.200,50" and "1,200.50": the last separator is the decimal one, the other groups thousands.
	const lastComma = t.lastIndexOf(',');
	const lastDot = t.lastIndexOf('.');
	const decimal = lastComma > lastDot ? ',' : '.';
	const other = decimal === ',' ? '.' : ',';
	const n = Number(t.split(other).join('').replace(decimal, '.'));
	return Number.isFinite(n) ? n : null;
}

/** Converts one cell for its column, or says why it cannot be. */
function convert(key: ColumnKey, cell: RawCell): { value: Value } | { reason: Reason['code'] } {
	if (cell.formula !== undefined && (cell.value === null || cell.value === ''))
		return { reason: 'formula_no_result' };
	const v = cell.value;
	if (v === null || v === '') return { value: null };
	const kind = KIND[key] ?? 'text';
	if (kind === 'date') {
		if (v instanceof Date)
			return Number.isNaN(v.getTime()) ? { reason: 'date_as_text' } : { value: isoOf(v) };
		if (typeof v === 'string' || typeof v === 'number') {
			const day = readDateText(typeof v === 'string' ? v.trim() : v, END_DATES.has(key) ? 'end' : 'start');
			if (day) return { value: day };
		}
		return { reason: 'date_as_text' };
	}
	if (kind === 'number' || kind === 'money' || kind === 'percent') {
		if (typeof v === 'number') return { value: v };
		if (typeof v === 'string') {
			const n = readNumber(v);
			if (n !== null) return { value: kind === 'percent' && v.includes('%') ? n / 100 : n };
		}
		return { reason: 'not_a_number' };
	}
	if (v instanceof Date) return { value: Number.isNaN(v.getTime()) ? null : isoOf(v) };
	return { value: String(v).trim() || null };
}

/** Which rows are covered by a merged range below the header: "A3:C3" → rows 3..3 (1-based). */
function mergedRows(merges: string[], headerRow: number): Set<number> {
	const rows = new Set<number>();
	for (const range of merges) {
		const m = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(range);
		if (!m) continue;
		for (let r = Number(m[1]); r <= Number(m[2]); r++) if (r > headerRow) rows.add(r);
	}
	return rows;
}

/**
 * The header cells of the one table read on a tab with tables side by side: the run of non-empty header
 * cells (empty ones apart) that names the most known columns. Other tabs read their whole header row.
 */
function tableOf(header: RawCell[], among: ColumnKey[]): Set<number> {
	const runs: number[][] = [[]];
	header.forEach((cell, c) => {
		if (text(cell)) runs.at(-1)!.push(c);
		else if (runs.at(-1)!.length > 0) runs.push([]);
	});
	const hits = (run: number[]) => run.filter((c) => columnOf(text(header[c]), among)).length;
	return new Set(runs.reduce((best, run) => (hits(run) > hits(best) ? run : best)));
}

/** The header row: the first near the top naming at least two known columns (one for a one-column list). */
function headerRowOf(sheet: RawSheet, among: ColumnKey[]): { index: number; hits: number } {
	for (let r = 0; r < Math.min(HEADER_SEARCH, sheet.rows.length); r++) {
		const hits = (sheet.rows[r] ?? []).filter((c) => columnOf(text(c), among)).length;
		if (hits >= 2 || (hits === 1 && among.length <= 2)) return { index: r, hits };
	}
	return { index: -1, hits: 0 };
}

export function parseWorkbook(sheets: RawSheet[], options: { mapping?: ColumnMapping } = {}): ParsedWorkbook {
	const rows: ParsedRow[] = [];
	const notices: Notice[] = [];
	const tables: SheetColumns[] = [];
	let known = 0;
	for (const sheet of sheets) {
		let key = sheetOf(sheet.name);
		// "Feuil1": a tab whose name says nothing is the action table when three headers or more say so.
		if (!key && headerRowOf(sheet, ACTION_COLUMNS).hits >= 3) key = 'actions';
		if (key && COMPUTED.includes(key)) {
			notices.push({ code: 'sheet_computed', sheet: sheet.name });
			continue;
		}
		const groups = key ? IMPORTED[key] : undefined;
		if (!key || !groups) {
			notices.push({ code: 'sheet_ignored', sheet: sheet.name });
			continue;
		}
		known++;
		const among = groups.flat();
		const headerIndex = headerRowOf(sheet, among).index;
		if (headerIndex < 0) {
			notices.push({ code: 'no_header', sheet: sheet.name });
			continue;
		}
		const chosen = options.mapping?.[sheet.name] ?? {};
		const columns = new Map<number, ColumnKey>();
		const headers: Partial<Record<ColumnKey, string>> = {};
		const understood: SheetColumns = { sheet: sheet.name, key, choices: among, columns: [] };
		tables.push(understood);
		// The person's choices first, so a guess never takes a column they gave to another header.
		const row0 = sheet.rows[headerIndex] ?? [];
		const taken = new Set(Object.values(chosen).filter((k): k is ColumnKey => k !== null));
		const table = SIDE_BY_SIDE.includes(key) ? tableOf(row0, among) : null;
		row0.forEach((cell, c) => {
			const header = text(cell);
			if (!header || (table && !table.has(c))) return;
			const picked =
				c in chosen
					? chosen[c]!
					: columnOf(
							header,
							among.filter((k) => !taken.has(k))
						);
			const col = picked && among.includes(picked) && !(picked in headers) ? picked : null;
			understood.columns.push({ index: c, header, key: col });
			if (col) {
				columns.set(c, col);
				headers[col] = header;
			} else notices.push({ code: 'column_ignored', sheet: sheet.name, column: header });
		});
		const merged = mergedRows(sheet.merges, headerIndex + 1);
		// Réglages holds side-by-side lists: each group of columns is read as its own table.
		const present = groups
			.map((group) => group.filter((k) => k in headers))
			.filter((group) => group.length > 0);
		for (let r = headerIndex + 1; r < sheet.rows.length; r++) {
			const raw = sheet.rows[r] ?? [];
			for (const group of present) {
				const row: ParsedRow = {
					sheet: key,
					sheetName: sheet.name,
					row: r + 1,
					values: {},
					headers,
					refused: [],
					warnings: [],
					unread: [],
					formulas: []
				};
				let empty = true;
				for (const [c, col] of columns) {
					if (!group.includes(col)) continue;
					const cell = raw[c] ?? { value: null };
					if (text(cell) !== '' || cell.formula !== undefined) empty = false;
					const out = convert(col, cell);
					if ('reason' in out) {
						row.warnings.push({ code: out.reason, column: headers[col]!, value: text(cell) });
						row.unread.push(col);
					} else row.values[col] = out.value;
					if (cell.formula !== undefined) row.formulas.push(headers[col]!);
				}
				if (empty) continue;
				// Cells merged across columns inside the table: the first cell's value is read, the others
				// are empty, and the row says so.
				if (merged.has(r + 1)) row.warnings.unshift({ code: 'merged' });
				rows.push(row);
			}
		}
	}
	if (known === 0) notices.push({ code: 'no_known_sheet' });
	return { rows, notices, tables };
}
