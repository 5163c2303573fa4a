/**
 * The SPEC rules that must hold on any converged replica, checked from selector output only (what a user
 * would see). Returns the violations, each prefixed with its rule id; an empty list means all hold.
 */
import type * as Y from 'yjs';
import { reaches } from '../dependencies.ts';
import { compareOrdered, type Ordered } from '../order.ts';
import { selectPlan } from '../snapshot.ts';

function checkSorted(name: string, items: Ordered[], out: string[]): void {
	for (let i = 1; i < items.length; i++) {
		if (compareOrdered(items[i - 1] as Ordered, items[i] as Ordered) >= 0) {
			out.push(`ORD-1 ${name} not strictly sorted by (order, id) at ${i}`);
		}
	}
}

export function checkPlanInvariants(doc: Y.Doc): string[] {
	const plan = selectPlan(doc);
	const out: string[] = [];
	for (const kind of ['members', 'workstreams', 'channels', 'productLines', 'targets'] as const) {
		checkSorted(kind, plan[kind], out);
		const ids = new Set(plan[kind].map((i) => i.id));
		if (ids.size !== plan[kind].length) out.push(`ORD-1 ${kind} lists an item twice`);
	}
	checkSorted('actions', plan.actions, out);
	checkSorted('ideas', plan.ideas, out);
	for (const p of plan.periods) if (p.end < p.start) out.push(`PER-1 period ${p.id} ends before it starts`);
	for (let i = 1; i < plan.periods.length; i++) {
		if ((plan.periods[i - 1] as { start: string }).start > (plan.periods[i] as { start: string }).start) {
			out.push('PER-3 periods not in calendar order');
		}
	}

	const actionIds = new Set(plan.actions.map((a) => a.id));
	const graph = new Map(plan.actions.map((a) => [a.id, a.dependsOn]));
	const refs: [string, Set<string>][] = [
		['ownerId', new Set(plan.members.map((m) => m.id))],
		['workstreamId', new Set(plan.workstreams.map((m) => m.id))],
		['channelId', new Set(plan.channels.map((m) => m.id))],
		['periodId', new Set(plan.periods.map((m) => m.id))]
	];
	for (const a of plan.actions) {
		for (const dep of a.dependsOn) {
			if (!actionIds.has(dep)) out.push(`ACT-4 action ${a.id} depends on a missing action ${dep}`);
			if (reaches(graph, dep, a.id)) out.push(`ACT-3 dependency ${a.id} -> ${dep} is part of a cycle`);
		}
		if (a.start && a.end && a.end < a.start) out.push(`ACT-2 action ${a.id} ends before it starts`);
		if ((a.personDays ?? 0) < 0 || (a.plannedCost ?? 0) < 0)
			out.push(`ACT-1 action ${a.id} has a negative amount`);
		for (const [field, ids] of refs) {
			const value = a[field as 'ownerId'];
			if (value !== null && !ids.has(value))
				out.push(`REF-1 action ${a.id} ${field} points at a missing record`);
		}
	}

	const keyResultIds = new Set(plan.keyResults.map((k) => k.id));
	const objectiveIds = new Set(plan.marketingObjectives.map((o) => o.id));
	for (const a of plan.actions) {
		for (const kr of a.keyResultIds) {
			if (!keyResultIds.has(kr)) out.push(`REF-1 action ${a.id} lists a missing key result ${kr}`);
		}
	}
	for (const kr of plan.keyResults) {
		if (kr.marketingObjectiveId !== null && !objectiveIds.has(kr.marketingObjectiveId)) {
			out.push(`REF-1 key result ${kr.id} points at a missing objective`);
		}
	}
	checkSorted('marketingObjectives', plan.marketingObjectives, out);

	for (const [participant, v] of Object.entries(plan.votes.byParticipant)) {
		if (v.used > plan.votes.budget)
			out.push(`VOTE-3 ${participant} uses ${v.used} > budget ${plan.votes.budget}`);
		for (const [ideaId, n] of Object.entries(v.perIdea)) {
			if (n > plan.votes.maxPerIdea) out.push(`VOTE-3 ${participant} gives ${n} votes to ${ideaId}`);
		}
	}
	const liveIdeas = new Set(plan.ideas.map((i) => i.id));
	for (const ideaId of Object.keys(plan.votes.byIdea)) {
		if (!liveIdeas.has(ideaId)) out.push(`IDEA-2 votes counted for removed idea ${ideaId}`);
	}

	for (const t of plan.threads) {
		for (const c of t.comments) {
			if (c.deleted && c.body !== '') out.push(`CMT-3 deleted comment ${c.id} still shows its body`);
		}
	}
	for (const l of plan.budgetLines) {
		if (l.planned < 0 || (l.actual ?? 0) < 0) out.push(`BUD-1 budget line ${l.id} is negative`);
	}
	return out;
}
