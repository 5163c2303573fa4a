/**
 * Writing and reading .xlsx files with exceljs (loaded by the caller, only when a person exports or
 * imports, so no other page carries it). Writing turns tables.ts sheets into a workbook a marketing
 * team can keep working in: real dates, currency formats, frozen headers, filters, fitted widths and
 * drop-down lists. Reading flattens a workbook into plain cells, noting formulas and merged ranges so
 * the importer can explain them.
 */
import type ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import type { Locale } from '@cap/plan-model';
import type { Kind, Sheet } from './tables.ts';

export type ExcelModule = typeof ExcelJS;
type Validations = { add(address: string, validation: ExcelJS.DataValidation): void };

const SYMBOLS: Record<string, string> = { EUR: '€', USD: '$', GBP: '£', CHF: 'CHF', CAD: '$ CA' };

function numFmt(kind: Kind, currency: string, locale: Locale): string | undefined {
	switch (kind) {
		case 'date':
			return locale === 'fr' ? 'dd/mm/yyyy' : 'yyyy-mm-dd';
		case 'money':
			return `#,##0.00 "${SYMBOLS[currency] ?? currency}"`;
		case 'number':
			return '#,##0.##';
		case 'percent':
			return '0%';
		default:
			return undefined;
	}
}

/** An ISO date as the Date Excel stores for that calendar day (midnight UTC, no time zone drift). */
function excelDate(iso: string): Date {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d));
}

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1E2A5A' } } as const;
/** Drop-down lists cover this many rows below the header, so rows added in Excel get them too. */
const VALIDATED_ROWS = 1000;

export async function writeWorkbook(
	excel: ExcelModule,
	sheets: Sheet[],
	options: { currency: string; locale: Locale; title: string }
): Promise<ArrayBuffer> {
	const wb = new excel.Workbook();
	wb.creator = 'Cap';
	wb.title = options.title;
	wb.created = new Date();
	for (const sheet of sheets) {
		const ws = wb.addWorksheet(sheet.name);
		let col = 1;
		let widest = 0;
		for (const table of sheet.tables) {
			table.columns.forEach((c, i) => {
				const column = ws.getColumn(col + i);
				const cell = ws.getCell(1, col + i);
				cell.value = c.header;
				cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
				cell.fill = HEADER_FILL;
				cell.alignment = { vertical: 'middle', wrapText: true };
				const fmt = numFmt(c.kind, options.currency, options.locale);
				let width = c.header.length + 2;
				table.rows.forEach((row, r) => {
					const value = row[i] ?? null;
					const target = ws.getCell(2 + r, col + i);
					target.value =
						value === null ? null : c.kind === 'date' && typeof value === 'string' ? excelDate(value) : value;
					if (fmt) target.numFmt = fmt;
					if (c.kind === 'longtext') target.alignment = { wrapText: true, vertical: 'top' };
					width = Math.max(width, c.kind === 'date' ? 12 : String(value ?? '').length + 2);
				});
				column.width = Math.min(c.kind === 'longtext' ? 50 : 40, Math.max(c.kind === 'id' ? 12 : 9, width));
				if (c.kind === 'id') column.font = { color: { argb: 'FF7A8199' } };
				if (c.choice) {
					const letter = column.letter;
					// exceljs declares dataValidations only on its model type; ranges are supported at runtime.
					(ws as unknown as { dataValidations: Validations }).dataValidations.add(
						`${letter}2:${letter}${VALIDATED_ROWS + 1}`,
						{
							type: 'list',
							allowBlank: true,
							showErrorMessage: true,
							formulae: [
								'words' in c.choice
									? `"${c.choice.words.map((w) => w.replace(/"/g, '""')).join(',')}"`
									: c.choice.range
							]
						}
					);
				}
			});
			col += table.columns.length + 1;
			widest = Math.max(widest, col - 2);
		}
		ws.getRow(1).height = 30;
		ws.views = [{ state: 'frozen', ySplit: 1, xSplit: sheet.key === 'actions' ? 1 : 0 }];
		if (sheet.tables.length === 1) {
			ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: widest } };
		}
	}
	return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

/** A cell as the importer sees it. */
export interface RawCell {
	value: string | number | boolean | Date | null;
	/** The cell holds a formula; `value` is its last computed result (null if never computed). */
	formula?: string;
}

export interface RawSheet {
	name: string;
	/** rows[r][c], 0-based, trailing empty cells trimmed. */
	rows: RawCell[][];
	/** Merged ranges like "A1:F1". */
	merges: string[];
}

