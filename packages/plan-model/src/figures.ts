/**
 * The plan's headline figures and its year at a glance, as the printed report and the workbook show them.
 * Every figure here is read from the one selector that owns it (an action's yearly cost from the budget,
 * BUD-3; a key result's value and progress, KR-5; loads per period, PLAN-3), never computed again, so a
 * cover, a summary page, a budget page and a workbook tab cannot disagree (FIG-1, FIG-2).
 */
import type * as Y from 'yjs';
import { selectActions, type Action } from './actions.ts';
import { selectIdeas, type Idea } from './ideas.ts';
import { selectBudget, type BudgetSummary } from './budget.ts';
import { sumEntered } from './indicators.ts';
import { selectKeyResultTracking, worstGaps, type KeyResultTracking } from './kpi.ts';
import { selectList } from './lists.ts';
import { actionPlacement } from './load.ts';
import { selectMarketingObjectives } from './objectives.ts';
import { selectPeriods } from './periods.ts';
import type { DateRange } from './dates.ts';
import { expandOccurrences, selectPlanYear } from './recurrence.ts';
import { selectScores, selectVotes } from './votes.ts';

export interface PlanFigures {
	/** Live actions that are not dropped: the ones the budget, the calendar and the loads count. */
	actionCount: number;
	/** Dropped actions, listed in the action table but counted nowhere else. */
	droppedCount: number;
	marketingObjectiveCount: number;
	keyResultCount: number;
	/**
	 * FIG-1: person-days over the year, each occurrence carrying the whole estimate (PLAN-1) and an undated
	 * action counting once, like its cost (BUD-3); null when no action has an estimate.
	 */
	personDays: number | null;
	/** FIG-1: the sum of the actions' yearly costs: the budget's bottom-up method, null when none is entered. */
	actionsCost: number | null;
	budget: BudgetSummary;
	tracking: KeyResultTracking[];
	/** KPI-8: the three worst gaps. */
	worstGaps: KeyResultTracking[];
}

/** FIG-1: the figures a cover or a summary page prints, each taken from its owning selector. */
export function selectPlanFigures(doc: Y.Doc): PlanFigures {
	const budget = selectBudget(doc);
	const tracking = selectKeyResultTracking(doc);
	const live = selectActions(doc);
	return {
		actionCount: budget.actions.length,
		droppedCount: live.length - budget.actions.length,
		marketingObjectiveCount: selectMarketingObjectives(doc).length,
		keyResultCount: tracking.length,
		personDays: sumEntered(
			budget.actions.map((c) => (c.action.personDays === null ? null : c.action.personDays * c.occurrences))
		),
		actionsCost: budget.methods.bottomUp,
		budget,
		tracking,
		worstGaps: worstGaps(tracking)
	};
}

export type YearPlacement = 'dates' | 'period' | null;

export interface YearRow {
	action: Action;
	/** PLAN-8: placed by its own dates, by the period it is assigned to, or not placed yet (null). */
	placedBy: YearPlacement;
	/** The stretches it occupies within the plan year: each occurrence of a recurring action, in order. */
	spans: DateRange[];
}

export interface YearLane {
	/** The workstream, in the list's order; null (no workstream) comes last. */
	workstreamId: string | null;
	rows: YearRow[];
}

export interface YearPlan {
	year: DateRange;
	lanes: YearLane[];
	/** Rows with at least one span in the year, and rows without (undated, unassigned or outside the year). */
	placed: number;
	unplaced: number;
}

/**
 * FIG-2: the year on one page. Every live, non-dropped action appears exactly once, in its workstream's
 * lane (action order inside), drawn where PLAN-8 places it: its occurrences (PLAN-1) when dated, its
 * period's dates when only assigned to one, nowhere yet (said, not hidden) otherwise.
 */
export function selectYearPlan(doc: Y.Doc): YearPlan {
	const year = selectPlanYear(doc);
	const periods = selectPeriods(doc);
	const order = selectList(doc, 'workstreams').map((w) => w.id);
	const lanes = new Map<string | null, YearRow[]>();
	let placed = 0;
	for (const action of selectActions(doc)) {
		if (action.status === 'dropped') continue;
		const where = actionPlacement(action, periods);
		let spans: DateRange[] = [];
		if (where && !where.fromPeriod) {
			spans = expandOccurrences(action, year, { repeatUntil: year.to }).map((o) => ({
				from: o.start,
				to: o.end
			}));
		} else if (where && where.start <= year.to && where.end >= year.from) {
			spans = [{ from: where.start, to: where.end }];
		}
		if (spans.length > 0) placed++;
		const key =
			action.workstreamId !== null && order.includes(action.workstreamId) ? action.workstreamId : null;
		const row: YearRow = { action, placedBy: where ? (where.fromPeriod ? 'period' : 'dates') : null, spans };
		lanes.set(key, [...(lanes.get(key) ?? []), row]);
	}
	const keys = [...order.filter((id) => lanes.has(id)), ...(lanes.has(null) ? [null] : [])];
	const total = [...lanes.values()].reduce((n, rows) => n + rows.length, 0);
	return {
		year,
		lanes: keys.map((workstreamId) => ({ workstreamId, rows: lanes.get(workstreamId) ?? [] })),
		placed,
		unplaced: total - placed
	};
}

export interface WorkshopOutcome {
	idea: Idea;
	/** Published votes (VOTE-5), 0 without any. */
	votes: number;
	/** The weighted score (SCORE-2), null when nobody scored it. */
	score: number | null;
	/** This year's live actions promoted from it (PROMO-1), dropped ones included. */
	actions: { id: string; name: string; status: Action['status'] }[];
}

/**
 * FIG-3: the workshop's outcome as the report prints it: every live idea (merged ones fold into their
 * survivor) that was voted for, scored or promoted, with its votes, score and the actions it became; most
 * votes first, then best score, then title.
 */
export function selectWorkshopOutcome(doc: Y.Doc): WorkshopOutcome[] {
	const votes = selectVotes(doc).byIdea;
	const scores = new Map(selectScores(doc).map((s) => [s.ideaId, s.weighted]));
	const promoted = new Map<string, WorkshopOutcome['actions']>();
	for (const a of selectActions(doc)) {
		if (a.ideaId)
			promoted.set(a.ideaId, [
				...(promoted.get(a.ideaId) ?? []),
				{ id: a.id, name: a.name, status: a.status }
			]);
	}
	return selectIdeas(doc)
		.filter((i) => i.mergedInto === null)
		.map((idea) => ({
			idea,
			votes: votes[idea.id] ?? 0,
			score: scores.get(idea.id) ?? null,
			actions: promoted.get(idea.id) ?? []
		}))
		.filter((o) => o.votes > 0 || o.score !== null || o.actions.length > 0)
		.sort(
			(a, b) =>
				b.votes - a.votes ||
				(b.score ?? -1) - (a.score ?? -1) ||
				a.idea.title.localeCompare(b.idea.title) ||
				(a.idea.id < b.idea.id ? -1 : 1)
		);
}
