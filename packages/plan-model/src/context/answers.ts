/**
 * What context an idea, and the action promoted from it, answers (CTX-7): the personae, SWOT items and
 * watch entries tagged on the idea. The action keeps the link through its `ideaId` (promotion.ts), so it
 * reads the same live records the idea does, and promotion writes them in words into the action's
 * description, where the table, the export and the report show them.
 */
import type * as Y from 'yjs';
import type { IdeaTags } from '../ideas.ts';
import { liveRecord, str, strOrNull } from '../records.ts';
import { quadrantOf } from './swot.ts';

export interface ContextAnswer {
	personaIds: string[];
	swotItemIds: string[];
	watchEntryIds: string[];
}

const QUADRANT_WORDS = {
	strength: 'force',
	weakness: 'faiblesse',
	opportunity: 'opportunité',
	threat: 'menace'
};

/** CTX-7: the live context records among an idea's tags (REF-1). */
export function answeredContext(doc: Y.Doc, tags: Pick<IdeaTags, keyof ContextAnswer>): ContextAnswer {
	return {
		personaIds: tags.personaIds.filter((id) => liveRecord(doc, 'personas', id)),
		swotItemIds: tags.swotItemIds.filter((id) => liveRecord(doc, 'swotItems', id)),
		watchEntryIds: tags.watchEntryIds.filter((id) => liveRecord(doc, 'watchEntries', id))
	};
}

/**
 * CTX-7: the context an action answers, read through the idea it was promoted from (none for an action
 * that did not come from the workshop, or whose idea's tags name no live context record).
 */
export function selectActionContext(doc: Y.Doc, actionId: string): ContextAnswer {
	const empty = { personaIds: [], swotItemIds: [], watchEntryIds: [] };
	const action = liveRecord(doc, 'actions', actionId);
	const ideaId = action ? strOrNull(action, 'ideaId') : null;
	const idea = ideaId ? doc.getMap<Y.Map<unknown>>('ideas').get(ideaId) : undefined;
	const tags = idea?.get('tags') as Partial<ContextAnswer> | undefined;
	if (!tags) return empty;
	const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
	return answeredContext(doc, {
		personaIds: list(tags.personaIds),
		swotItemIds: list(tags.swotItemIds),
		watchEntryIds: list(tags.watchEntryIds)
	});
}

/**
 * CTX-7: the context in words, for an action's description: `Répond à : menace « … » ; persona … ;
 * veille …` (the plan model writes French, like promotion's `Leviers :` line); null when there is none.
 */
export function describeAnswer(doc: Y.Doc, answer: ContextAnswer): string | null {
	const parts: string[] = [];
	for (const id of answer.swotItemIds) {
		const rec = liveRecord(doc, 'swotItems', id);
		if (rec) parts.push(`${QUADRANT_WORDS[quadrantOf(rec)]} « ${str(rec, 'text')} »`);
	}
	for (const id of answer.personaIds) {
		const rec = liveRecord(doc, 'personas', id);
		if (rec) parts.push(`persona ${str(rec, 'name')}`);
	}
	for (const id of answer.watchEntryIds) {
		const rec = liveRecord(doc, 'watchEntries', id);
		if (rec) parts.push(`veille ${str(rec, 'subject')}`);
	}
	return parts.length > 0 ? `Répond à : ${parts.join(' ; ')}` : null;
}
