/**
 * Workshop state (atelier de co-construction). The workshop's behaviour (phase transitions, the timer's
 * authority, reveal) belongs to the server and a later issue; this module fixes the data shape.
 *
 *   workshop: Y.Map<'phase' | 'timerEndsAt' | 'timerPausedRemaining' | 'locked' | 'anonymous' |
 *                   'voteBudget' | 'maxVotesPerIdea' | 'criteriaWeights', value>
 *
 * The timer stores its end instant (`timerEndsAt`, epoch ms) rather than the seconds left, so a late joiner
 * computes the same countdown; while paused, `timerEndsAt` is null and `timerPausedRemaining` holds the ms
 * left. `criteriaWeights` is one plain object replaced as a whole.
 *
 * Added for the live workshop (every key below is written by the server only, WS-2):
 *   'timerDurationMs' | 'maxVotesPerGroup' | 'prompts' | 'focusedGroupId' | 'ideasRevealed' |
 *   'votesRevealed' | 'scoresRevealed' | 'round' | 'roundIdeaIds' | 'votersCount' | 'scorersCount'
 *   and `ready:<participantId>` = true per participant who said they are ready (setWorkshopReady).
 * The timer's arithmetic lives in timer.ts (pure functions the server applies with its own clock).
 */
import type * as Y from 'yjs';
import { z } from 'zod/mini';
import { actorOf } from './actor.ts';
import type { Origin } from './origin.ts';
import { rootMap } from './schema.ts';
import { nullish, parse } from './validate.ts';

/** The agenda (same list as @cap/protocol's WORKSHOP_AGENDA); 'setup' before, 'closed' after. */
export const WORKSHOP_PHASES = [
	'setup',
	'brief',
	'silentWriting',
	'reveal',
	'grouping',
	'voting',
	'results',
	'scoring',
	'promotion',
	'closed'
] as const;
export type WorkshopPhase = (typeof WORKSHOP_PHASES)[number];
/** The selection criteria of docs/method.md step 4; every criterion is scored 0-5, 5 being the most favourable. */
export const CRITERIA = ['relevance', 'impact', 'skills', 'time', 'budget'] as const;
export type Criterion = (typeof CRITERIA)[number];
export type CriteriaWeights = Record<Criterion, number>;

export const DEFAULT_VOTE_BUDGET = 5;
export const DEFAULT_MAX_VOTES_PER_IDEA = 3;
const DEFAULT_WEIGHTS: CriteriaWeights = { relevance: 1, impact: 1, skills: 1, time: 1, budget: 1 };

export interface WorkshopState {
	phase: WorkshopPhase;
	timerEndsAt: number | null;
	timerPausedRemaining: number | null;
	locked: boolean;
	anonymous: boolean;
	voteBudget: number;
	maxVotesPerIdea: number;
	criteriaWeights: CriteriaWeights;
	timerDurationMs: number | null;
	maxVotesPerGroup: number | null;
	prompts: WorkshopPrompt[];
	focusedGroupId: string | null;
	ideasRevealed: boolean;
	votesRevealed: boolean;
	scoresRevealed: boolean;
	round: number;
	/** Ideas open to voting in this round; null: every live, unmerged idea. */
	roundIdeaIds: string[] | null;
	votersCount: number;
	scorersCount: number;
	/** Participants who said they are ready, sorted. */
	ready: string[];
}

export interface WorkshopPrompt {
	id: string;
	kind: 'objective' | 'target' | 'lever' | 'free';
	text: string;
	refId?: string;
	lever?: string;
}

const promptSchema = z.object({
	id: z.string().check(z.minLength(1), z.maxLength(64)),
	kind: z.enum(['objective', 'target', 'lever', 'free']),
	text: z.string().check(z.maxLength(500)),
	refId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
	lever: z.optional(z.string().check(z.maxLength(100)))
});

const weightsSchema = z.object({
	relevance: z.number().check(z.gte(0), z.lte(10)),
	impact: z.number().check(z.gte(0), z.lte(10)),
	skills: z.number().check(z.gte(0), z.lte(10)),
	time: z.number().check(z.gte(0), z.lte(10)),
	budget: z.number().check(z.gte(0), z.lte(10))
});

