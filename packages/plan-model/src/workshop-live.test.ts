import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, selectActions } from './actions.ts';
import {
	addIdea,
	addIdeaGroup,
	mergeIdea,
	mergedIdeaIds,
	moveIdea,
	selectIdeas,
	survivorOf
} from './ideas.ts';
import { addListItem } from './lists.ts';
import { serverOrigin, userOrigin } from './origin.ts';
import { promoteIdeas, selectDuplicateActionNames } from './promotion.ts';
import { addBusinessObjective, addKeyResult, addMarketingObjective } from './objectives.ts';
import { addPeriod } from './periods.ts';
import { createPeers } from './testing/index.ts';
import { alice, bob, expectRefused, newPlan } from './test-utils.ts';
import { nextTimer, timerRemaining } from './timer.ts';
import {
	clearVotes,
	publishScores,
	publishVotes,
	selectScores,
	selectVotes,
	setScore,
	setVote
} from './votes.ts';
import { clearWorkshopReady, selectWorkshop, setWorkshopReady, updateWorkshop } from './workshop.ts';

const server = serverOrigin();
const T0 = 1_900_000_000_000;

describe('live workshop state', () => {
	it('WS-3 the agenda phases and the live fields read with defaults', () => {
		const doc = newPlan();
		expect(selectWorkshop(doc)).toMatchObject({
			ideasRevealed: false,
			votesRevealed: false,
			round: 1,
			roundIdeaIds: null,
			maxVotesPerGroup: null,
			votersCount: 0,
			ready: []
		});
		updateWorkshop(
			doc,
			{ phase: 'silentWriting', prompts: [{ id: 'p1', kind: 'free', text: 'Idées ?' }] },
			server
		);
		expect(selectWorkshop(doc).phase).toBe('silentWriting');
		expect(selectWorkshop(doc).prompts).toHaveLength(1);
	});

	it('WS-4 ready flags are per participant; a user sets only their own', () => {
		const doc = newPlan();
		setWorkshopReady(doc, { ready: true }, bob);
		setWorkshopReady(doc, { participantId: 'carol', ready: true }, server);
		expect(selectWorkshop(doc).ready).toEqual(['bob', 'carol']);
		expectRefused(
			doc,
			() => setWorkshopReady(doc, { participantId: 'carol', ready: false }, bob),
			'forbidden'
		);
		setWorkshopReady(doc, { ready: false }, bob);
		expect(selectWorkshop(doc).ready).toEqual(['carol']);
		clearWorkshopReady(doc, server);
		expect(selectWorkshop(doc).ready).toEqual([]);
	});
});

