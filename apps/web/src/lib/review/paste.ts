/**
 * Last year's actions pasted from a spreadsheet (the old Excel file's rows). The first line is read as a
 * header when it names known columns (French or English, accents and case ignored); otherwise the columns
 * are: name, channel, target, cost, revenue, contacts, leads, conversions. Every line is checked before
 * anything is written: a bad line is reported with its number and nothing is added.
 */
import type { AddReviewItemProps } from '@cap/plan-model';
import { parseAmount, parseTsv } from '#lib/actions/paste.ts';

type Field = 'name' | 'channel' | 'target' | 'cost' | 'revenue' | 'contacts' | 'leads' | 'conversions';
const NUMBERS: Field[] = ['cost', 'revenue', 'contacts', 'leads', 'conversions'];
const COUNTS: Field[] = ['contacts', 'leads', 'conversions'];
export const DEFAULT_COLUMNS: Field[] = [
	'name',
	'channel',
	'target',
	'cost',
	'revenue',
	'contacts',
	'leads',
	'conversions'
];

const HEADERS: Record<string, Field> = {
	name: 'name',
	action: 'name',
	nom: 'name',
	intitule: 'name',
	channel: 'channel',
	canal: 'channel',
	target: 'target',
	cible: 'target',
	cost: 'cost',
	cout: 'cost',
	budget: 'cost',
	depense: 'cost',
	revenue: 'revenue',
	ca: 'revenue',
	"chiffre d'affaires": 'revenue',
	'ca genere': 'revenue',
	contacts: 'contacts',
	leads: 'leads',
	prospects: 'leads',
	conversions: 'conversions',
	ventes: 'conversions',
	transformations: 'conversions'
};

function norm(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.trim()
		.toLowerCase();
}

export type ReviewPaste =
	| { ok: true; items: AddReviewItemProps[] }
	| { ok: false; line: number; reason: 'name' | 'number' | 'empty' };

export function parseReviewPaste(text: string): ReviewPaste {
	const lines = parseTsv(text).map((cells) => cells.map((c) => c.trim()));
	const first = lines[0] ?? [];
	const header = first.filter((c) => HEADERS[norm(c)]).length >= 2;
	const columns = header ? first.map((c) => HEADERS[norm(c)] ?? null) : DEFAULT_COLUMNS;
	const items: AddReviewItemProps[] = [];
	for (const [i, cells] of lines.entries()) {
		if ((header && i === 0) || cells.every((c) => c === '')) continue;
		const item: Record<string, unknown> = {};
		for (const [j, field] of columns.entries()) {
			const cell = cells[j] ?? '';
			if (!field || cell === '') continue;
			if (NUMBERS.includes(field)) {
				const value = parseAmount(cell);
				if (value === null || value < 0 || (COUNTS.includes(field) && !Number.isInteger(value))) {
					return { ok: false, line: i + 1, reason: 'number' };
				}
				item[field] = value;
			} else item[field] = cell;
		}
		if (!item.name) return { ok: false, line: i + 1, reason: 'name' };
		items.push(item as AddReviewItemProps);
	}
	return items.length === 0 ? { ok: false, line: 1, reason: 'empty' } : { ok: true, items };
}
