/**
 * The action table's current view as CSV: the rows as filtered and sorted on screen, every column, each
 * cell as the table shows it. French Excel splits CSV on semicolons, English on commas, so the separator
 * follows the language; a byte-order mark makes Excel read UTF-8 accents right.
 */
import type { Action, Locale } from '@cap/plan-model';

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
	for (const row of rows) lines.push(columns.map((c) => cell(label(c, row), sep)).join(sep));
	return `\ufeff${lines.join('\r\n')}\r\n`;
}
