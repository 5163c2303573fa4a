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
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import type { Origin } from './origin.ts';
import { rootMap } from './schema.ts';
import { parse } from './validate.ts';

export const WORKSHOP_PHASES = [
	'setup',
	'ideation',
	'grouping',
	'voting',
	'scoring',
	'selection',
	'closed'
] as const;
export type WorkshopPhase = (typeof WORKSHOP_PHASES)[number];
/** The selection criteria of DOMAIN.md step 4; every criterion is scored 0-5, 5 being the most favourable. */
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
}

const weightsSchema = z.object({
	relevance: z.number().min(0).max(10),
	impact: z.number().min(0).max(10),
	skills: z.number().min(0).max(10),
	time: z.number().min(0).max(10),
	budget: z.number().min(0).max(10)
});

const workshopInput = z.object({
	phase: z.enum(WORKSHOP_PHASES).optional(),
	timerEndsAt: z.number().int().min(0).nullable().optional(),
	timerPausedRemaining: z.number().int().min(0).nullable().optional(),
	locked: z.boolean().optional(),
	anonymous: z.boolean().optional(),
	voteBudget: z.number().int().min(0).max(100).optional(),
	maxVotesPerIdea: z.number().int().min(1).max(100).optional(),
	criteriaWeights: weightsSchema.optional()
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
		criteriaWeights: w.criteriaWeights ?? { ...DEFAULT_WEIGHTS }
	};
}
