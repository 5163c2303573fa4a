/**
 * Load per period and per range (actions par période, PLAN-3, PLAN-4): how many person-days of work fall
 * in a period, a month or a quarter, and whether each owner can carry it.
 *
 * Membership (PLAN-3). An action belongs to a period when it is assigned to it (periodId) OR when one of
 * its occurrences (recurrence.ts) overlaps the period's dates. Both rules are needed: "agile" teams only
 * assign periods, "traditional" ones only date actions, and most plans mix them.
 *
 * Person-days (PLAN-3). Dates are more precise than an assignment, so they decide where the work falls:
 * - a dated action spreads each occurrence's estimate over the occurrence's working days (Mon-Fri, see
 *   dates.ts), and a period or range receives the share of working days it overlaps (calendar days when
 *   the occurrence has no working day, e.g. a weekend fair);
 * - an undated action assigned to a period is spread over that period's dates;
 * - an undated, unassigned action is in no load (not planned yet);
 * - dropped actions are excluded (as in PER-5); done ones count, they used the time.
 * A dated action assigned to a period its dates do not overlap is still listed there (`outsideDates`,
 * share 0) so the inconsistency is visible, but its person-days go where its dates are: the sum over
 * consecutive periods equals the total estimate, never counted twice.
 *
 * Capacity (PLAN-4). A member gives `capacityPerPeriod` person-days per period. For a month or quarter,
 * capacity is capacityPerPeriod × the number of periods in the range, a period partly inside counting for
 * the share of its working days inside. Without periods, or when the member has no capacity set, capacity
 * is null and the owner is never reported overloaded. An owner is overloaded when the load (rounded to
 * 0.01 person-day, the value shown) exceeds the capacity.
 */
import type * as Y from 'yjs';
import { selectActions, type Action } from './actions.ts';
import { calendarDays, intersect, workingDays, type DateRange } from './dates.ts';
import { selectMembers } from './lists.ts';
import { selectPeriods, type Period } from './periods.ts';
import { expandOccurrences, selectPlanYear, type Occurrence } from './recurrence.ts';

export interface LoadEntry {
	action: Action;
	/** The action's person-days falling in this period or range (rounded to 0.01). */
	personDays: number;
	/** The action's occurrences overlapping the period or range. */
	occurrences: Occurrence[];
	/** The action's periodId is this period (always false for a range). */
	assigned: boolean;
	/** Assigned to this period but dated elsewhere: listed, with no person-days here. */
	outsideDates: boolean;
}

export interface OwnerLoad {
	memberId: string;
	name: string;
	personDays: number;
	/** Person-days the member can give in this period or range; null when unknown. */
	capacity: number | null;
	overloaded: boolean;
	actionCount: number;
}

export interface LoadSummary {
	from: string;
	to: string;
	/** Inclusive calendar days. */
	days: number;
	workingDays: number;
	actionCount: number;
	/** In action display order. */
	actions: LoadEntry[];
	personDays: number;
	/** Sum of the known member capacities. */
	capacity: number;
	/** Every member, in list order. */
	owners: OwnerLoad[];
	/** Actions without an owner. */
	unowned: { personDays: number; actionCount: number };
	overloadedOwnerIds: string[];
}

