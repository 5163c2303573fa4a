/**
 * Measurements pasted from a spreadsheet: one line per date, "date, actual[, forecast]" (a header line is
 * skipped when its first cell is not a date). Every line is checked before anything is written, so a bad
 * line is reported with its number and nothing is lost or half-added.
 */
import { parseAmount, parseDate, parseTsv } from '#lib/actions/paste.ts';

export interface PastedMeasurement {
	date: string;
	actual: number | null;
	forecast: number | null;
}

export type MeasurementPaste =
	{ ok: true; rows: PastedMeasurement[] } | { ok: false; line: number; reason: 'date' | 'number' | 'empty' };

export function parseMeasurements(text: string): MeasurementPaste {
	const lines = parseTsv(text).map((cells) => cells.map((c) => c.trim()));
	const rows: PastedMeasurement[] = [];
	for (const [i, cells] of lines.entries()) {
		if (cells.every((c) => c === '')) continue;
		const date = parseDate(cells[0] ?? '');
		if (!date) {
			if (i === 0) continue; // a header row
			return { ok: false, line: i + 1, reason: 'date' };
		}
		const [actual, forecast] = [cells[1] ?? '', cells[2] ?? ''].map((c) =>
			c === '' ? null : parseAmount(c)
		);
		if ((cells[1] && actual === null) || (cells[2] && forecast === null)) {
			return { ok: false, line: i + 1, reason: 'number' };
		}
		rows.push({ date, actual: actual ?? null, forecast: forecast ?? null });
	}
	return rows.length === 0 ? { ok: false, line: 1, reason: 'empty' } : { ok: true, rows };
}