export type ReadResult =
	| { ok: true; sheets: RawSheet[] }
	| {
			ok: false;
			reason:
				| 'not_workbook'
				| 'encrypted'
				| 'unreadable'
				| 'too_large'
				| 'file_too_large'
				| 'unzipped_too_large'
				| 'too_slow';
			detail?: string;
	  };

/** Rows per tab above which a file is refused before anything is read into the plan. */
export const MAX_ROWS = 5000;
/**
 * Bytes of the file itself, checked before anything is unzipped: a year's plan of a few thousand rows
 * weighs well under 1 MB; 10 MB leaves room for a logo or two and refuses a 50 MB file at once.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/**
 * Bytes the workbook's parts declare once unzipped, summed, checked from the zip's directory before
 * any part is inflated: 5,000 rows on every tab stay far below; a zip bomb (1 MB that inflates to
 * gigabytes) or a million rows is refused here rather than filling the memory. A part that lies about
 * its size is caught by the worker's time limit (read-in-worker.ts).
 */
export const MAX_UNZIPPED_BYTES = 40 * 1024 * 1024;
const MAX_PARTS = 2000;

/** Checks the zip's directory (names and declared sizes, nothing inflated), or says why not. */
export function checkZip(bytes: Uint8Array): Extract<ReadResult, { ok: false }> | null {
	if (bytes.byteLength > MAX_FILE_BYTES) return { ok: false, reason: 'file_too_large' };
	let total = 0;
	let parts = 0;
	let over = false;
	try {
		unzipSync(bytes, {
			filter(file) {
				total += file.originalSize;
				parts++;
				if (total > MAX_UNZIPPED_BYTES || parts > MAX_PARTS) over = true;
				return false;
			}
		});
	} catch (error) {
		return { ok: false, reason: 'unreadable', detail: String(error) };
	}
	return over ? { ok: false, reason: 'unzipped_too_large' } : null;
}

function plain(value: ExcelJS.CellValue): RawCell {
	if (value === null || value === undefined) return { value: null };
	if (value instanceof Date || typeof value !== 'object') return { value };
	if ('formula' in value || 'sharedFormula' in value) {
		const v = value as ExcelJS.CellFormulaValue;
		const result = v.result;
		const simple =
			result === undefined || (typeof result === 'object' && !(result instanceof Date)) ? null : result;
		return { value: simple, formula: v.formula ?? (value as ExcelJS.CellSharedFormulaValue).sharedFormula };
	}
	if ('richText' in value) return { value: value.richText.map((t) => t.text).join('') };
	if ('text' in value) return { value: String(value.text) };
	if ('error' in value) return { value: null };
	return { value: null };
}

export async function readWorkbook(excel: ExcelModule, bytes: ArrayBuffer): Promise<ReadResult> {
	if (bytes.byteLength > MAX_FILE_BYTES) return { ok: false, reason: 'file_too_large' };
	const head = new Uint8Array(bytes.slice(0, 8));
	// An encrypted .xlsx is an OLE compound file (like an old .xls), not a zip.
	if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0)
		return { ok: false, reason: 'encrypted' };
	if (head[0] !== 0x50 || head[1] !== 0x4b) return { ok: false, reason: 'not_workbook' };
	const refused = checkZip(new Uint8Array(bytes));
	if (refused) return refused;
	const wb = new excel.Workbook();
	try {
		await wb.xlsx.load(bytes);
	} catch (error) {
		return { ok: false, reason: 'unreadable', detail: String(error) };
	}
	const sheets: RawSheet[] = [];
	for (const ws of wb.worksheets) {
		if (ws.actualRowCount > MAX_ROWS) return { ok: false, reason: 'too_large', detail: ws.name };
		const rows: RawCell[][] = [];
		ws.eachRow({ includeEmpty: true }, (row, r) => {
			const cells: RawCell[] = [];
			row.eachCell({ includeEmpty: true }, (cell, c) => {
				// A merged range's other cells repeat the master's value; only the master counts.
				cells[c - 1] = cell.isMerged && cell.master !== cell ? { value: null } : plain(cell.value);
			});
			rows[r - 1] = cells;
		});
		const merges = ws.model.merges ?? [];
		sheets.push({
			name: ws.name,
			rows: Array.from(rows, (r) => Array.from(r ?? [], (c) => c ?? { value: null })),
			merges
		});
	}
	return { ok: true, sheets };
}
