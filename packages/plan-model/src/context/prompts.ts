/**
 * Workshop prompts taken from the plan's context (CTX-6): what an ideation round can be opened on, so
 * that ideas answer a persona's objection, a SWOT item or a competitor's move. Read-only: a prompt is a
 * view of context records, and the ideas it brings carry the record they answer (ideas.ts).
 */
import type * as Y from 'yjs';
import { liveRecord } from '../records.ts';
import { selectPersonas } from './personas.ts';
import { selectSwotItems, type SwotQuadrant } from './swot.ts';
import { selectWatchEntries, type WatchKind } from './watch.ts';

/** The context records an idea may answer, as comment targets name them. */
export const CONTEXT_SOURCE_TYPES = ['persona', 'swotItem', 'watchEntry'] as const;
export type ContextSourceType = (typeof CONTEXT_SOURCE_TYPES)[number];

export const CONTEXT_SOURCE_ROOTS = {
	persona: 'personas',
	swotItem: 'swotItems',
	watchEntry: 'watchEntries'
} as const satisfies Record<ContextSourceType, string>;

export type ContextPromptKind = 'objection' | SwotQuadrant | WatchKind;

export interface ContextPrompt {
	/** Stable key for lists: `${sourceType}:${sourceId}` plus `:${n}` for a persona's n-th objection. */
	key: string;
	kind: ContextPromptKind;
	sourceType: ContextSourceType;
	sourceId: string;
	/** What the round asks about: the objection, the SWOT item's text, what was seen of the competitor. */
	text: string;
	/** Whose it is: the persona's name, the competitor or trend; null for a SWOT item. */
	about: string | null;
}

/**
 * CTX-6: every prompt the context offers, in this order: threats, weaknesses, opportunities, strengths
 * (SWOT board order), then each persona's objections, then the watch's competitor moves and trends
 * (newest first). A persona without objections offers none.
 */
export function selectContextPrompts(doc: Y.Doc): ContextPrompt[] {
	const out: ContextPrompt[] = [];
	const swot = selectSwotItems(doc);
	for (const quadrant of ['threat', 'weakness', 'opportunity', 'strength'] as const) {
		for (const item of swot.filter((i) => i.quadrant === quadrant)) {
			const key = `swotItem:${item.id}`;
			out.push({
				key,
				kind: quadrant,
				sourceType: 'swotItem',
				sourceId: item.id,
				text: item.text,
				about: null
			});
		}
	}
	for (const persona of selectPersonas(doc)) {
		persona.objectionList.forEach((text, n) => {
			out.push({
				key: `persona:${persona.id}:${n}`,
				kind: 'objection',
				sourceType: 'persona',
				sourceId: persona.id,
				text,
				about: persona.name
			});
		});
	}
	for (const entry of selectWatchEntries(doc)) {
		out.push({
			key: `watchEntry:${entry.id}`,
			kind: entry.kind,
			sourceType: 'watchEntry',
			sourceId: entry.id,
			text: entry.observed || entry.subject,
			about: entry.subject
		});
	}
	return out;
}

/** Whether a context record still exists (a link to a removed one reads as absent, REF-1). */
export function isLiveSource(doc: Y.Doc, type: ContextSourceType, id: string): boolean {
	return liveRecord(doc, CONTEXT_SOURCE_ROOTS[type], id) !== undefined;
}
