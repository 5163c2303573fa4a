/**
 * "Depuis votre dernière visite" (SINCE-1): what changed in the plan between two looks of one person. The
 * device keeps a small snapshot of what its person last had on screen ({@link selectVisitSnapshot}); the
 * next visit compares the plan with it ({@link changesSince}). Only the shared plan document is read, so
 * nothing hidden in the workshop (drafts, votes, scores before their reveal, which live in private
 * documents) can show up here.
 */
import type * as Y from 'yjs';
import { selectActions } from './actions.ts';
import { selectBudgetLines } from './budget.ts';
import { selectThreads } from './comments.ts';
import { selectKpiMeasurements } from './kpi.ts';

export interface VisitSnapshot {
	/** When it was taken (epoch ms). */
	at: number;
	/** Per live action: what a change of plan is told about. */
	actions: Record<
		string,
		{ name: string; status: string; start: string | null; end: string | null; periodId: string | null }
	>;
	/** Ids of the live KPI measurements. */
	measurements: string[];
	/** Planned amount per live budget line. */
	budget: Record<string, number>;
	/** Ids of the live comments. */
	comments: string[];
}

export type VisitChange =
	| {
			kind: 'actionAdded' | 'actionReplanned' | 'actionStatus';
			actionId: string;
			name: string;
			status?: string;
	  }
	| { kind: 'measured'; measurementId: string; keyResultId: string | null; kpi: string | null; date: string }
	| { kind: 'budget'; lineId: string; label: string; before: number | null; after: number }
	| {
			kind: 'comment';
			commentId: string;
			threadId: string;
			authorId: string;
			body: string;
			mentionsMe: boolean;
	  };

/** SINCE-1: what the person has on screen now, to compare with at their next visit. */
export function selectVisitSnapshot(doc: Y.Doc, at: number): VisitSnapshot {
	const actions: VisitSnapshot['actions'] = {};
	for (const a of selectActions(doc))
		actions[a.id] = { name: a.name, status: a.status, start: a.start, end: a.end, periodId: a.periodId };
	const budget: Record<string, number> = {};
	for (const line of selectBudgetLines(doc)) budget[line.id] = line.planned;
	return {
		at,
		actions,
		measurements: selectKpiMeasurements(doc).map((m) => m.id),
		budget,
		comments: selectThreads(doc).flatMap((t) => t.comments.filter((c) => !c.deleted).map((c) => c.id))
	};
}

/**
 * SINCE-1: the changes since `seen`, in this order: new and re-planned actions and status changes, key
 * results measured, budget lines added or changed, then others' new comments (those mentioning `me`
 * marked). The person's own comments are not news to them.
 */
export function changesSince(doc: Y.Doc, seen: VisitSnapshot, me: string): VisitChange[] {
	const changes: VisitChange[] = [];
	for (const a of selectActions(doc)) {
		const before = seen.actions[a.id];
		if (!before) {
			changes.push({ kind: 'actionAdded', actionId: a.id, name: a.name });
			continue;
		}
		if (before.start !== a.start || before.end !== a.end || before.periodId !== a.periodId)
			changes.push({ kind: 'actionReplanned', actionId: a.id, name: a.name });
		if (before.status !== a.status)
			changes.push({ kind: 'actionStatus', actionId: a.id, name: a.name, status: a.status });
	}
	const measured = new Set(seen.measurements);
	for (const m of selectKpiMeasurements(doc))
		if (!measured.has(m.id))
			changes.push({
				kind: 'measured',
				measurementId: m.id,
				keyResultId: m.keyResultId,
				kpi: m.kpi,
				date: m.date
			});
	for (const line of selectBudgetLines(doc)) {
		const before = seen.budget[line.id];
		if (before !== line.planned)
			changes.push({
				kind: 'budget',
				lineId: line.id,
				label: line.label,
				before: before ?? null,
				after: line.planned
			});
	}
	const known = new Set(seen.comments);
	for (const thread of selectThreads(doc))
		for (const c of thread.comments)
			if (!c.deleted && c.authorId !== me && !known.has(c.id))
				changes.push({
					kind: 'comment',
					commentId: c.id,
					threadId: thread.id,
					authorId: c.authorId,
					body: c.body,
					mentionsMe: c.mentions.includes(me)
				});
	return changes;
}
