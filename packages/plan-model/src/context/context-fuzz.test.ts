/**
 * CONV-1 CONV-2 CTX-1..CTX-6: seeded fuzzing of concurrent context commands (personae and their links,
 * watch entries and tags, SWOT items and their links, 4P orientations, removals racing links, comments on
 * context items, progress meetings with outcomes, re-planning and decisions) across in-process peers. Its op table is its own: convergence.test.ts's pinned seeds
 * depend on fuzz.ts's table, which this file leaves untouched. Each seed asserts that replicas converge
 * (raw state and every context selector), that the SPEC invariants hold, and that no selector shows a
 * link to a removed record (REF-1).
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addAction, selectActions } from '../actions.ts';
import { selectThreads, startThread } from '../comments.ts';
import { PlanError } from '../errors.ts';
import { addListItem, removeListItem, selectList } from '../lists.ts';
import {
	addMeetingDecision,
	endMeeting,
	MEETING_OUTCOMES,
	recordOutcome,
	replanSlipped,
	selectMeetings,
	selectOpenMeeting,
	startMeeting
} from '../meeting/index.ts';
import { generateTenDayPeriods, selectPeriods } from '../periods.ts';
import { initPlan } from '../plan.ts';
import { checkPlanInvariants, createPeers, type Prng, type TestPeer } from '../testing/index.ts';
import {
	MIX_LEVERS,
	MIX_MOVES,
	SWOT_QUADRANTS,
	addMixOrientation,
	addPersona,
	addSwotItem,
	addWatchEntry,
	removeMixOrientation,
	removePersona,
	removeSwotItem,
	removeWatchEntry,
	selectContextPrompts,
	selectMixOrientations,
	selectPersonas,
	selectSwot,
	selectWatchEntries,
	updateMixOrientation,
	updatePersona,
	updateSwotItem,
	updateWatchEntry
} from './index.ts';

type Op = (peer: TestPeer, rng: Prng) => void;

const NAMES = ['Jeanne', 'Paul', 'Acme', 'Seniors', 'Prix', 'Salon'];
const TAGS = ['prix', 'seniors', 'salon', 'web'];
const pickId = (rng: Prng, items: { id: string }[]) => rng.maybePick(items)?.id ?? 'missing';
const someOf = (rng: Prng, items: { id: string }[]) => items.filter(() => rng.bool(0.4)).map((i) => i.id);

const OPS: [number, Op][] = [
	[1, ({ doc, origin }, rng) => void addListItem(doc, 'channels', { name: rng.pick(NAMES) }, origin)],
	[
		0.4,
		({ doc, origin }, rng) =>
			removeListItem(doc, 'channels', { id: pickId(rng, selectList(doc, 'channels')) }, origin)
	],
	[
		2,
		({ doc, origin }, rng) =>
			void addPersona(
				doc,
				{
					name: rng.pick(NAMES),
					objections: rng.bool() ? 'Trop cher\nPas le temps' : null,
					channelIds: someOf(rng, selectList(doc, 'channels'))
				},
				origin
			)
	],
	[
		3,
		({ doc, origin }, rng) =>
			updatePersona(
				doc,
				rng.bool()
					? { id: pickId(rng, selectPersonas(doc)), channelIds: someOf(rng, selectList(doc, 'channels')) }
					: { id: pickId(rng, selectPersonas(doc)), needs: rng.pick(NAMES), tone: rng.pick(NAMES) },
				origin
			)
	],
	[0.6, ({ doc, origin }, rng) => removePersona(doc, { id: pickId(rng, selectPersonas(doc)) }, origin)],
	[
		2,
		({ doc, origin }, rng) =>
			void addWatchEntry(
				doc,
				{
					kind: rng.bool() ? 'competitor' : 'trend',
					subject: rng.pick(NAMES),
					seenOn: rng.bool() ? `2026-${String(rng.int(1, 12)).padStart(2, '0')}-0${rng.int(1, 9)}` : null,
					tags: TAGS.filter(() => rng.bool(0.3))
				},
				origin
			)
	],
	[
		2,
		({ doc, origin }, rng) =>
			updateWatchEntry(
				doc,
				{ id: pickId(rng, selectWatchEntries(doc)), tags: TAGS.filter(() => rng.bool(0.5)) },
				origin
			)
	],
	[
		0.5,
		({ doc, origin }, rng) => removeWatchEntry(doc, { id: pickId(rng, selectWatchEntries(doc)) }, origin)
	],
	[
		3,
		({ doc, origin }, rng) =>
			void addSwotItem(
				doc,
				{
					quadrant: rng.pick(SWOT_QUADRANTS),
					text: rng.pick(NAMES),
					personaIds: someOf(rng, selectPersonas(doc)),
					watchEntryIds: someOf(rng, selectWatchEntries(doc))
				},
				origin
			)
	],
	[
		3,
		({ doc, origin }, rng) => {
			const items = Object.values(selectSwot(doc)).flat();
			updateSwotItem(
				doc,
				rng.bool()
					? { id: pickId(rng, items), quadrant: rng.pick(SWOT_QUADRANTS) }
					: { id: pickId(rng, items), personaIds: someOf(rng, selectPersonas(doc)) },
				origin
			);
		}
	],
	[
		0.5,
		({ doc, origin }, rng) =>
			removeSwotItem(doc, { id: pickId(rng, Object.values(selectSwot(doc)).flat()) }, origin)
	],
	[
		1.5,
		({ doc, origin }, rng) =>
			void addMixOrientation(
				doc,
				{ lever: rng.pick(MIX_LEVERS), text: rng.pick(NAMES), move: rng.bool() ? rng.pick(MIX_MOVES) : null },
				origin
			)
	],
	[
		1.5,
		({ doc, origin }, rng) =>
			updateMixOrientation(
				doc,
				{
					id: pickId(rng, selectMixOrientations(doc)),
					lever: rng.pick(MIX_LEVERS),
					move: rng.bool() ? rng.pick(MIX_MOVES) : undefined
				},
				origin
			)
	],
	[
		0.4,
		({ doc, origin }, rng) =>
			removeMixOrientation(doc, { id: pickId(rng, selectMixOrientations(doc)) }, origin)
	],
	[
		1,
		({ doc, origin }, rng) =>
			void startThread(
				doc,
				{ targetType: 'persona', targetId: pickId(rng, selectPersonas(doc)), body: rng.pick(NAMES) },
				origin
			)
	]
];

// The progress meeting (MEET-1..6): actions in the first periods, meetings started, outcomes, re-planning.
const meetingId = (doc: Y.Doc) => selectOpenMeeting(doc)?.id ?? 'missing';
OPS.push(
	[
		1.5,
		({ doc, origin }, rng) =>
			void addAction(
				doc,
				{
					name: rng.pick(NAMES),
					periodId: selectPeriods(doc)[rng.int(0, 2)]?.id ?? null,
					personDays: rng.int(0, 3)
				},
				origin
			)
	],
	[
		0.6,
		({ doc, origin }, rng) =>
			void startMeeting(doc, { periodId: selectPeriods(doc)[rng.int(0, 1)]?.id ?? 'missing' }, origin)
	],
	[
		2,
		({ doc, origin }, rng) =>
			recordOutcome(
				doc,
				{
					meetingId: meetingId(doc),
					actionId: pickId(rng, selectActions(doc)),
					outcome: rng.pick(MEETING_OUTCOMES)
				},
				origin
			)
	],
	[0.5, ({ doc, origin }) => void replanSlipped(doc, { meetingId: meetingId(doc) }, origin)],
	[
		0.5,
		({ doc, origin }, rng) =>
			void addMeetingDecision(doc, { meetingId: meetingId(doc), text: rng.pick(NAMES) }, origin)
	],
	[0.3, ({ doc, origin }) => void endMeeting(doc, { meetingId: meetingId(doc) }, origin)]
);

const TOTAL_WEIGHT = OPS.reduce((s, [w]) => s + w, 0);

function pickOp(rng: Prng): Op {
	let r = rng.next() * TOTAL_WEIGHT;
	for (const [w, op] of OPS) {
		r -= w;
		if (r < 0) return op;
	}
	return (OPS[OPS.length - 1] as [number, Op])[1];
}

const contextView = (doc: Y.Doc) => ({
	personas: selectPersonas(doc),
	watch: selectWatchEntries(doc),
	swot: selectSwot(doc),
	mix: selectMixOrientations(doc),
	prompts: selectContextPrompts(doc),
	meetings: selectMeetings(doc),
	openMeeting: selectOpenMeeting(doc)?.id ?? null,
	threads: selectThreads(doc)
});

/** REF-1: every link a selector shows points at a live record. */
function danglingLinks(doc: Y.Doc): string[] {
	const out: string[] = [];
	const channels = new Set(selectList(doc, 'channels').map((c) => c.id));
	const personas = new Set(selectPersonas(doc).map((p) => p.id));
	const watch = new Set(selectWatchEntries(doc).map((w) => w.id));
	for (const p of selectPersonas(doc))
		for (const id of p.channelIds) if (!channels.has(id)) out.push(`persona ${p.id} → channel ${id}`);
	for (const item of Object.values(selectSwot(doc)).flat()) {
		for (const id of item.personaIds) if (!personas.has(id)) out.push(`swot ${item.id} → persona ${id}`);
		for (const id of item.watchEntryIds) if (!watch.has(id)) out.push(`swot ${item.id} → watch ${id}`);
	}
	return out;
}

