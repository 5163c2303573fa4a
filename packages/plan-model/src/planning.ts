/**
 * Planning in time (calendrier, Gantt): moving actions and keeping dependencies in order (PLAN-5, PLAN-6).
 *
 * "B can only start after A" (DOMAIN step 5) is read on whole days: A occupies every day from its start to
 * its end inclusive (an action without end lasts its start day), so B must start on the day after A's end
 * at the earliest. A dependency whose dependent starts on or before its prerequisite's end is a schedule
 * conflict (PLAN-6). Conflicts are computed at read time from the effective dependency graph (ACT-4), never
 * stored: a concurrent move by someone else can create one, and storing a flag would itself conflict.
 * Undated actions, dropped actions and removed ones never conflict; a recurring prerequisite constrains by
 * its own dates (occurrence 0), not by each repetition.
 *
 * Moving (PLAN-5). moveAction writes the action's new dates. Without `shiftDependents` it writes only
 * that action and returns the conflicts the move leaves (the dependents now starting too early, or the
 * action itself starting before a prerequisite ends), for the UI to show or to ask "shift them too?".
 * With `shiftDependents`, every action that depends on the moved one, directly or transitively, and now
 * starts too early is pushed later, just enough to start the day after its latest prerequisite ends,
 * keeping its duration, all in the same transaction (one undo step). Dependents are only ever pushed later,
 * never pulled earlier when a prerequisite moves earlier. A recurrence's `until` is never moved: a move
 * that would put an action's start after its `until` is refused (ACT-2).
 * planMove computes the same result without writing, for previews while dragging.
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { selectActions, type Action } from './actions.ts';
import { addDays, diffDays } from './dates.ts';
import { PlanError } from './errors.ts';
import type { Origin } from './origin.ts';
import { liveRecord, patchRecord, requireLive, requireRef } from './records.ts';
import { idSchema, isoDate, nullish, parse } from './validate.ts';

export interface ScheduleConflict {
	/** The dependent action, starting too early. */
	actionId: string;
	/** The prerequisite it depends on. */
	dependsOnId: string;
	start: string;
	prerequisiteEnd: string;
	/** The day after the prerequisite's end: the earliest valid start. */
	earliestStart: string;
}

export interface DateChange {
	id: string;
	start: string;
	end: string | null;
}

export interface MoveResult {
	/** The moved action first, then each shifted dependent in dependency order. */
	changes: DateChange[];
	/** Conflicts left, after the move, on the actions that changed (as dependent or prerequisite). */
	conflicts: ScheduleConflict[];
}

export interface MoveOptions {
	/** Push dependents that would start too early (transitively, keeping durations). Default false. */
	shiftDependents?: boolean;
}

type Schedule = Map<string, Action>;

function scheduleOf(doc: Y.Doc): Schedule {
	return new Map(selectActions(doc).map((a) => [a.id, a]));
}

/** The action's last day; a stored end before the start (concurrent edits) reads as the start. */
function lastDay(a: Action): string | null {
	return a.start === null ? null : a.end !== null && a.end > a.start ? a.end : a.start;
}

function conflictsIn(schedule: Schedule, only?: Set<string>): ScheduleConflict[] {
	const out: ScheduleConflict[] = [];
	for (const a of schedule.values()) {
		if (a.status === 'dropped' || a.start === null) continue;
		for (const depId of a.dependsOn) {
			const dep = schedule.get(depId);
			const end = dep && dep.status !== 'dropped' ? lastDay(dep) : null;
			if (end === null || a.start > end) continue;
			if (only && !only.has(a.id) && !only.has(depId)) continue;
			out.push({
				actionId: a.id,
				dependsOnId: depId,
				start: a.start,
				prerequisiteEnd: end,
				earliestStart: addDays(end, 1)
			});
		}
	}
	return out.sort((x, y) =>
		x.actionId !== y.actionId ? (x.actionId < y.actionId ? -1 : 1) : x.dependsOnId < y.dependsOnId ? -1 : 1
	);
}

/** Every dependency whose dependent starts on or before its prerequisite's end (PLAN-6). Pure. */
export function findScheduleConflicts(doc: Y.Doc): ScheduleConflict[] {
	return conflictsIn(scheduleOf(doc));
}

/** Ids with every action's prerequisites before it (the effective graph is acyclic, ACT-4). */
function dependencyOrder(schedule: Schedule): string[] {
	const order: string[] = [];
	const seen = new Set<string>();
	const visit = (id: string) => {
		if (seen.has(id)) return;
		seen.add(id);
		for (const dep of schedule.get(id)?.dependsOn ?? []) visit(dep);
		order.push(id);
	};
	for (const id of [...schedule.keys()].sort()) visit(id);
	return order;
}

function requireUntil(a: Action, start: string, field: string, code: 'invalid_input' | 'conflict'): void {
	const until = a.recurrence?.until;
	if (until && until < start) {
		throw new PlanError(
			code,
			field,
			`${field}: "${a.name}" would start after the end of its recurrence (${until})`
		);
	}
}