export interface PeriodLoad extends LoadSummary {
	period: Period;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Where an action sits in time (PLAN-8): its own dates when it has a start; an undated action assigned to
 * a period sits on that period's dates (`fromPeriod`); otherwise nowhere (not planned yet). The timeline
 * draws this, and the load (PLAN-3) spreads person-days over it.
 */
export function actionPlacement(
	action: Pick<Action, 'start' | 'end' | 'periodId'>,
	periods: readonly Period[]
): { start: string; end: string; fromPeriod: boolean } | null {
	if (action.start !== null)
		return { start: action.start, end: action.end ?? action.start, fromPeriod: false };
	const period = action.periodId ? periods.find((p) => p.id === action.periodId) : undefined;
	return period ? { start: period.start, end: period.end, fromPeriod: true } : null;
}

/**
 * The one period an action is counted in where a view has room for one (the table's Période column, its
 * filter and grouping; PLAN-8): the period it is assigned to, else the first period holding its start,
 * else none. The periods view lists the action in that period too (PLAN-3: assigned, or overlapping).
 */
export function actionPeriodId(
	action: Pick<Action, 'start' | 'periodId'>,
	periods: readonly Period[]
): string | null {
	if (action.periodId && periods.some((p) => p.id === action.periodId)) return action.periodId;
	if (action.start === null) return null;
	const start = action.start;
	return periods.find((p) => p.start <= start && start <= p.end)?.id ?? null;
}

interface Span extends DateRange {
	occurrence: Occurrence | null;
}

interface Context {
	actions: { action: Action; spans: Span[] }[];
	periods: Period[];
	members: ReturnType<typeof selectMembers>;
}

function context(doc: Y.Doc): Context {
	const year = selectPlanYear(doc);
	const periods = selectPeriods(doc);
	const everything = { from: '0000-01-01', to: '9999-12-31' };
	const actions = selectActions(doc)
		.filter((a) => a.status !== 'dropped')
		.map((action) => {
			let spans: Span[] = expandOccurrences(action, everything, { repeatUntil: year.to }).map((o) => ({
				from: o.start,
				to: o.end,
				occurrence: o
			}));
			const placed = action.start === null ? actionPlacement(action, periods) : null;
			if (placed) spans = [{ from: placed.start, to: placed.end, occurrence: null }];
			return { action, spans };
		});
	return { actions, periods, members: selectMembers(doc) };
}

/** The share of `span`'s working days (calendar days if it has none) that falls in `window`. */
function share(span: DateRange, window: DateRange): number {
	const overlap = intersect(span, window);
	if (!overlap) return 0;
	const total = workingDays(span.from, span.to);
	if (total > 0) return workingDays(overlap.from, overlap.to) / total;
	return calendarDays(overlap.from, overlap.to) / calendarDays(span.from, span.to);
}

function summarize(ctx: Context, window: DateRange, period: Period | null): LoadSummary {
	const entries: LoadEntry[] = [];
	const ownerLoad = new Map<string | null, { load: number; count: number }>();
	let total = 0;
	for (const { action, spans } of ctx.actions) {
		const overlapping = spans.filter((s) => intersect(s, window) !== null);
		const assigned = period !== null && action.periodId === period.id;
		if (overlapping.length === 0 && !assigned) continue;
		const load = overlapping.reduce((sum, s) => sum + share(s, window), 0) * (action.personDays ?? 0);
		total += load;
		const owner = ownerLoad.get(action.ownerId) ?? { load: 0, count: 0 };
		ownerLoad.set(action.ownerId, { load: owner.load + load, count: owner.count + 1 });
		entries.push({
			action,
			personDays: round2(load),
			occurrences: overlapping.flatMap((s) => (s.occurrence ? [s.occurrence] : [])),
			assigned,
			outsideDates: assigned && overlapping.length === 0
		});
	}
	const periodEquivalents = period
		? 1
		: ctx.periods.length === 0
			? null
			: ctx.periods.reduce((sum, p) => sum + share({ from: p.start, to: p.end }, window), 0);
	const owners: OwnerLoad[] = ctx.members.map((m) => {
		const l = ownerLoad.get(m.id) ?? { load: 0, count: 0 };
		const personDays = round2(l.load);
		const capacity =
			m.capacityPerPeriod === null || periodEquivalents === null
				? null
				: round2(m.capacityPerPeriod * periodEquivalents);
		return {
			memberId: m.id,
			name: m.name,
			personDays,
			capacity,
			overloaded: capacity !== null && personDays > capacity,
			actionCount: l.count
		};
	});
	const unowned = ownerLoad.get(null) ?? { load: 0, count: 0 };
	return {
		from: window.from,
		to: window.to,
		days: calendarDays(window.from, window.to),
		workingDays: workingDays(window.from, window.to),
		actionCount: entries.length,
		actions: entries,
		personDays: round2(total),
		capacity: round2(owners.reduce((sum, o) => sum + (o.capacity ?? 0), 0)),
		owners,
		unowned: { personDays: round2(unowned.load), actionCount: unowned.count },
		overloadedOwnerIds: owners.filter((o) => o.overloaded).map((o) => o.memberId)
	};
}

/** The load of one period (PLAN-3, PLAN-4); null when the period does not exist (REF-1). */
export function selectPeriodLoad(doc: Y.Doc, periodId: string): PeriodLoad | null {
	const ctx = context(doc);
	const period = ctx.periods.find((p) => p.id === periodId);
	if (!period) return null;
	return { period, ...summarize(ctx, { from: period.start, to: period.end }, period) };
}

/** The load of every period, in calendar order. */
export function selectPeriodLoads(doc: Y.Doc): PeriodLoad[] {
	const ctx = context(doc);
	return ctx.periods.map((period) => ({
		period,
		...summarize(ctx, { from: period.start, to: period.end }, period)
	}));
}

/**
 * The load of any date range, typically a month or a quarter (calendarRanges in dates.ts): membership by
 * dates only, capacity scaled by the periods the range covers (PLAN-4). An empty range (to < from) has no
 * action.
 */
export function selectLoadByRange(doc: Y.Doc, range: DateRange): LoadSummary {
	return summarize(context(doc), range, null);
}