describe('timer', () => {
	it('TIMER-1 start stores the end instant on the server clock; every reader computes the same countdown', () => {
		const t = nextTimer(
			{ timerEndsAt: null, timerPausedRemaining: null, timerDurationMs: null },
			{ action: 'start', durationMs: 60_000 },
			T0
		)!;
		expect(t).toEqual({ timerEndsAt: T0 + 60_000, timerPausedRemaining: null, timerDurationMs: 60_000 });
		// A late joiner at T0 + 45 s sees 15 s, whatever its own clock says once it is offset to the server's.
		expect(timerRemaining(t, T0 + 45_000)).toEqual({ remainingMs: 15_000, status: 'running' });
		expect(timerRemaining(t, T0 + 61_000)).toEqual({ remainingMs: 0, status: 'finished' });
	});

	it('TIMER-2 pause keeps the remaining time, resume restarts from it, stop clears', () => {
		const start = nextTimer(
			{ timerEndsAt: null, timerPausedRemaining: null, timerDurationMs: null },
			{ action: 'start', durationMs: 60_000 },
			T0
		)!;
		const paused = nextTimer(start, { action: 'pause' }, T0 + 20_000)!;
		expect(paused).toMatchObject({ timerEndsAt: null, timerPausedRemaining: 40_000 });
		expect(timerRemaining(paused, T0 + 999_999)).toEqual({ remainingMs: 40_000, status: 'paused' });
		expect(nextTimer(paused, { action: 'pause' }, T0)).toBeNull();
		const resumed = nextTimer(paused, { action: 'resume' }, T0 + 100_000)!;
		expect(resumed.timerEndsAt).toBe(T0 + 140_000);
		expect(nextTimer(resumed, { action: 'stop' }, T0)).toEqual({
			timerEndsAt: null,
			timerPausedRemaining: null,
			timerDurationMs: null
		});
	});

	it('TIMER-3 extend moves the end (never before now), running or paused', () => {
		const start = nextTimer(
			{ timerEndsAt: null, timerPausedRemaining: null, timerDurationMs: null },
			{ action: 'start', durationMs: 60_000 },
			T0
		)!;
		expect(nextTimer(start, { action: 'extend', byMs: 30_000 }, T0)!.timerEndsAt).toBe(T0 + 90_000);
		expect(nextTimer(start, { action: 'extend', byMs: -120_000 }, T0 + 10_000)!.timerEndsAt).toBe(
			T0 + 10_000
		);
		const paused = nextTimer(start, { action: 'pause' }, T0)!;
		expect(nextTimer(paused, { action: 'extend', byMs: 5_000 }, T0)!.timerPausedRemaining).toBe(65_000);
		expect(
			nextTimer(
				{ timerEndsAt: null, timerPausedRemaining: null, timerDurationMs: null },
				{ action: 'extend', byMs: 5 },
				T0
			)
		).toBeNull();
	});
});

