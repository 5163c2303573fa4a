/**
 * Votes and criteria scores: per-participant entries, never shared counters (VOTE-1). Two people voting
 * for the same idea at the same time write two different keys, so no vote is lost.
 *
 *   votes:  Y.Map<`${participantId}:${ideaId}`, number>                 (count >= 1; 0 deletes the key)
 *   scores: Y.Map<`${participantId}:${ideaId}:${criterion}`, number>    (0..5, 5 most favourable)
 *
 * A participant's entries are written only with that participant's origin, or by the server acting for
 * them (e.g. publishing hidden votes at reveal). Commands refuse a vote beyond the budget or the per-idea
 * maximum (VOTE-2); since one person on two devices could still overspend concurrently, selectors apply
 * the limits deterministically (VOTE-3): each participant's entries are taken in idea-id order, each capped
 * at the per-idea maximum, and the running total capped at the budget.
 *
 * Merged ideas (IDEA-7): votes and scores stay on the entries of the idea they were cast for, and the
 * selectors fold them into the survivor (`survivorOf`), after the caps: merging never loses a vote,
 * even when it gives one participant more than the per-idea maximum on the survivor.
 *
 * In a live workshop these maps are written by the server only (WS-2): hidden votes and scores live in
 * each voter's private document and are published here at reveal.
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { actorOf } from './actor.ts';
import { PlanError } from './errors.ts';
import type { Origin } from './origin.ts';
import { survivorOf } from './ideas.ts';
import { liveRecord, requireLive } from './records.ts';
import { rootMap } from './schema.ts';
import { idSchema, intSchema, parse } from './validate.ts';
import { CRITERIA, selectWorkshop, type Criterion } from './workshop.ts';

export interface ParticipantVotes {
	used: number;
	remaining: number;
	perIdea: Record<string, number>;
}

export interface VotesSummary {
	budget: number;
	maxPerIdea: number;
	/** Effective votes per idea (ideas without votes are absent). */
	byIdea: Record<string, number>;
	byParticipant: Record<string, ParticipantVotes>;
	/** Ideas with at least one vote, most votes first, then by id. */
	ranking: { ideaId: string; votes: number }[];
}

function splitKey(key: string): [string, string] | null {
	const i = key.indexOf(':');
	return i > 0 ? [key.slice(0, i), key.slice(i + 1)] : null;
}

/** VOTE-3: the limited, per-participant view of the stored entries. */
function effectiveVotes(doc: Y.Doc): Map<string, Map<string, number>> {
	const { voteBudget, maxVotesPerIdea } = selectWorkshop(doc);
	const raw = new Map<string, [string, number][]>();
	rootMap(doc, 'votes').forEach((value, key) => {
		const parts = splitKey(key);
		if (!parts || typeof value !== 'number' || !Number.isInteger(value) || value <= 0) return;
		if (!liveRecord(doc, 'ideas', parts[1])) return;
		const list = raw.get(parts[0]) ?? [];
		list.push([parts[1], value]);
		raw.set(parts[0], list);
	});
	const out = new Map<string, Map<string, number>>();
	for (const [participant, list] of raw) {
		list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
		let left = voteBudget;
		const perIdea = new Map<string, number>();
		for (const [ideaId, count] of list) {
			const kept = Math.min(count, maxVotesPerIdea, left);
			if (kept > 0) perIdea.set(ideaId, kept);
			left -= kept;
		}
		out.set(participant, perIdea);
	}
	return out;
}

const setVoteInput = v.object({
	ideaId: idSchema,
	count: v.pipe(intSchema, v.minValue(0, 'Must not be negative')),
	participantId: v.optional(v.string())
});