function runContextSeed(seed: number, steps = 100) {
	const net = createPeers({ peers: 3, seed });
	let refused = 0;
	try {
		const first = net.peers[0] as TestPeer;
		initPlan(first.doc, { title: 'Contexte', year: 2027 }, first.origin);
		generateTenDayPeriods(first.doc, { year: 2027 }, first.origin);
		net.flushAll();
		for (let step = 0; step < steps; step++) {
			const peer = net.rng.pick(net.peers);
			if (net.rng.bool(0.03)) net.disconnect(peer.index);
			else if (!peer.online && net.rng.bool(0.3)) net.reconnect(peer.index);
			try {
				pickOp(net.rng)(peer, net.rng);
			} catch (e) {
				if (!(e instanceof PlanError)) throw e;
				refused++;
			}
			net.flushSome(net.rng.int(0, 4));
		}
		net.compare(contextView);
		const violations: string[] = [];
		for (const peer of net.peers) {
			violations.push(...checkPlanInvariants(peer.doc).map((v) => `p${peer.index + 1}: ${v}`));
			violations.push(...danglingLinks(peer.doc).map((v) => `p${peer.index + 1}: REF-1 ${v}`));
		}
		const doc = first.doc;
		return {
			violations,
			refused,
			records:
				selectPersonas(doc).length +
				selectWatchEntries(doc).length +
				Object.values(selectSwot(doc)).flat().length
		};
	} finally {
		net.destroy();
	}
}

describe('context convergence', () => {
	it.each(Array.from({ length: 40 }, (_, i) => i + 1))(
		'CONV-1 CONV-2 CTX-1 CTX-3 CTX-4 CTX-5 MEET-1 context and meeting seed %i: replicas converge, no dangling link',
		(seed) => {
			const stats = runContextSeed(seed);
			expect(stats.violations).toEqual([]);
			expect(stats.records).toBeGreaterThan(0);
		}
	);
});