describe('ideas in the live workshop', () => {
	it('IDEA-5 the server adds an anonymous idea without author; a user may not', () => {
		const doc = newPlan();
		const id = addIdea(doc, { title: 'Salon', anonymous: true }, server);
		expect(selectIdeas(doc).find((i) => i.id === id)?.authorId).toBe('');
		expect(doc.getMap('ideas').get(id)).toBeInstanceOf(Y.Map);
		expect((doc.getMap('ideas').get(id) as Y.Map<unknown>).has('authorId')).toBe(false);
		expectRefused(doc, () => addIdea(doc, { title: 'x', anonymous: true }, bob), 'forbidden');
	});

	it('IDEA-6 the server publishes a draft under the id it had, once', () => {
		const doc = newPlan();
		addIdea(doc, { title: 'Draft', id: 'draft_abcdefgh12', participantId: 'bob' }, server);
		expect(selectIdeas(doc)[0]).toMatchObject({ id: 'draft_abcdefgh12', authorId: 'bob' });
		expectRefused(
			doc,
			() => addIdea(doc, { title: 'Again', id: 'draft_abcdefgh12', participantId: 'bob' }, server),
			'conflict'
		);
		expectRefused(doc, () => addIdea(doc, { title: 'x', id: 'mine_abcdefgh123' }, bob), 'forbidden');
	});

	it('IDEA-7 merging keeps votes and scores: they fold into the survivor', () => {
		const doc = newPlan();
		const a = addIdea(doc, { title: 'A' }, alice);
		const b = addIdea(doc, { title: 'B' }, bob);
		const c = addIdea(doc, { title: 'C' }, bob);
		updateWorkshop(doc, { voteBudget: 10 }, server);
		setVote(doc, { ideaId: a, count: 3 }, alice);
		setVote(doc, { ideaId: b, count: 3, participantId: 'alice' }, server);
		setVote(doc, { ideaId: b, count: 2 }, bob);
		setVote(doc, { ideaId: c, count: 1 }, bob);
		setScore(doc, { ideaId: b, criterion: 'impact', value: 4 }, bob);
		mergeIdea(doc, { id: b, intoId: a }, alice);
		const votes = selectVotes(doc);
		expect(votes.byIdea).toEqual({ [a]: 8, [c]: 1 });
		expect(votes.byParticipant.alice?.perIdea).toEqual({ [a]: 6 });
		expect(votes.ranking[0]).toEqual({ ideaId: a, votes: 8 });
		expect(selectScores(doc).find((s) => s.ideaId === a)?.averages.impact).toBe(4);
		expect(mergedIdeaIds(doc, a)).toEqual([a, b].sort());
		// Undoing the merge gives the votes back to B.
		mergeIdea(doc, { id: b, intoId: null }, alice);
		expect(selectVotes(doc).byIdea[b]).toBe(5);
	});

	it('IDEA-7 concurrent merges into each other resolve to one survivor on every replica', () => {
		const net = createPeers({ peers: 2, seed: 7 });
		const [p0, p1] = net.peers;
		const a = addIdea(p0!.doc, { title: 'A' }, p0!.origin);
		const b = addIdea(p0!.doc, { title: 'B' }, p0!.origin);
		net.flushAll();
		mergeIdea(p0!.doc, { id: a, intoId: b }, p0!.origin);
		mergeIdea(p1!.doc, { id: b, intoId: a }, p1!.origin);
		net.flushAll();
		const s0 = survivorOf(p0!.doc, a);
		expect(survivorOf(p0!.doc, b)).toBe(s0);
		expect(survivorOf(p1!.doc, a)).toBe(s0);
		net.destroy();
	});

	it('IDEA-8 several people grouping at once never duplicate or lose an idea', () => {
		const net = createPeers({ peers: 4, seed: 42 });
		const first = net.peers[0]!;
		const ideas = Array.from({ length: 12 }, (_, i) =>
			addIdea(first.doc, { title: `Idée ${i}` }, first.origin)
		);
		const groups = ['G1', 'G2', 'G3'].map((name) => addIdeaGroup(first.doc, { name }, first.origin));
		net.flushAll();
		for (let round = 0; round < 30; round++) {
			const peer = net.peers[net.rng.int(0, 3)]!;
			const idea = ideas[net.rng.int(0, ideas.length - 1)]!;
			const group = net.rng.int(0, 3) === 3 ? null : groups[net.rng.int(0, 2)]!;
			moveIdea(peer.doc, { id: idea, groupId: group, index: net.rng.int(0, 3) }, peer.origin);
			net.flushSome(2);
		}
		net.flushAll();
		net.compare();
		for (const peer of net.peers) {
			const seen = selectIdeas(peer.doc)
				.map((i) => i.id)
				.sort();
			expect(seen).toEqual([...ideas].sort());
		}
		net.destroy();
	});
});

