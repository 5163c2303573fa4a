/**
 * CONV-1 CONV-2 PLAN-5 PLAN-7: seeded fuzzing of concurrent planning commands (dated, recurring and
 * dependent actions, moves with and without shifting, period changes, owner and estimate edits) across
 * in-process peers. Its op table is its own: convergence.test.ts's pinned seeds depend on fuzz.ts's table,
 * which this file leaves untouched. Each seed asserts that replicas converge (raw state and every planning
 * selector), that the SPEC invariants hold, that no dependency cycle is visible, and that a move with
 * shiftDependents leaves no dependent starting too early on the peer that made it.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addAction, addActionDependency, removeAction, selectActions, updateAction } from './actions.ts';
import { calendarRanges } from './dates.ts';
import { reaches } from './dependencies.ts';
import { PlanError } from './errors.ts';
import { addListItem, selectMembers } from './lists.ts';
import { selectLoadByRange, selectPeriodLoads } from './load.ts';
import { generateTenDayPeriods, selectPeriods } from './periods.ts';
import { initPlan } from './plan.ts';
import { findScheduleConflicts, moveAction, setActionPeriod } from './planning.ts';
import { selectActionOccurrences } from './recurrence.ts';
import { selectPlan } from './snapshot.ts';
import { checkPlanInvariants, createPeers, type Prng, type TestPeer } from './testing/index.ts';

type Op = (peer: TestPeer, rng: Prng, local: string[]) => void;

const NAMES = ['Salon', 'Mailing', 'Newsletter', 'Webinaire', 'Radio'];
const someDate = (rng: Prng) =>
	`2027-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
const pickId = (rng: Prng, items: { id: string }[]) => rng.maybePick(items)?.id ?? 'missing';

const OPS: [number, Op][] = [
	[
		1,
		({ doc, origin }, rng) =>
			void addListItem(
				doc,
				'members',
				{ name: `${rng.pick(NAMES)} ${rng.int(1, 9)}`, capacityPerPeriod: rng.int(0, 8) },
				origin
			)
	],
	[
		4,
		({ doc, origin }, rng) => {
			const actions = selectActions(doc);
			const start = rng.bool(0.8) ? someDate(rng) : null;
			const end = start && rng.bool(0.7) ? (rng.bool() ? start : `${start.slice(0, 8)}28`) : null;
			const recurring = start !== null && rng.bool(0.3);
			addAction(
				doc,
				{
					name: rng.pick(NAMES),
					start,
					end,
					personDays: rng.int(0, 6) / 2,
					ownerId: rng.bool(0.7) ? pickId(rng, selectMembers(doc)) : null,
					periodId: rng.bool(0.4) ? pickId(rng, selectPeriods(doc)) : null,
					dependsOn: actions.filter(() => rng.bool(0.15)).map((a) => a.id),
					recurrence: recurring
						? {
								freq: rng.pick(['weekly', 'monthly', 'quarterly'] as const),
								interval: rng.int(1, 3),
								until: rng.bool() ? '2027-12-31' : null
							}
						: null
				},
				origin
			);
		}
	],
	[
		4,
		({ doc, origin }, rng) => {
			const actions = selectActions(doc);
			addActionDependency(doc, { actionId: pickId(rng, actions), dependsOnId: pickId(rng, actions) }, origin);
		}
	],
	[
		5,
		({ doc, origin }, rng, local) => {
			const actions = selectActions(doc);
			const id = pickId(rng, actions);
			const shiftDependents = rng.bool(0.6);
			const result = moveAction(
				doc,
				rng.bool(0.7) ? { id, start: someDate(rng) } : { id, start: someDate(rng), end: '2027-12-31' },
				origin,
				{ shiftDependents }
			);
			if (!shiftDependents) return;
			// PLAN-5: after shifting, only the moved action itself may still start too early.
			for (const c of result.conflicts) {
				if (c.actionId !== id) local.push(`PLAN-5 dependent ${c.actionId} still starts too early`);
			}
			for (const c of findScheduleConflicts(doc)) {
				if (c.dependsOnId === id) local.push(`PLAN-5 conflict left on moved action ${id}`);
			}
		}
	],
	[
		2,
		({ doc, origin }, rng) =>
			void setActionPeriod(
				doc,
				{
					id: pickId(rng, selectActions(doc)),
					periodId: pickId(rng, selectPeriods(doc)),
					alignDates: rng.bool()
				},
				origin,
				{ shiftDependents: rng.bool() }
			)
	],
	[
		3,
		({ doc, origin }, rng) => {
			const id = pickId(rng, selectActions(doc));
			const field = rng.int(0, 3);
			if (field === 0)
				updateAction(doc, { id, ownerId: rng.bool(0.8) ? pickId(rng, selectMembers(doc)) : null }, origin);
			else if (field === 1) updateAction(doc, { id, personDays: rng.int(0, 10) }, origin);
			else if (field === 2) updateAction(doc, { id, plannedCost: rng.int(0, 5000) }, origin);
			else
				updateAction(
					doc,
					{ id, status: rng.pick(['todo', 'in_progress', 'done', 'dropped'] as const) },
					origin
				);
		}
	],
	[1, ({ doc, origin }, rng) => removeAction(doc, { id: pickId(rng, selectActions(doc)) }, origin)]
];
const TOTAL = OPS.reduce((s, [w]) => s + w, 0);

function pickOp(rng: Prng): Op {
	let r = rng.next() * TOTAL;
	for (const [w, op] of OPS) {
		r -= w;
		if (r < 0) return op;
	}
	return (OPS[OPS.length - 1] as [number, Op])[1];
}

const planningView = (doc: Y.Doc) => ({
	plan: selectPlan(doc),
	occurrences: selectActionOccurrences(doc),
	periods: selectPeriodLoads(doc),
	quarters: calendarRanges(2027, 'quarter').map((q) => selectLoadByRange(doc, q)),
	conflicts: findScheduleConflicts(doc)
});

function runPlanningSeed(seed: number, steps = 100) {
	const net = createPeers({ peers: 3, seed });
	const local: string[] = [];
	let refused = 0;
	try {
		const first = net.peers[0] as TestPeer;
		initPlan(first.doc, { title: 'Planning', year: 2027 }, first.origin);
		generateTenDayPeriods(first.doc, { year: 2027 }, first.origin);
		net.flushAll();
		for (let step = 0; step < steps; step++) {
			const peer = net.rng.pick(net.peers);
			if (net.rng.bool(0.03)) net.disconnect(peer.index);
			else if (!peer.online && net.rng.bool(0.3)) net.reconnect(peer.index);
			try {
				pickOp(net.rng)(peer, net.rng, local);
			} catch (e) {
				if (!(e instanceof PlanError)) throw e;
				refused++;
			}
			net.flushSome(net.rng.int(0, 4));
		}
		net.compare(planningView);
		const violations = [...local];
		for (const peer of net.peers) {
			violations.push(...checkPlanInvariants(peer.doc).map((v) => `p${peer.index + 1}: ${v}`));
			const actions = selectActions(peer.doc);
			const graph = new Map(actions.map((a) => [a.id, a.dependsOn]));
			for (const a of actions) {
				for (const dep of a.dependsOn) {
					if (reaches(graph, dep, a.id)) violations.push(`p${peer.index + 1}: ACT-3 cycle through ${a.id}`);
				}
			}
		}
		const doc = first.doc;
		return {
			violations,
			refused,
			actions: selectActions(doc).length,
			occurrences: selectActionOccurrences(doc).length,
			conflicts: findScheduleConflicts(doc).length
		};
	} finally {
		net.destroy();
	}
}

describe('planning convergence', () => {
	it.each(Array.from({ length: 50 }, (_, i) => i + 1))(
		'CONV-1 CONV-2 PLAN-5 PLAN-7 planning seed %i: replicas converge, no cycle, shifts leave no conflict',
		(seed) => {
			const stats = runPlanningSeed(seed);
			expect(stats.violations).toEqual([]);
			expect(stats.actions).toBeGreaterThan(0);
			expect(stats.occurrences).toBeGreaterThan(0);
		}
	);
});
