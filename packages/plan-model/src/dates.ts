/**
 * Calendar arithmetic on ISO dates ('YYYY-MM-DD'), used by the planning modules (recurrence, load,
 * moves). Dates are whole UTC days: no time zone can shift them. Internally a date is its day number
 * since 1970-01-01 so that adding days and measuring spans are plain integer operations.
 *
 * Working days are Monday to Friday. Public holidays are not modelled (they differ by country and the
 * plan has no holiday calendar yet): load proration (PLAN-3) uses these weekdays only.
 */

const DAY_MS = 86400000;

/** An inclusive span of days, both ends ISO dates. */
export interface DateRange {
	from: string;
	to: string;
}

export function toDay(iso: string): number {
	return Math.round(Date.parse(iso) / DAY_MS);
}

export function fromDay(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
	return fromDay(toDay(iso) + days);
}

/** Signed number of days from `a` to `b` (b - a). */
export function diffDays(a: string, b: string): number {
	return toDay(b) - toDay(a);
}

function lastDayOfMonth(year: number, month0: number): number {
	return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/**
 * `iso` plus `months` calendar months, the day clamped to the target month's last day (PLAN-2):
 * 2027-01-31 + 1 month = 2027-02-28, 2028-01-31 + 1 month = 2028-02-29, 2027-01-31 + 2 months = 2027-03-31.
 */
export function addMonthsClamped(iso: string, months: number): string {
	const d = new Date(Date.parse(iso));
	const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
	const year = Math.floor(total / 12);
	const month0 = total - year * 12;
	const day = Math.min(d.getUTCDate(), lastDayOfMonth(year, month0));
	return new Date(Date.UTC(year, month0, day)).toISOString().slice(0, 10);
}

/** True for Monday..Friday. 1970-01-01 (day 0) was a Thursday. */
export function isWorkingDay(day: number): boolean {
	const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
	return weekday >= 1 && weekday <= 5;
}

/** Working days (Mon-Fri) in the inclusive span; 0 when `to` is before `from`. */
export function workingDays(from: string, to: string): number {
	const a = toDay(from);
	const b = toDay(to);
	if (b < a) return 0;
	const total = b - a + 1;
	let count = Math.floor(total / 7) * 5;
	for (let day = a + Math.floor(total / 7) * 7; day <= b; day++) if (isWorkingDay(day)) count++;
	return count;
}

/** Inclusive calendar days of the span; 0 when `to` is before `from`. */
export function calendarDays(from: string, to: string): number {
	return Math.max(0, diffDays(from, to) + 1);
}

/** The common part of two spans, or null when they do not overlap. */
export function intersect(a: DateRange, b: DateRange): DateRange | null {
	const from = a.from > b.from ? a.from : b.from;
	const to = a.to < b.to ? a.to : b.to;
	return from <= to ? { from, to } : null;
}

/** January 1st to December 31st of `year`. */
export function yearRange(year: number): DateRange {
	return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The twelve months or four quarters of `year`, for load views by month or quarter. */
export function calendarRanges(year: number, unit: 'month' | 'quarter'): (DateRange & { label: string })[] {
	const step = unit === 'month' ? 1 : 3;
	const out: (DateRange & { label: string })[] = [];
	for (let m = 0; m < 12; m += step) {
		const from = `${year}-${String(m + 1).padStart(2, '0')}-01`;
		const to = addDays(addMonthsClamped(from, step), -1);
		const label = unit === 'month' ? from.slice(0, 7) : `${year}-Q${m / 3 + 1}`;
		out.push({ label, from, to });
	}
	return out;
}
