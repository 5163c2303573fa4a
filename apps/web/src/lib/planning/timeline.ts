/**
 * Pure geometry of the timeline (calendrier): which swimlane an action falls in, where each row sits,
 * how a pointer drag becomes whole days. No Svelte, no Yjs: unit-tested in timeline.test.ts.
 *
 * Dates are ISO days (plan-model's dates.ts); x positions are "days since January 1st × pixels per day",
 * and an action occupies its end day too, so its bar runs to the start of the day after its end.
 */
import { addDays, diffDays, type Action, type NamedItem, type Occurrence } from '@cap/plan-model';

export const LANE_KINDS = ['workstream', 'productLine', 'channel', 'target', 'owner'] as const;
export type LaneKind = (typeof LANE_KINDS)[number];

/** Year: the whole year in the viewport; quarter: about three months; weeks: about five weeks. */
export const ZOOMS = ['year', 'quarter', 'weeks'] as const;
export type Zoom = (typeof ZOOMS)[number];
export const ZOOM_FACTOR: Record<Zoom, number> = { year: 1, quarter: 4, weeks: 10 };

export const LANE_FIELD: Record<LaneKind, keyof Action> = {
	workstream: 'workstreamId',
	productLine: 'productLineId',
	channel: 'channelId',
	target: 'targetId',
	owner: 'ownerId'
};

export interface Lane {
	/** The list item's id; null for the actions without one ("no channel"...). */
	id: string | null;
	name: string;
	actions: Action[];
}

/**
 * Actions grouped by the lane kind's field, lanes in the list's order, the "none" lane last; lanes
 * without an action are left out so the year stays readable.
 */
export function buildLanes(actions: Action[], kind: LaneKind, items: NamedItem[], noneName: string): Lane[] {
	const field = LANE_FIELD[kind];
	const known = new Set(items.map((i) => i.id));
	const byLane = new Map<string | null, Action[]>();
	for (const action of actions) {
		const raw = action[field] as string | null;
		const key = raw !== null && known.has(raw) ? raw : null;
		const list = byLane.get(key);
		if (list) list.push(action);
		else byLane.set(key, [action]);
	}
	const lanes: Lane[] = [];
	for (const item of items) {
		const list = byLane.get(item.id);
		if (list) lanes.push({ id: item.id, name: item.name, actions: list });
	}
	const none = byLane.get(null);
	if (none) lanes.push({ id: null, name: noneName, actions: none });
	return lanes;
}

export type Row =
	| { kind: 'lane'; lane: Lane; y: number; height: number }
	| { kind: 'action'; action: Action; lane: Lane; y: number; height: number };

/** Rows top to bottom: a header per lane then one row per action. */
export function layoutRows(
	lanes: Lane[],
	laneHeight: number,
	rowHeight: number
): { rows: Row[]; height: number } {
	const rows: Row[] = [];
	let y = 0;
	for (const lane of lanes) {
		rows.push({ kind: 'lane', lane, y, height: laneHeight });
		y += laneHeight;
		for (const action of lane.actions) {
			rows.push({ kind: 'action', action, lane, y, height: rowHeight });
			y += rowHeight;
		}
	}
	return { rows, height: y };
}

export type DragMode = 'move' | 'start' | 'end';

/** Whole days for a horizontal pointer movement (snap to days). */
export function dragDays(dx: number, pxPerDay: number): number {
	if (pxPerDay <= 0) return 0;
	const days = Math.round(dx / pxPerDay);
	return days === 0 ? 0 : days; // no -0
}

/**
 * New dates after moving by `delta` days: the whole bar, or one edge (never past the other one).
 * A one-day action (end null) keeps a null end when moved.
 */
export function applyDrag(
	mode: DragMode,
	start: string,
	end: string | null,
	delta: number
): { start: string; end: string | null } {
	const last = end ?? start;
	if (mode === 'move')
		return { start: addDays(start, delta), end: end === null ? null : addDays(end, delta) };
	if (mode === 'start') {
		const next = addDays(start, delta);
		return { start: next > last ? last : next, end: last };
	}
	const next = addDays(last, delta);
	return { start, end: next < start ? start : next };
}