/** Sets the participant's vote count on one idea (0 removes it): VOTE-1, VOTE-2, VOTE-4. */
export function setVote(
	doc: Y.Doc,
	props: { ideaId: string; count: number; participantId?: string },
	origin: Origin
): void {
	const p = parse(setVoteInput, props);
	const participant = actorOf(origin, p.participantId);
	const workshop = selectWorkshop(doc);
	if (workshop.locked && origin.kind === 'user') {
		throw new PlanError('forbidden', null, 'The workshop is locked');
	}
	const idea = requireLive(doc, 'ideas', p.ideaId, 'ideaId');
	if (p.count > 0 && idea.get('mergedInto')) {
		throw new PlanError('invalid_input', 'ideaId', 'ideaId: this idea was merged into another one');
	}
	if (p.count > workshop.maxVotesPerIdea) {
		throw new PlanError('over_budget', 'count', `count: at most ${workshop.maxVotesPerIdea} votes per idea`);
	}
	const mine = effectiveVotes(doc).get(participant) ?? new Map<string, number>();
	let others = 0;
	for (const [ideaId, n] of mine) if (ideaId !== p.ideaId) others += n;
	if (others + p.count > workshop.voteBudget) {
		throw new PlanError('over_budget', 'count', `count: only ${workshop.voteBudget - others} votes left`);
	}
	const key = `${participant}:${p.ideaId}`;
	const votes = rootMap(doc, 'votes');
	doc.transact(() => {
		if (p.count === 0) votes.delete(key);
		else if (votes.get(key) !== p.count) votes.set(key, p.count);
	}, origin);
}

export function selectVotes(doc: Y.Doc): VotesSummary {
	const { voteBudget, maxVotesPerIdea } = selectWorkshop(doc);
	const byIdea: Record<string, number> = {};
	const byParticipant: Record<string, ParticipantVotes> = {};
	const effective = effectiveVotes(doc);
	for (const participant of [...effective.keys()].sort()) {
		const perIdea = effective.get(participant) as Map<string, number>;
		let used = 0;
		const folded: Record<string, number> = {};
		for (const [ideaId, n] of perIdea) {
			used += n;
			const survivor = survivorOf(doc, ideaId);
			byIdea[survivor] = (byIdea[survivor] ?? 0) + n;
			folded[survivor] = (folded[survivor] ?? 0) + n;
		}
		byParticipant[participant] = { used, remaining: voteBudget - used, perIdea: folded };
	}
	const ranking = Object.entries(byIdea)
		.map(([ideaId, votes]) => ({ ideaId, votes }))
		.sort((a, b) => b.votes - a.votes || (a.ideaId < b.ideaId ? -1 : 1));
	return { budget: voteBudget, maxPerIdea: maxVotesPerIdea, byIdea, byParticipant, ranking };
}

// ---- Criteria scores ----

const setScoreInput = v.object({
	ideaId: idSchema,
	criterion: v.picklist(CRITERIA),
	value: v.nullable(v.pipe(intSchema, v.minValue(0), v.maxValue(5))),
	participantId: v.optional(v.string())
});

/** Sets (or clears with null) the participant's score of one idea on one criterion (SCORE-1). */
export function setScore(
	doc: Y.Doc,
	props: { ideaId: string; criterion: Criterion; value: number | null; participantId?: string },
	origin: Origin
): void {
	const p = parse(setScoreInput, props);
	const participant = actorOf(origin, p.participantId);
	requireLive(doc, 'ideas', p.ideaId, 'ideaId');
	const key = `${participant}:${p.ideaId}:${p.criterion}`;
	const scores = rootMap(doc, 'scores');
	doc.transact(() => {
		if (p.value === null) scores.delete(key);
		else if (scores.get(key) !== p.value) scores.set(key, p.value);
	}, origin);
}

export interface IdeaScore {
	ideaId: string;
	/** Average per criterion, null when nobody scored it. */
	averages: Record<Criterion, number | null>;
	/** Participants who scored at least one criterion. */
	raters: number;
	/** Weighted mean of the averages with the workshop's weights (SCORE-2), null without scores. */
	weighted: number | null;
}