describe('promotion', () => {
	it('PROMO-1 ideas and groups become pre-filled actions linked back to the idea, in one transaction', () => {
		const doc = newPlan();
		const channel = addListItem(doc, 'channels', { name: 'E-mailing' }, alice);
		const target = addListItem(doc, 'targets', { name: 'PME' }, alice);
		const a = addIdea(
			doc,
			{
				title: 'Webinaire',
				detail: 'Un par trimestre',
				tags: { levers: ['savoirVendre'], channelIds: [channel], targetIds: [target], objectiveIds: [] }
			},
			alice
		);
		const group = addIdeaGroup(doc, { name: 'Salons' }, alice);
		const b = addIdea(doc, { title: 'Salon A', groupId: group }, bob);
		addIdea(doc, { title: 'Salon B', groupId: group }, bob);
		setVote(doc, { ideaId: b, count: 2 }, bob);
		let transactions = 0;
		doc.on('afterTransaction', () => transactions++);
		const ids = promoteIdeas(doc, { ideaIds: [a], groupIds: [group] }, alice);
		expect(transactions).toBe(1);
		const actions = selectActions(doc);
		const first = actions.find((x) => x.id === ids[0])!;
		expect(first).toMatchObject({ name: 'Webinaire', channelId: channel, targetId: target, ideaId: a });
		const second = actions.find((x) => x.id === ids[1])!;
		expect(second).toMatchObject({ name: 'Salons', ideaId: b });
	});

	it('PROMO-3 the key result, workstream, owner and period given are carried, with the revealed score', () => {
		const doc = newPlan();
		const biz = addBusinessObjective(doc, { name: 'CA +10 %' }, alice);
		const mkt = addMarketingObjective(
			doc,
			{ name: 'Recruter', family: 'customers', nature: 'quantitative', businessObjectiveId: biz },
			alice
		);
		const kr = addKeyResult(doc, { marketingObjectiveId: mkt, kpi: 'Nouveaux clients' }, alice);
		const stream = addListItem(doc, 'workstreams', { name: 'Événements' }, alice);
		const owner = addListItem(doc, 'members', { name: 'Nadia' }, alice);
		const period = addPeriod(doc, { name: 'Mars', start: '2027-03-01', end: '2027-03-31' }, alice);
		const idea = addIdea(doc, { title: 'Salon régional' }, alice);
		publishScores(
			doc,
			{ tallies: [{ participantId: 'p1', entries: { [`${idea}:impact`]: 4, [`${idea}:relevance`]: 3 } }] },
			server
		);
		const [id] = promoteIdeas(
			doc,
			{ ideaIds: [idea], keyResultIds: [kr], workstreamId: stream, ownerId: owner, periodId: period },
			alice
		);
		const action = selectActions(doc).find((x) => x.id === id)!;
		expect(action).toMatchObject({
			keyResultIds: [kr],
			workstreamId: stream,
			ownerId: owner,
			periodId: period
		});
		expect(action.descriptionText).toMatch(/Score de l'atelier : \d,\d \/ 5/);
		expectRefused(
			doc,
			() => promoteIdeas(doc, { ideaIds: [idea], ownerId: 'ghost_member_1' }, alice),
			'not_found',
			'ownerId'
		);
	});

	it('PROMO-4 actions sharing a name (case, accents and spaces aside) are listed together', () => {
		const doc = newPlan();
		const first = addAction(doc, { name: 'Salon régional' }, alice);
		addAction(doc, { name: 'Webinaire' }, alice);
		const idea = addIdea(doc, { title: '  salon  REGIONAL ' }, alice);
		const [promoted] = promoteIdeas(doc, { ideaIds: [idea] }, alice);
		expect(selectDuplicateActionNames(doc)).toEqual([
			{ name: 'Salon régional', actionIds: [first, promoted] }
		]);
	});

	it('PROMO-2 refuses unknown ideas or empty input and writes nothing', () => {
		const doc = newPlan();
		addAction(doc, { name: 'Existing' }, alice);
		expectRefused(
			doc,
			() => promoteIdeas(doc, { ideaIds: ['ghost_idea_1234'] }, alice),
			'not_found',
			'ideaIds.0'
		);
		expectRefused(doc, () => promoteIdeas(doc, {}, alice), 'invalid_input');
	});
});

void userOrigin;

describe('publication at reveal', () => {
	it('VOTE-5 the server publishes every hidden tally in one transaction; only the server may; clearVotes resets', () => {
		const doc = newPlan();
		const a = addIdea(doc, { title: 'A' }, alice);
		const b = addIdea(doc, { title: 'B' }, bob);
		let transactions = 0;
		doc.on('afterTransaction', () => transactions++);
		publishVotes(
			doc,
			{
				tallies: [
					{ participantId: 'p1', entries: { [a]: 2, [b]: 1 } },
					{ participantId: 'p2', entries: { [a]: 3 } }
				]
			},
			server
		);
		expect(transactions).toBe(1);
		expect(selectVotes(doc).byIdea).toEqual({ [a]: 5, [b]: 1 });
		expectRefused(doc, () => publishVotes(doc, { tallies: [] }, bob), 'forbidden');
		publishScores(doc, { tallies: [{ participantId: 'p1', entries: { [`${a}:impact`]: 4 } }] }, server);
		expect(selectScores(doc)[0]?.averages.impact).toBe(4);
		clearVotes(doc, server);
		expect(selectVotes(doc).byIdea).toEqual({});
	});
});
