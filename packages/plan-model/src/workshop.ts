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
import * as v from 'valibot';
import { actorOf } from './actor.ts';
import type { Origin } from './origin.ts';
import { rootMap } from './schema.ts';
import { finiteNumber, intSchema, nullish, parse } from './validate.ts';

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
	/**
	 * GATHER-1: the section where the meeting is (set by the facilitator), where links land and where whoever
	 * is elsewhere is asked to come; null when nobody is gathered.
	 */
	meetingSection: string | null;
	/** When the facilitator last called everyone there (server clock, epoch ms). */
	meetingCalledAt: number | null;
}

/** A prompt about a context record (CTX-6) names it in `refId`. */
export const WORKSHOP_PROMPT_KINDS = [
	'objective',
	'target',
	'lever',
	'free',
	'persona',
	'swotItem',
	'watchEntry'
] as const;

export interface WorkshopPrompt {
	id: string;
	kind: (typeof WORKSHOP_PROMPT_KINDS)[number];
	text: string;
	refId?: string;
	lever?: string;
}

const promptSchema = v.object({
	id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
	kind: v.picklist(WORKSHOP_PROMPT_KINDS),
	text: v.pipe(v.string(), v.maxLength(500)),
	refId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
	lever: v.optional(v.pipe(v.string(), v.maxLength(100)))
});

const weightsSchema = v.object({
	relevance: v.pipe(finiteNumber, v.minValue(0), v.maxValue(10)),
	impact: v.pipe(finiteNumber, v.minValue(0), v.maxValue(10)),
	skills: v.pipe(finiteNumber, v.minValue(0), v.maxValue(10)),
	time: v.pipe(finiteNumber, v.minValue(0), v.maxValue(10)),
	budget: v.pipe(finiteNumber, v.minValue(0), v.maxValue(10))
});

const workshopInput = v.object({
	phase: v.optional(v.picklist(WORKSHOP_PHASES)),
	timerEndsAt: nullish(v.pipe(intSchema, v.minValue(0))),
	timerPausedRemaining: nullish(v.pipe(intSchema, v.minValue(0))),
	locked: v.optional(v.boolean()),
	anonymous: v.optional(v.boolean()),
	voteBudget: v.optional(v.pipe(intSchema, v.minValue(0), v.maxValue(100))),
	maxVotesPerIdea: v.optional(v.pipe(intSchema, v.minValue(1), v.maxValue(100))),
	criteriaWeights: v.optional(weightsSchema),
	timerDurationMs: nullish(v.pipe(intSchema, v.minValue(0))),
	maxVotesPerGroup: nullish(v.pipe(intSchema, v.minValue(1), v.maxValue(100))),
	prompts: v.optional(v.pipe(v.array(promptSchema), v.maxLength(50))),
	focusedGroupId: nullish(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
	ideasRevealed: v.optional(v.boolean()),
	votesRevealed: v.optional(v.boolean()),
	scoresRevealed: v.optional(v.boolean()),
	round: v.optional(v.pipe(intSchema, v.minValue(1))),
	roundIdeaIds: nullish(
		v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(64))), v.maxLength(1000))
	),
	votersCount: v.optional(v.pipe(intSchema, v.minValue(0))),
	scorersCount: v.optional(v.pipe(intSchema, v.minValue(0))),
	meetingSection: nullish(v.pipe(v.string(), v.regex(/^[a-z]{1,32}$/))),
	meetingCalledAt: nullish(v.pipe(intSchema, v.minValue(0)))
});
export type UpdateWorkshopProps = v.InferInput<typeof workshopInput>;

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
	const w: v.InferOutput<typeof workshopInput> = {};
	for (const [key, schema] of Object.entries(workshopInput.entries)) {
		const r = v.safeParse(schema, map.get(key));
		if (r.success && r.output !== undefined) (w as Record<string, unknown>)[key] = r.output;
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
		meetingSection: w.meetingSection ?? null,
		meetingCalledAt: w.meetingCalledAt ?? null,
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
	const ready = parse(v.boolean(), props.ready);
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
