/**
 * Votes and scores (VOTE-5..7, SCORE-3, WS-6): each participant's hidden tally lives in their private
 * document until the reveal; the plan only holds `votersCount` / `scorersCount`.
 *
 * Atomicity (VOTE-6): JavaScript runs one command at a time between awaits. A vote first awaits the
 * voter's private document, then checks and writes in ONE synchronous section, re-reading the state
 * after the await. Two tabs of one participant voting at once are two commands whose sections cannot
 * interleave, so the budget is never exceeded. The voters' count moves with the voter's own tally
 * (from empty to not, or back), so no command has to open everyone's document to keep it.
 */
import { randomBytes } from 'node:crypto';
import {
	clearVotes,
	publishScores,
	publishVotes,
	selectVotes,
	selectWorkshop,
	serverOrigin,
	updateWorkshop,
	type UpdateWorkshopProps
} from '@cap/plan-model';
import type { WorkshopClientMessage } from '@cap/protocol';
import * as Y from 'yjs';
import type { PrivateDocs } from './private-docs.ts';
import { refuse } from './refused.ts';

const SERVER = serverOrigin();
type Rec = Y.Map<unknown>;

export function liveIdea(plan: Y.Doc, id: string): Rec | null {
	const rec = plan.getMap('ideas').get(id);
	return rec instanceof Y.Map && rec.get('deleted') !== true ? (rec as Rec) : null;
}

function sum(map: { forEach(fn: (value: unknown) => void): void }): number {
	let total = 0;
	map.forEach((v) => (total += typeof v === 'number' ? v : 0));
	return total;
}

/** Moves a count of the workshop by one when a participant's tally goes from empty to not, or back. */
function recount(plan: Y.Doc, field: 'votersCount' | 'scorersCount', before: boolean, after: boolean): void {
	if (before === after) return;
	const current = selectWorkshop(plan)[field];
	updateWorkshop(plan, { [field]: Math.max(0, current + (after ? 1 : -1)) }, SERVER);
}

export async function vote(
	privates: PrivateDocs,
	plan: Y.Doc,
	self: string,
	m: Extract<WorkshopClientMessage, { t: 'vote' }>,
	lockedForMe: () => boolean
): Promise<{ votes: number; remaining: number }> {
	const doc = await privates.own(self);
	// ---- one synchronous section: check, then write (VOTE-6) ----
	const w = selectWorkshop(plan);
	if (w.phase !== 'voting' || w.votesRevealed) refuse('wrong-phase', 'voting is not open');
	if (lockedForMe()) refuse('locked', 'the workshop is locked');
	const idea = liveIdea(plan, m.ideaId) ?? refuse('not-found', 'ideaId');
	const tally = doc.getMap('votes') as Y.Map<number>;
	const current = tally.get(m.ideaId) ?? 0;
	const next = current + m.delta;
	if (m.delta > 0) {
		if (idea.get('mergedInto')) refuse('not-in-round', 'this idea was merged into another one');
		if (w.roundIdeaIds && !w.roundIdeaIds.includes(m.ideaId)) refuse('not-in-round', 'not in this round');
	}
	if (next < 0) refuse('invalid', 'no vote to remove');
	const spent = sum(tally);
	const used = spent - current + next;
	if (next > w.maxVotesPerIdea) refuse('over-budget', `at most ${w.maxVotesPerIdea} votes per idea`);
	if (used > w.voteBudget) refuse('over-budget', `only ${w.voteBudget - spent} votes left`);
	const groupId = idea.get('groupId');
	if (w.maxVotesPerGroup !== null && typeof groupId === 'string' && m.delta > 0) {
		let inGroup = next;
		tally.forEach((n, id) => {
			if (id !== m.ideaId && liveIdea(plan, id)?.get('groupId') === groupId) inGroup += n;
		});
		if (inGroup > w.maxVotesPerGroup) refuse('over-budget', `at most ${w.maxVotesPerGroup} votes per group`);
	}
	doc.transact(() => (next === 0 ? tally.delete(m.ideaId) : tally.set(m.ideaId, next)), SERVER);
	recount(plan, 'votersCount', spent > 0, used > 0);
	return { votes: next, remaining: w.voteBudget - used };
}