/** Applies new dates for `id` to a copy of the schedule and shifts dependents when asked. */
function computeMove(
	schedule: Schedule,
	id: string,
	start: string,
	end: string | null,
	shiftDependents: boolean
): MoveResult {
	const moved = schedule.get(id) as Action;
	requireUntil(moved, start, 'start', 'invalid_input');
	const next: Schedule = new Map(schedule);
	next.set(id, { ...moved, start, end });
	const changes: DateChange[] = [{ id, start, end }];
	const changed = new Set([id]);
	if (shiftDependents) {
		const dependents = new Map<string, string[]>();
		for (const a of schedule.values()) {
			for (const dep of a.dependsOn) dependents.set(dep, [...(dependents.get(dep) ?? []), a.id]);
		}
		const downstream = new Set<string>();
		const stack = [id];
		while (stack.length > 0) {
			for (const d of dependents.get(stack.pop() as string) ?? []) {
				if (!downstream.has(d) && d !== id) {
					downstream.add(d);
					stack.push(d);
				}
			}
		}
		for (const did of dependencyOrder(schedule)) {
			const d = next.get(did) as Action;
			if (!downstream.has(did) || d.start === null || d.status === 'dropped') continue;
			let earliest: string | null = null;
			for (const depId of d.dependsOn) {
				const dep = next.get(depId);
				const depEnd = dep && dep.status !== 'dropped' ? lastDay(dep) : null;
				if (depEnd !== null && (earliest === null || addDays(depEnd, 1) > earliest))
					earliest = addDays(depEnd, 1);
			}
			if (earliest === null || d.start >= earliest) continue;
			const delta = diffDays(d.start, earliest);
			const shifted = { ...d, start: earliest, end: d.end === null ? null : addDays(d.end, delta) };
			requireUntil(d, shifted.start, 'shiftDependents', 'conflict');
			next.set(did, shifted);
			changes.push({ id: did, start: shifted.start, end: shifted.end });
			changed.add(did);
		}
	}
	return { changes, conflicts: conflictsIn(next, changed) };
}

const moveInput = v.object({
	id: idSchema,
	start: isoDate,
	/** The new end; omitted: the duration is kept (see keepDuration). null clears it (one-day action). */
	end: nullish(isoDate),
	/** When `end` is omitted: true (default) keeps the duration, false keeps the current end date. */
	keepDuration: v.optional(v.boolean())
});
export type MoveActionProps = v.InferInput<typeof moveInput>;

function newEnd(a: Action, p: v.InferOutput<typeof moveInput>): string | null {
	if (p.end !== undefined) return p.end;
	if (p.keepDuration === false) return a.end;
	if (a.start !== null && a.end !== null) return addDays(p.start, diffDays(a.start, a.end));
	return a.end !== null && a.end < p.start ? p.start : a.end;
}

/** What moveAction would do, without writing (for drag previews). Throws PlanError like moveAction. */
export function planMove(doc: Y.Doc, props: MoveActionProps, options: MoveOptions = {}): MoveResult {
	const p = parse(moveInput, props);
	requireLive(doc, 'actions', p.id, 'id');
	const schedule = scheduleOf(doc);
	const action = schedule.get(p.id) as Action;
	const end = newEnd(action, p);
	if (end !== null && end < p.start) {
		throw new PlanError('invalid_input', 'end', 'end: the end date must not be before the start date');
	}
	return computeMove(schedule, p.id, p.start, end, options.shiftDependents === true);
}

function writeChanges(doc: Y.Doc, changes: DateChange[]): void {
	for (const c of changes) {
		// Start and end are written together (PLAN-7): under concurrent moves both fields then come from the
		// same winning transaction, so a pair never mixes one person's start with another's end.
		const rec = liveRecord(doc, 'actions', c.id);
		if (rec && (rec.get('start') !== c.start || (rec.get('end') ?? null) !== c.end)) {
			rec.set('start', c.start);
			rec.set('end', c.end);
		}
	}
}

/** Moves an action in time (PLAN-5), optionally shifting its dependents, in one transaction. */
export function moveAction(
	doc: Y.Doc,
	props: MoveActionProps,
	origin: Origin,
	options: MoveOptions = {}
): MoveResult {
	const result = planMove(doc, props, options);
	doc.transact(() => writeChanges(doc, result.changes), origin);
	return result;
}

const setPeriodInput = v.object({
	id: idSchema,
	periodId: v.nullable(idSchema),
	/** Also move the dates into the period: start on its first day, keeping the duration; an undated action
	 * takes the period's dates. */
	alignDates: v.optional(v.boolean())
});
export type SetActionPeriodProps = v.InferInput<typeof setPeriodInput>;

/**
 * Assigns an action to a period from the period view (PLAN-3), or to none with null. With alignDates the
 * dates follow (and dependents shift when asked, as in moveAction), all in one transaction.
 */
export function setActionPeriod(
	doc: Y.Doc,
	props: SetActionPeriodProps,
	origin: Origin,
	options: MoveOptions = {}
): MoveResult {
	const p = parse(setPeriodInput, props);
	const rec = requireLive(doc, 'actions', p.id, 'id');
	requireRef(doc, 'periods', p.periodId, 'periodId');
	let result: MoveResult = { changes: [], conflicts: [] };
	if (p.alignDates) {
		if (p.periodId === null) {
			throw new PlanError('invalid_input', 'alignDates', 'alignDates: needs a period to align to');
		}
		const period = requireLive(doc, 'periods', p.periodId, 'periodId');
		const start = period.get('start') as string;
		const schedule = scheduleOf(doc);
		const a = schedule.get(p.id) as Action;
		const end =
			a.start === null
				? (period.get('end') as string)
				: a.end === null
					? null
					: addDays(start, diffDays(a.start, a.end));
		result = computeMove(schedule, p.id, start, end, options.shiftDependents === true);
	} else {
		result.conflicts = conflictsIn(scheduleOf(doc), new Set([p.id]));
	}
	doc.transact(() => {
		patchRecord(rec, { periodId: p.periodId });
		writeChanges(doc, result.changes);
	}, origin);
	return result;
}
