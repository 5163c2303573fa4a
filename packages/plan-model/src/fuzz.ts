/**
 * The seeded fuzzer behind convergence.test.ts (test-only, not exported): random commands on random
 * peers with random delivery, returning what the run produced so tests can assert on it.
 */
import * as Y from 'yjs';
import {
	addAction,
	addActionDependency,
	removeAction,
	removeActionDependency,
	reorderAction,
	selectActions,
	updateAction
} from './actions.ts';
import { addBudgetLine } from './budget.ts';
import {
	deleteComment,
	editComment,
	replyToThread,
	selectThreads,
	startThread,
	toggleReaction
} from './comments.ts';
import { PlanError } from './errors.ts';
import { addIdea, removeIdea, selectIdeas } from './ideas.ts';
import {
	NAMED_LIST_KINDS,
	addListItem,
	removeListItem,
	reorderListItem,
	selectList,
	updateListItem
} from './lists.ts';
import {
	addKeyResult,
	addMarketingObjective,
	removeKeyResult,
	removeMarketingObjective,
	selectKeyResults,
	selectMarketingObjectives
} from './objectives.ts';
import { serverOrigin } from './origin.ts';
import { addPeriod, generateTenDayPeriods, removePeriod, selectPeriods } from './periods.ts';
import { initPlan } from './plan.ts';
import { updatePlanSettings } from './settings.ts';
import type { Prng } from './testing/index.ts';
import {
	checkPlanInvariants,
	createPeers,
	type PeerNetwork,
	type PeerNetworkOptions,
	type TestPeer
} from './testing/index.ts';
import { setVote } from './votes.ts';
import { selectWorkshop, updateWorkshop } from './workshop.ts';

type Op = (peer: TestPeer, rng: Prng) => void;

