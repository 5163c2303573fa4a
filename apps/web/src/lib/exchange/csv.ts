/**
 * The action table's current view as CSV: the rows as filtered and sorted on screen, every column, each
 * cell as the table shows it, except dates and amounts, written as a spreadsheet reads them (10/03/2027,
 * 1250,5) so they stay dates and numbers. French Excel splits CSV on semicolons, English on commas, so the
 * separator follows the language; a byte-order mark makes Excel read UTF-8 accents right.
 */
import type { Action, Locale } from '@cap/plan-model';
import { formatDraft } from '#lib/format.ts';

/** A date or an amount as a spreadsheet in either language reads it; null for the other columns. */
function spreadsheetValue(column: string, action: Action, locale: Locale): string | null {
	if (column === 'start' || column === 'end') {
		const iso = action[column];
		return iso === null ? '' : `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
	}
	if (column === 'plannedCost' || column === 'personDays') {
		const value = action[column];
		return value === null ? '' : formatDraft(value, locale);
	}
	return null;
}

/** Cells starting like a formula are prefixed with ' so a spreadsheet never runs them (CSV injection). */
function cell(text: string, sep: string): string {
	const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
	return safe.includes(sep) || /["\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv<C extends string>(
	rows: Action[],
	columns: readonly C[],
	header: (column: C) => string,
	label: (column: C, action: Action) => string,
	locale: Locale
): string {
	const sep = locale === 'fr' ? ';' : ',';
	const lines = [columns.map((c) => cell(header(c), sep)).join(sep)];
	for (const row of rows) {
		lines.push(columns.map((c) => cell(spreadsheetValue(c, row, locale) ?? label(c, row), sep)).join(sep));
	}
	return `\ufeff${lines.join('\r\n')}\r\n`;
}