/** Scores of live ideas, best weighted score first, then by id. */
export function selectScores(doc: Y.Doc): IdeaScore[] {
	const weights = selectWorkshop(doc).criteriaWeights;
	const sums = new Map<
		string,
		{ sum: Record<string, number>; n: Record<string, number>; raters: Set<string> }
	>();
	rootMap(doc, 'scores').forEach((value, key) => {
		const [participant, scoredId, criterion] = key.split(':');
		let ideaId = scoredId;
		if (!participant || !ideaId || !(CRITERIA as readonly string[]).includes(criterion ?? '')) return;
		if (typeof value !== 'number' || value < 0 || value > 5 || !liveRecord(doc, 'ideas', ideaId)) return;
		ideaId = survivorOf(doc, ideaId);
		const entry = sums.get(ideaId) ?? { sum: {}, n: {}, raters: new Set<string>() };
		entry.sum[criterion as string] = (entry.sum[criterion as string] ?? 0) + value;
		entry.n[criterion as string] = (entry.n[criterion as string] ?? 0) + 1;
		entry.raters.add(participant);
		sums.set(ideaId, entry);
	});
	const out: IdeaScore[] = [];
	for (const [ideaId, entry] of sums) {
		const averages = {} as Record<Criterion, number | null>;
		let weighted = 0;
		let weightSum = 0;
		for (const c of CRITERIA) {
			const n = entry.n[c] ?? 0;
			const avg = n > 0 ? (entry.sum[c] ?? 0) / n : null;
			averages[c] = avg;
			if (avg !== null) {
				weighted += avg * weights[c];
				weightSum += weights[c];
			}
		}
		out.push({
			ideaId,
			averages,
			raters: entry.raters.size,
			weighted: weightSum > 0 ? weighted / weightSum : null
		});
	}
	return out.sort((a, b) => (b.weighted ?? -1) - (a.weighted ?? -1) || (a.ideaId < b.ideaId ? -1 : 1));
}

// ---- Publication by the server (the live workshop, VOTE-5, SCORE-3) ----

const publishInput = v.object({
	participantId: v.pipe(v.string(), v.minLength(1)),
	entries: v.record(v.string(), v.pipe(intSchema, v.minValue(0)))
});

function requireServer(origin: Origin): void {
	if (origin.kind !== 'server')
		throw new PlanError('forbidden', null, 'Only the server publishes hidden entries');
}

/**
 * Server only: writes hidden tallies as per-participant entries, many participants in ONE transaction
 * (one broadcast at reveal). Entries are copied as they are (already limited by the server), including
 * those of ideas merged since: the selectors fold them into the survivor (IDEA-7).
 */
export function publishVotes(
	doc: Y.Doc,
	props: { tallies: { participantId: string; entries: Record<string, number> }[] },
	origin: Origin
): void {
	requireServer(origin);
	const tallies = props.tallies.map((t) => parse(publishInput, t));
	const votes = rootMap(doc, 'votes');
	doc.transact(() => {
		for (const { participantId, entries } of tallies) {
			for (const [ideaId, count] of Object.entries(entries)) {
				const key = `${participantId}:${ideaId}`;
				if (count === 0) votes.delete(key);
				else if (votes.get(key) !== count) votes.set(key, count);
			}
		}
	}, origin);
}

/** Server only: same as publishVotes for scores; entry keys are `${ideaId}:${criterion}`. */
export function publishScores(
	doc: Y.Doc,
	props: { tallies: { participantId: string; entries: Record<string, number> }[] },
	origin: Origin
): void {
	requireServer(origin);
	const tallies = props.tallies.map((t) => parse(publishInput, t));
	const scores = rootMap(doc, 'scores');
	doc.transact(() => {
		for (const { participantId, entries } of tallies) {
			for (const [key, value] of Object.entries(entries)) {
				if (value <= 5) scores.set(`${participantId}:${key}`, value);
			}
		}
	}, origin);
}

/** Server only: removes every vote entry (reset, second round). */
export function clearVotes(doc: Y.Doc, origin: Origin): void {
	requireServer(origin);
	const votes = rootMap(doc, 'votes');
	if (votes.size === 0) return;
	doc.transact(() => [...votes.keys()].forEach((k) => votes.delete(k)), origin);
}
