/**
 * Recurring actions (PLAN-1, PLAN-2): the newsletters, mailings and ad placements nobody can drop repeat
 * through the year. An action stores one recurrence rule ({freq, interval, until}, see actions.ts), never
 * its repetitions: expanding at read time means editing the rule, or moving the action, moves every
 * repetition at once, and two people can never create diverging copies.
 *
 * Expansion rule:
 * - Occurrence 0 is the action itself (start..end; a missing end means a one-day action). Repetition n
 *   starts n × interval weeks / months / quarters after the action's start and lasts as many days as the
 *   action (same duration in calendar days).
 * - Months are added to the original start, never step by step, and the day is clamped to the target
 *   month's last day (PLAN-2): a monthly action on January 31st repeats on February 28th (29th in a leap
 *   year), then March 31st, April 30th...
 * - Repetitions stop at the last one starting on or before `until` (inclusive) and, in the plan view,
 *   on or before December 31st of the plan year. An occurrence is never cut: one starting on December
 *   28th and lasting five days ends in January.
 * - An action without a start date has no occurrence (it is not scheduled yet). Each occurrence carries the
 *   action's whole person-day estimate: for a recurring action the estimate is per repetition.
 */
import type * as Y from 'yjs';
import { selectActions, type Action } from './actions.ts';
import { addDays, addMonthsClamped, diffDays, yearRange, type DateRange } from './dates.ts';
import { selectSettings } from './settings.ts';

export interface Occurrence {
	actionId: string;
	/** 0 for the action's own dates, n for its n-th repetition. */
	index: number;
	start: string;
	end: string;
}

export interface ActionOccurrence extends Occurrence {
	action: Action;
}

/** Safety net against absurd ranges: no action yields more occurrences than this. */
export const MAX_OCCURRENCES = 1000;

type Schedulable = Pick<Action, 'id' | 'start' | 'end' | 'recurrence'>;

function repetitionStart(action: Schedulable & { start: string }, n: number): string {
	const r = action.recurrence;
	if (!r || n === 0) return action.start;
	if (r.freq === 'weekly') return addDays(action.start, 7 * r.interval * n);
	return addMonthsClamped(action.start, (r.freq === 'monthly' ? 1 : 3) * r.interval * n);
}

/**
 * The occurrences of `action` that overlap `range` (PLAN-1), in date order. Repetitions start no later
 * than the recurrence's `until`, `range.to` and `options.repeatUntil` (the plan year's end in selectors).
 */
export function expandOccurrences(
	action: Schedulable,
	range: DateRange,
	options: { repeatUntil?: string } = {}
): Occurrence[] {
	const start = action.start;
	if (start === null) return [];
	const duration = action.end !== null && action.end >= start ? diffDays(start, action.end) : 0;
	let limit = range.to;
	const until = action.recurrence?.until;
	if (until && until < limit) limit = until;
	if (options.repeatUntil && options.repeatUntil < limit) limit = options.repeatUntil;
	const out: Occurrence[] = [];
	const schedulable = { ...action, start };
	for (let n = 0; n < MAX_OCCURRENCES; n++) {
		const s = repetitionStart(schedulable, n);
		if (n > 0 && s > limit) break;
		const e = addDays(s, duration);
		if (s <= range.to && e >= range.from) out.push({ actionId: action.id, index: n, start: s, end: e });
		if (!action.recurrence) break;
	}
	return out;
}

/** The plan year (January 1st to December 31st of settings.year). */
export function selectPlanYear(doc: Y.Doc): DateRange {
	return yearRange(selectSettings(doc).year);
}

/**
 * Every occurrence of the live, non-dropped actions overlapping `range` (default: the plan year), with
 * repetitions limited to the plan year. Sorted by start, end, action id, then index.
 */
export function selectActionOccurrences(doc: Y.Doc, range?: DateRange): ActionOccurrence[] {
	const year = selectPlanYear(doc);
	const window = range ?? year;
	const out: ActionOccurrence[] = [];
	for (const action of selectActions(doc)) {
		if (action.status === 'dropped') continue;
		for (const o of expandOccurrences(action, window, { repeatUntil: year.to })) out.push({ ...o, action });
	}
	return out.sort((a, b) =>
		a.start !== b.start
			? a.start < b.start
				? -1
				: 1
			: a.end !== b.end
				? a.end < b.end
					? -1
					: 1
				: a.actionId !== b.actionId
					? a.actionId < b.actionId
						? -1
						: 1
					: a.index - b.index
	);
}
