/**
 * From a workbook's plain cells (workbook.ts) to typed rows per known tab, whatever the column order
 * or the header language, with the reason for each row that cannot be read. Title rows and merged
 * title cells above the header row are fine; anything inside the table that Cap cannot trust (merged
 * cells, dates typed as text, formulas never computed) refuses that row with a reason, never silently.
 */
import { ACTION_COLUMNS, OBJECTIVE_COLUMNS, SETTINGS_GROUPS, type Kind } from './tables.ts';
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
		| 'invalid';
	column?: string;
	value?: string;
	message?: string;
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
	/** Cells that were formulas: their computed value is imported. */
	formulas: string[];
}

export interface Notice {
	code: 'sheet_ignored' | 'sheet_computed' | 'column_ignored' | 'no_header' | 'no_known_sheet';
	sheet?: string;
	column?: string;
}

export interface ParsedWorkbook {
	rows: ParsedRow[];
	notices: Notice[];
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
	capacity: 'number'
};

const IMPORTED: Partial<Record<SheetKey, ColumnKey[][]>> = {
	actions: [ACTION_COLUMNS],
	objectives: [OBJECTIVE_COLUMNS],
	settings: SETTINGS_GROUPS
};
const COMPUTED: SheetKey[] = ['periods', 'review', 'budget', 'dashboard', 'meetings'];

/** How many rows from the top may hold titles before the header row. */
const HEADER_SEARCH = 15;

function text(cell: RawCell | undefined): string {
	const v = cell?.value;
	if (v === null || v === undefined) return '';
	return v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
}

function isoOf(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** Converts one cell for its column, or says why it cannot be. */
function convert(key: ColumnKey, cell: RawCell): { value: Value } | { reason: Reason['code'] } {
	if (cell.formula !== undefined && (cell.value === null || cell.value === ''))
		return { reason: 'formula_no_result' };
	const v = cell.value;
	if (v === null || v === '') return { value: null };
	const kind = KIND[key] ?? 'text';
	if (kind === 'date') {
		if (v instanceof Date) return { value: isoOf(v) };
		if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.trim())) return { value: v.trim() };
		return { reason: 'date_as_text' };
	}
	if (kind === 'number' || kind === 'money' || kind === 'percent') {
		if (typeof v === 'number') return { value: v };
		if (typeof v === 'string') {
			const n = Number(v.replace(/[\s\u00a0€$£%]/g, '').replace(',', '.'));
			if (v.trim() !== '' && Number.isFinite(n)) return { value: n };
		}
		return { reason: 'not_a_number' };
	}
	if (v instanceof Date) return { value: isoOf(v) };
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

export function parseWorkbook(sheets: RawSheet[]): ParsedWorkbook {
	const rows: ParsedRow[] = [];
	const notices: Notice[] = [];
	let known = 0;
	for (const sheet of sheets) {
		const key = sheetOf(sheet.name);
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
		// The header row: the first near the top naming at least two known columns.
		let headerIndex = -1;
		for (let r = 0; r < Math.min(HEADER_SEARCH, sheet.rows.length); r++) {
			const hits = (sheet.rows[r] ?? []).filter((c) => columnOf(text(c), among)).length;
			if (hits >= 2 || (hits === 1 && among.length <= 2)) {
				headerIndex = r;
				break;
			}
		}
		if (headerIndex < 0) {
			notices.push({ code: 'no_header', sheet: sheet.name });
			continue;
		}
		const columns = new Map<number, ColumnKey>();
		const headers: Partial<Record<ColumnKey, string>> = {};
		(sheet.rows[headerIndex] ?? []).forEach((cell, c) => {
			const header = text(cell);
			if (!header) return;
			const col = columnOf(header, among);
			if (col && !(col in headers)) {
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
					formulas: []
				};
				let empty = true;
				for (const [c, col] of columns) {
					if (!group.includes(col)) continue;
					const cell = raw[c] ?? { value: null };
					if (text(cell) !== '' || cell.formula !== undefined) empty = false;
					const out = convert(col, cell);
					if ('reason' in out)
						row.refused.push({ code: out.reason, column: headers[col]!, value: text(cell) });
					else row.values[col] = out.value;
					if (cell.formula !== undefined) row.formulas.push(headers[col]!);
				}
				if (empty) continue;
				if (merged.has(r + 1)) row.refused.unshift({ code: 'merged' });
				rows.push(row);
			}
		}
	}
	if (known === 0) notices.push({ code: 'no_known_sheet' });
	return { rows, notices };
}