const NAMES = ['Salon', 'Mailing', 'Webinaire', 'Newsletter', 'Radio', 'Parrainage'];
const ids = (items: { id: string }[]) => items.map((i) => i.id);
const someDate = (rng: Prng) =>
	`2027-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;

function pickId(rng: Prng, items: { id: string }[]): string {
	return rng.maybePick(ids(items)) ?? 'missing';
}

const OPS: [number, Op][] = [
	[
		3,
		({ doc, origin }, rng) =>
			void addListItem(
				doc,
				rng.pick(NAMED_LIST_KINDS),
				{ name: rng.pick(NAMES), index: rng.int(0, 4) },
				origin
			)
	],
	[
		1,
		({ doc, origin }, rng) => {
			const kind = rng.pick(NAMED_LIST_KINDS);
			updateListItem(
				doc,
				kind,
				{ id: pickId(rng, selectList(doc, kind)), name: `${rng.pick(NAMES)} ${rng.int(1, 3)}` },
				origin
			);
		}
	],
	[
		1,
		({ doc, origin }, rng) => {
			const kind = rng.pick(NAMED_LIST_KINDS);
			removeListItem(doc, kind, { id: pickId(rng, selectList(doc, kind)) }, origin);
		}
	],
	[
		3,
		({ doc, origin }, rng) => {
			const kind = rng.pick(NAMED_LIST_KINDS);
			reorderListItem(doc, kind, { id: pickId(rng, selectList(doc, kind)), index: rng.int(0, 5) }, origin);
		}
	],
	[
		1,
		({ doc, origin }, rng) =>
			updatePlanSettings(doc, rng.bool() ? { title: rng.pick(NAMES) } : { year: rng.int(2026, 2030) }, origin)
	],
	[
		1,
		({ doc, origin }, rng) =>
			void addPeriod(doc, { name: 'S', start: someDate(rng), end: someDate(rng) }, origin)
	],
	[
		0.2,
		({ doc, origin }, rng) => void generateTenDayPeriods(doc, { year: 2027, replace: rng.bool(0.8) }, origin)
	],
	[0.5, ({ doc, origin }, rng) => removePeriod(doc, { id: pickId(rng, selectPeriods(doc)) }, origin)],
	[
		3,
		({ doc, origin }, rng) => {
			const actions = selectActions(doc);
			const dependsOn = ids(actions).filter(() => rng.bool(0.2));
			addAction(
				doc,
				{
					name: rng.pick(NAMES),
					dependsOn,
					ownerId: rng.bool() ? pickId(rng, selectList(doc, 'members')) : null,
					periodId: rng.bool() ? pickId(rng, selectPeriods(doc)) : null,
					personDays: rng.int(0, 10),
					index: rng.int(0, actions.length)
				},
				origin
			);
		}
	],
	[
		6,
		({ doc, origin }, rng) => {
			const actions = selectActions(doc);
			addActionDependency(doc, { actionId: pickId(rng, actions), dependsOnId: pickId(rng, actions) }, origin);
		}
	],
	[
		1,
		({ doc, origin }, rng) => {
			const withDeps = selectActions(doc).filter((a) => a.dependsOn.length > 0);
			const action = rng.maybePick(withDeps);
			if (action)
				removeActionDependency(doc, { actionId: action.id, dependsOnId: rng.pick(action.dependsOn) }, origin);
		}
	],
	[
		2,
		({ doc, origin }, rng) => {
			const start = someDate(rng);
			updateAction(
				doc,
				{
					id: pickId(rng, selectActions(doc)),
					start,
					end: rng.bool(0.8) ? start : someDate(rng),
					status: 'in_progress'
				},
				origin
			);
		}
	],
	[1, ({ doc, origin }, rng) => removeAction(doc, { id: pickId(rng, selectActions(doc)) }, origin)],
	[
		1,
		({ doc, origin }, rng) =>
			reorderAction(doc, { id: pickId(rng, selectActions(doc)), index: rng.int(0, 6) }, origin)
	],
	[2, ({ doc, origin }, rng) => void addIdea(doc, { title: rng.pick(NAMES) }, origin)],
	[0.5, ({ doc, origin }, rng) => removeIdea(doc, { id: pickId(rng, selectIdeas(doc)) }, origin)],
	[
		4,
		({ doc, origin }, rng) =>
			setVote(doc, { ideaId: pickId(rng, selectIdeas(doc)), count: rng.int(0, 3) }, origin)
	],
	[0.3, ({ doc }, rng) => updateWorkshop(doc, { voteBudget: rng.int(2, 6) }, serverOrigin())],
	[
		2,
		({ doc, origin }, rng) => {
			const threads = selectThreads(doc);
			if (threads.length === 0 || rng.bool(0.3))
				startThread(doc, { targetType: 'plan', targetId: 'plan', body: rng.pick(NAMES) }, origin);
			else replyToThread(doc, { threadId: pickId(rng, threads), body: rng.pick(NAMES) }, origin);
		}
	],
	[
		2,
		({ doc, origin, participantId }, rng) => {
			const mine = selectThreads(doc)
				.flatMap((t) => t.comments)
				.filter((c) => c.authorId === participantId && !c.deleted);
			const comment = rng.maybePick(mine);
			if (!comment) return;
			if (rng.bool()) editComment(doc, { id: comment.id, body: `${comment.body}!` }, origin);
			else deleteComment(doc, { id: comment.id }, origin);
		}
	],
	[
		1.5,
		({ doc, origin }, rng) => {
			const comments = selectThreads(doc)
				.flatMap((t) => t.comments)
				.filter((c) => !c.deleted);
			toggleReaction(doc, { id: pickId(rng, comments), emoji: rng.pick(['👍', '🎉']) }, origin);
		}
	],
	[
		1,
		({ doc, origin }, rng) =>
			void addMarketingObjective(
				doc,
				{ name: rng.pick(NAMES), family: 'customers', nature: 'quantitative' },
				origin
			)
	],
	[
		0.5,
		({ doc, origin }, rng) =>
			removeMarketingObjective(doc, { id: pickId(rng, selectMarketingObjectives(doc)) }, origin)
	],
	[
		1,
		({ doc, origin }, rng) =>
			void addKeyResult(
				doc,
				{ marketingObjectiveId: pickId(rng, selectMarketingObjectives(doc)), kpi: rng.pick(NAMES) },
				origin
			)
	],
	[0.5, ({ doc, origin }, rng) => removeKeyResult(doc, { id: pickId(rng, selectKeyResults(doc)) }, origin)],
	[
		1,
		({ doc, origin }, rng) => {
			const keyResultIds = ids(selectKeyResults(doc)).filter(() => rng.bool(0.5));
			updateAction(doc, { id: pickId(rng, selectActions(doc)), keyResultIds }, origin);
		}
	],
	[
		0.5,
		({ doc, origin }, rng) =>
			void addBudgetLine(doc, { label: rng.pick(NAMES), planned: rng.int(0, 5000) }, origin)
	]
];

const TOTAL_WEIGHT = OPS.reduce((s, [w]) => s + w, 0);

function pickOp(rng: Prng): Op {
	let r = rng.next() * TOTAL_WEIGHT;
	for (const [w, op] of OPS) {
		r -= w;
		if (r < 0) return op;
	}
	return (OPS[OPS.length - 1] as [number, Op])[1];
}

export interface SeedStats {
	refused: number;
	delivered: number;
	actions: number;
	storedEdges: number;
	keptEdges: number;
	votes: number;
	/** Invariant violations found on any converged replica (expected empty). */
	violations: string[];
	/** Participants whose stored votes exceed the current budget (VOTE-3 capping was needed). */
	overspenders: number;
	comments: number;
	listItems: number;
}

export function runSeed(
	seed: number,
	{
		peers = 4,
		steps = 120,
		onDeliver
	}: { peers?: number; steps?: number; onDeliver?: PeerNetworkOptions['onDeliver'] } = {}
): SeedStats {
	const net: PeerNetwork = createPeers({ peers, seed, onDeliver });
	try {
		const rng = net.rng;
		const first = net.peers[0] as TestPeer;
		initPlan(first.doc, { title: 'Fuzz', year: 2027 }, first.origin);
		net.flushAll();
		let refused = 0;
		for (let step = 0; step < steps; step++) {
			const peer = rng.pick(net.peers);
			if (rng.bool(0.03)) net.disconnect(peer.index);
			else if (!peer.online && rng.bool(0.3)) net.reconnect(peer.index);
			try {
				pickOp(rng)(peer, rng);
			} catch (e) {
				if (!(e instanceof PlanError)) throw e;
				refused++;
			}
			net.flushSome(rng.int(0, 4));
		}
		net.compare();
		const violations: string[] = [];
		for (const peer of net.peers)
			violations.push(...checkPlanInvariants(peer.doc).map((v) => `p${peer.index + 1}: ${v}`));
		const doc = first.doc;
		const actions = selectActions(doc);
		// Stored edges between live actions: more than the kept ones means a concurrent cycle was cut.
		const live = new Set(actions.map((a) => a.id));
		let storedEdges = 0;
		doc.getMap<Y.Map<unknown>>('actions').forEach((rec, id) => {
			const deps = rec.get('dependsOn');
			if (!live.has(id) || !(deps instanceof Y.Map)) return;
			for (const dep of deps.keys()) if (live.has(dep)) storedEdges++;
		});
		const raw = new Map<string, number>();
		doc.getMap<number>('votes').forEach((n, key) => {
			const participant = key.slice(0, key.indexOf(':'));
			raw.set(participant, (raw.get(participant) ?? 0) + n);
		});
		const budget = selectWorkshop(doc).voteBudget;
		return {
			violations,
			overspenders: [...raw.values()].filter((n) => n > budget).length,
			refused,
			delivered: net.delivered,
			actions: actions.length,
			storedEdges,
			keptEdges: actions.reduce((n, a) => n + a.dependsOn.length, 0),
			votes: doc.getMap('votes').size,
			comments: selectThreads(doc).reduce((n, t) => n + t.comments.length, 0),
			listItems: NAMED_LIST_KINDS.reduce((n, k) => n + selectList(doc, k).length, 0)
		};
	} finally {
		net.destroy();
	}
}