const workshopInput = z.object({
	phase: z.optional(z.enum(WORKSHOP_PHASES)),
	timerEndsAt: nullish(z.number().check(z.int(), z.gte(0))),
	timerPausedRemaining: nullish(z.number().check(z.int(), z.gte(0))),
	locked: z.optional(z.boolean()),
	anonymous: z.optional(z.boolean()),
	voteBudget: z.optional(z.number().check(z.int(), z.gte(0), z.lte(100))),
	maxVotesPerIdea: z.optional(z.number().check(z.int(), z.gte(1), z.lte(100))),
	criteriaWeights: z.optional(weightsSchema),
	timerDurationMs: nullish(z.number().check(z.int(), z.gte(0))),
	maxVotesPerGroup: nullish(z.number().check(z.int(), z.gte(1), z.lte(100))),
	prompts: z.optional(z.array(promptSchema).check(z.maxLength(50))),
	focusedGroupId: nullish(z.string().check(z.minLength(1), z.maxLength(64))),
	ideasRevealed: z.optional(z.boolean()),
	votesRevealed: z.optional(z.boolean()),
	scoresRevealed: z.optional(z.boolean()),
	round: z.optional(z.number().check(z.int(), z.gte(1))),
	roundIdeaIds: nullish(z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(1000))),
	votersCount: z.optional(z.number().check(z.int(), z.gte(0))),
	scorersCount: z.optional(z.number().check(z.int(), z.gte(0)))
});
export type UpdateWorkshopProps = z.input<typeof workshopInput>;

/** Changes any subset of the workshop state (WS-1). */
export function updateWorkshop(doc: Y.Doc, props: UpdateWorkshopProps, origin: Origin): void {
	const p = parse(workshopInput, props);
	const map = rootMap(doc, 'workshop');
	doc.transact(() => {
		for (const [field, value] of Object.entries(p)) {
			if (value === undefined) continue;
			const old = map.get(field);
			if (old === value || (typeof value === 'object' && JSON.stringify(old) === JSON.stringify(value)))
				continue;
			map.set(field, value);
		}
	}, origin);
}

export function selectWorkshop(doc: Y.Doc): WorkshopState {
	const map = rootMap(doc, 'workshop');
	// Field by field, so one malformed value falls back to its default without hiding the others.
	const w: z.output<typeof workshopInput> = {};
	for (const [key, schema] of Object.entries(workshopInput.shape)) {
		const r = schema.safeParse(map.get(key));
		if (r.success && r.data !== undefined) (w as Record<string, unknown>)[key] = r.data;
	}
	return {
		phase: w.phase ?? 'setup',
		timerEndsAt: w.timerEndsAt ?? null,
		timerPausedRemaining: w.timerPausedRemaining ?? null,
		locked: w.locked ?? false,
		anonymous: w.anonymous ?? false,
		voteBudget: w.voteBudget ?? DEFAULT_VOTE_BUDGET,
		maxVotesPerIdea: w.maxVotesPerIdea ?? DEFAULT_MAX_VOTES_PER_IDEA,
		criteriaWeights: w.criteriaWeights ?? { ...DEFAULT_WEIGHTS },
		timerDurationMs: w.timerDurationMs ?? null,
		maxVotesPerGroup: w.maxVotesPerGroup ?? null,
		prompts: w.prompts ?? [],
		focusedGroupId: w.focusedGroupId ?? null,
		ideasRevealed: w.ideasRevealed ?? false,
		votesRevealed: w.votesRevealed ?? false,
		scoresRevealed: w.scoresRevealed ?? false,
		round: w.round ?? 1,
		roundIdeaIds: w.roundIdeaIds ?? null,
		votersCount: w.votersCount ?? 0,
		scorersCount: w.scorersCount ?? 0,
		ready: [...map.keys()]
			.filter((k) => k.startsWith(READY_PREFIX) && map.get(k) === true)
			.map((k) => k.slice(READY_PREFIX.length))
			.sort()
	};
}

const READY_PREFIX = 'ready:';

/** Marks a participant ready or not (the server acts for them; a user origin only for itself). */
export function setWorkshopReady(
	doc: Y.Doc,
	props: { participantId?: string; ready: boolean },
	origin: Origin
): void {
	const participant = actorOf(origin, props.participantId);
	const ready = parse(z.boolean(), props.ready);
	const map = rootMap(doc, 'workshop');
	const key = `${READY_PREFIX}${participant}`;
	doc.transact(() => {
		if (ready && map.get(key) !== true) map.set(key, true);
		else if (!ready && map.has(key)) map.delete(key);
	}, origin);
}

/** Clears every ready flag (e.g. when the phase changes). */
export function clearWorkshopReady(doc: Y.Doc, origin: Origin): void {
	const map = rootMap(doc, 'workshop');
	const keys = [...map.keys()].filter((k) => k.startsWith(READY_PREFIX));
	if (keys.length === 0) return;
	doc.transact(() => keys.forEach((k) => map.delete(k)), origin);
}