/** The months of a year: first day, index of that day in the year, length. */
export function monthsOf(year: number): { from: string; offset: number; days: number }[] {
	const jan1 = `${year}-01-01`;
	return Array.from({ length: 12 }, (_, i) => {
		const from = `${year}-${String(i + 1).padStart(2, '0')}-01`;
		const next = i === 11 ? `${year + 1}-01-01` : `${year}-${String(i + 2).padStart(2, '0')}-01`;
		return { from, offset: diffDays(jan1, from), days: diffDays(from, next) };
	});
}

/** The Mondays of a year, with their offset from January 1st. */
export function mondaysOf(year: number): { iso: string; offset: number }[] {
	const jan1 = `${year}-01-01`;
	const weekday = new Date(Date.parse(jan1)).getUTCDay(); // 0 = Sunday
	let offset = (8 - weekday) % 7;
	const out: { iso: string; offset: number }[] = [];
	const total = diffDays(jan1, `${year + 1}-01-01`);
	for (; offset < total; offset += 7) out.push({ iso: addDays(jan1, offset), offset });
	return out;
}

/** A dependency arrow from a prerequisite's end (x1, y1) to its dependent's start (x2, y2). */
export function arrowPath(x1: number, y1: number, x2: number, y2: number): string {
	const bend = Math.max(12, Math.min(40, Math.abs(x2 - x1) / 2));
	return `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`;
}

/**
 * Rows for overlapping spans (key moments' tags): each span goes in the first row where it fits after
 * the previous one (plus `gap`), scanned left to right, so overlapping moments stack instead of hiding
 * each other. Returns each span's row, in the input order, and the number of rows (at least 1).
 */
export function stackRows(
	spans: { left: number; right: number }[],
	gap = 2
): { rows: number[]; count: number } {
	const order = spans.map((s, i) => i).sort((a, b) => spans[a]!.left - spans[b]!.left || a - b);
	const ends: number[] = [];
	const rows = Array.from({ length: spans.length }, () => 0);
	for (const i of order) {
		const span = spans[i]!;
		let row = ends.findIndex((end) => end + gap <= span.left);
		if (row === -1) row = ends.length;
		ends[row] = span.right;
		rows[i] = row;
	}
	return { rows, count: Math.max(1, ends.length) };
}

/** A row as TimelineBars draws it: a lane heading, or an action with its occurrences and conflicts. */
export type BarRow =
	| { kind: 'lane'; key: string; name: string }
	| {
			kind: 'action';
			key: string;
			action: Action;
			occ: Occurrence[];
			/** The names of the prerequisites the action starts too early for. */
			conflicts: string[];
	  };

/**
 * The rows to draw. A row whose content did not change is the object from `memo` (the previous call's),
 * so a keyed {#each} leaves its DOM alone: after a remote edit only the edited action's row is patched.
 */
export function barRowsOf(
	rows: Row[],
	occOf: Map<string, Occurrence[]>,
	conflictById: Map<string, string[]>,
	byId: Map<string, Action>,
	memo: Map<string, BarRow>
): { rows: BarRow[]; memo: Map<string, BarRow> } {
	const next = new Map<string, BarRow>();
	const out = rows.map((r): BarRow => {
		if (r.kind === 'lane') {
			const key = `lane:${r.lane.id}`;
			const old = memo.get(key);
			const row: BarRow =
				old?.kind === 'lane' && old.name === r.lane.name ? old : { kind: 'lane', key, name: r.lane.name };
			next.set(key, row);
			return row;
		}
		const a = r.action;
		const occ = occOf.get(a.id) ?? [];
		const conflicts = (conflictById.get(a.id) ?? []).map((id) => byId.get(id)?.name ?? '?');
		const old = memo.get(a.id);
		const same =
			old?.kind === 'action' &&
			old.action === a &&
			old.occ === occ &&
			old.conflicts.length === conflicts.length &&
			old.conflicts.every((name, i) => name === conflicts[i]);
		const row: BarRow = same ? old : { kind: 'action', key: a.id, action: a, occ, conflicts };
		next.set(a.id, row);
		return row;
	});
	return { rows: out, memo: next };
}
