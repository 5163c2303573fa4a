/**
 * Periods (périodes): the short sprints, about ten days between two team meetings, in which work is
 * followed.
 *
 *   periods: Y.Map<PeriodId, Y.Map<'name' | 'start' | 'end', value>>     start/end: ISO dates 'YYYY-MM-DD'
 *
 * Periods are displayed chronologically (by start, then end, then id), so they carry no order key.
 * Removal is a real delete; actions pointing at a removed period read `periodId: null` (REF-1).
 *
 * generateTenDayPeriods (PER-4): each month gives three periods, days 1-10, 11-20 and 21 to the month's
 * last day, named P1..P36 in calendar order. The third period of a month is 8 to 11 days long.
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { PlanError } from './errors.ts';
import type { Origin } from './origin.ts';
import { createRecord, liveEntries, patchRecord, removeRecord, requireLive, str } from './records.ts';
import { newId } from './runtime.ts';
import { collection } from './schema.ts';
import { MAX_YEAR, MIN_YEAR } from './settings.ts';
import { daysBetweenInclusive, idSchema, intSchema, isoDate, nameSchema, parse } from './validate.ts';

/** PER-2: no period is longer than a year. */
export const MAX_PERIOD_DAYS = 366;

export interface Period {
	id: string;
	name: string;
	start: string;
	end: string;
	/** Inclusive length in days. */
	days: number;
}

const periodFields = v.object({ name: nameSchema, start: isoDate, end: isoDate });
const addPeriodInput = periodFields;
const updatePeriodInput = v.object({ ...v.partial(periodFields).entries, id: idSchema });
export type AddPeriodProps = v.InferInput<typeof addPeriodInput>;
export type UpdatePeriodProps = v.InferInput<typeof updatePeriodInput>;

/** PER-1, PER-2. */
function requireValidRange(start: string, end: string): void {
	if (end < start) throw new PlanError('invalid_input', 'end', 'end: a period must not end before it starts');
	if (daysBetweenInclusive(start, end) > MAX_PERIOD_DAYS) {
		throw new PlanError('invalid_input', 'end', `end: a period lasts at most ${MAX_PERIOD_DAYS} days`);
	}
}

export function addPeriod(doc: Y.Doc, props: AddPeriodProps, origin: Origin): string {
	const p = parse(addPeriodInput, props);
	requireValidRange(p.start, p.end);
	const id = newId();
	doc.transact(() => createRecord(doc, 'periods', id, p), origin);
	return id;
}

export function updatePeriod(doc: Y.Doc, props: UpdatePeriodProps, origin: Origin): void {
	const { id, ...patch } = parse(updatePeriodInput, props);
	const rec = requireLive(doc, 'periods', id, 'id');
	requireValidRange(patch.start ?? str(rec, 'start'), patch.end ?? str(rec, 'end'));
	doc.transact(() => patchRecord(rec, patch), origin);
}

export function removePeriod(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	removeRecord(doc, 'periods', props, origin);
}

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

/** The 36 ten-day periods of `year` (PER-4), as plain values. */
export function tenDayPeriods(year: number): { name: string; start: string; end: string }[] {
	const out: { name: string; start: string; end: string }[] = [];
	for (let month = 1; month <= 12; month++) {
		const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
		const ym = `${year}-${pad(month)}`;
		for (const [from, to] of [
			[1, 10],
			[11, 20],
			[21, lastDay]
		] as const) {
			out.push({ name: `P${out.length + 1}`, start: `${ym}-${pad(from)}`, end: `${ym}-${pad(to)}` });
		}
	}
	return out;
}

const generateInput = v.object({
	year: v.pipe(intSchema, v.minValue(MIN_YEAR), v.maxValue(MAX_YEAR)),
	replace: v.optional(v.boolean())
});

/**
 * Creates P1..P36 for `year` and returns their ids in order. Refuses (conflict) when periods already exist
 * unless `replace` is true, in which case the existing periods are removed in the same transaction.
 */
export function generateTenDayPeriods(
	doc: Y.Doc,
	props: { year: number; replace?: boolean },
	origin: Origin
): string[] {
	const { year, replace } = parse(generateInput, props);
	const existing = liveEntries(doc, 'periods');
	if (existing.length > 0 && !replace) {
		throw new PlanError('conflict', 'replace', 'Periods already exist; pass replace: true to replace them');
	}
	const periods = tenDayPeriods(year).map((p) => ({ ...p, id: newId() }));
	doc.transact(() => {
		const col = collection(doc, 'periods');
		for (const [id] of existing) col.delete(id);
		for (const { id, ...fields } of periods) createRecord(doc, 'periods', id, fields);
	}, origin);
	return periods.map((p) => p.id);
}

/** Periods in calendar order: by start, then end, then id. */
/** By start, then end, then id: the order of periods and key moments. */
export function compareDateRanges(
	a: { start: string; end: string; id: string },
	b: { start: string; end: string; id: string }
): number {
	if (a.start !== b.start) return a.start < b.start ? -1 : 1;
	if (a.end !== b.end) return a.end < b.end ? -1 : 1;
	return a.id < b.id ? -1 : 1;
}

export function selectPeriods(doc: Y.Doc): Period[] {
	return liveEntries(doc, 'periods')
		.map(([id, rec]) => {
			const start = str(rec, 'start');
			const end = str(rec, 'end');
			return { id, name: str(rec, 'name'), start, end, days: daysBetweenInclusive(start, end) || 0 };
		})
		.sort(compareDateRanges);
}