export async function score(
	privates: PrivateDocs,
	plan: Y.Doc,
	self: string,
	m: Extract<WorkshopClientMessage, { t: 'score' }>,
	lockedForMe: () => boolean
): Promise<void> {
	const doc = await privates.own(self);
	const w = selectWorkshop(plan);
	if (w.phase !== 'scoring' || w.scoresRevealed) refuse('wrong-phase', 'scoring is not open');
	if (lockedForMe()) refuse('locked', 'the workshop is locked');
	if (!liveIdea(plan, m.ideaId)) refuse('not-found', 'ideaId');
	const scores = doc.getMap('scores');
	const had = scores.size > 0;
	const key = `${m.ideaId}:${m.criterion}`;
	doc.transact(() => (m.value === null ? scores.delete(key) : scores.set(key, m.value)), SERVER);
	recount(plan, 'scorersCount', had, scores.size > 0);
}

/** Who voted and who scored, for the facilitator (WS-6): from the status counters (private-docs.ts). */
export async function status(privates: PrivateDocs): Promise<{ voted: string[]; scored: string[] }> {
	const all = [...(await privates.statuses())].sort(([a], [b]) => (a < b ? -1 : 1));
	return {
		voted: all.filter(([, s]) => s.voted).map(([id]) => id),
		scored: all.filter(([, s]) => s.scored).map(([id]) => id)
	};
}

/** Publishes every hidden tally in one plan transaction (VOTE-5, SCORE-3), under pseudonyms if anonymous. */
export async function revealBallots(
	privates: PrivateDocs,
	plan: Y.Doc,
	what: 'votes' | 'scores'
): Promise<void> {
	// The flag first: from now on no command writes hidden entries, so the copy below misses none.
	updateWorkshop(plan, what === 'votes' ? { votesRevealed: true } : { scoresRevealed: true }, SERVER);
	await privates.withAll((docs) => {
		const anonymous = selectWorkshop(plan).anonymous;
		const tallies = docs
			.map(([participantId, doc]) => ({
				participantId: anonymous ? `anon-${randomBytes(6).toString('base64url')}` : participantId,
				entries: (doc.getMap(what) as Y.Map<number>).toJSON() as Record<string, number>
			}))
			.filter((t) => Object.keys(t.entries).length > 0);
		if (what === 'votes') publishVotes(plan, { tallies }, SERVER);
		else publishScores(plan, { tallies }, SERVER);
	});
}

/** Clears hidden and published votes (VOTE-7); `extra` opens the next round. */
export async function resetVotes(
	privates: PrivateDocs,
	plan: Y.Doc,
	extra: UpdateWorkshopProps
): Promise<void> {
	await privates.withAll((docs) => {
		plan.transact(() => {
			clearVotes(plan, SERVER);
			updateWorkshop(plan, { votesRevealed: false, votersCount: 0, ...extra }, SERVER);
		}, SERVER);
		for (const [, doc] of docs) {
			const map = doc.getMap('votes');
			if (map.size > 0) doc.transact(() => [...map.keys()].forEach((k) => map.delete(k)), SERVER);
		}
	});
}

/** A second round on the top N ideas of the revealed ranking (VOTE-7). */
export async function secondRound(privates: PrivateDocs, plan: Y.Doc, topN: number): Promise<void> {
	const w = selectWorkshop(plan);
	if (!w.votesRevealed) refuse('wrong-phase', 'reveal the votes first');
	const top = selectVotes(plan)
		.ranking.slice(0, topN)
		.map((r) => r.ideaId);
	await resetVotes(privates, plan, { round: w.round + 1, roundIdeaIds: top });
}
