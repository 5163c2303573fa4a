/** Where a stretch of days sits on the year page: left and width in percent of the plan year. */
import type { DateRange } from '@cap/plan-model';

const DAY = 86_400_000;

export function spanBox(span: DateRange, year: DateRange): { left: number; width: number } {
	const start = Date.parse(`${year.from}T00:00:00Z`);
	const length = Date.parse(`${year.to}T00:00:00Z`) + DAY - start;
	const from = (Date.parse(`${span.from}T00:00:00Z`) - start) / length;
	const to = (Date.parse(`${span.to}T00:00:00Z`) + DAY - start) / length;
	const left = Math.max(0, Math.min(1, from));
	const right = Math.max(left, Math.min(1, to));
	// A one-day action stays visible: at least 0.4 % of the year (about a day and a half).
	return { left: left * 100, width: Math.max(0.4, (right - left) * 100) };
}
