/**
 * The context in the workshop (CTX-6, CTX-7): prompts taken from the context, the tags an idea written
 * under one of them carries, the words that show what an idea answers, and the filter on it.
 */
import {
	channelFit,
	selectPersonas,
	selectSwotItems,
	selectWatchEntries,
	type ContextPrompt,
	type IdeaTags,
	type SwotQuadrant
} from '@cap/plan-model';
import type { WorkshopIdeaTags, WorkshopPrompt } from '@cap/protocol';
import type * as Y from 'yjs';
import * as m from '#lib/paraglide/messages.js';
import { quadrantItemLabel } from './labels.ts';

/** The question put to the room for a context prompt, in the reader's language. */
export function contextPromptText(p: ContextPrompt): string {
	const text = p.text;
	switch (p.kind) {
		case 'objection':
			return m.ctx_prompt_objection({ name: p.about ?? '', text });
		case 'competitor':
			return m.ctx_prompt_competitor({ name: p.about ?? '', text });
		case 'trend':
			return m.ctx_prompt_trend({ name: p.about ?? '', text });
		default:
			return m.ctx_prompt_swot({ quadrant: quadrantItemLabel(p.kind), text });
	}
}

/** The workshop prompt (CTX-6) that opens a round on a context prompt. */
export function toWorkshopPrompt(p: ContextPrompt, id: string): WorkshopPrompt {
	return { id, kind: p.sourceType, refId: p.sourceId, text: contextPromptText(p).slice(0, 500) };
}

/** CTX-7: the context tags of an idea written under `prompt` (none for a prompt of another kind). */
export function contextTags(prompt: WorkshopPrompt | undefined, personaId: string): WorkshopIdeaTags {
	const tags: Required<Pick<WorkshopIdeaTags, 'personaIds' | 'swotItemIds' | 'watchEntryIds'>> = {
		personaIds: personaId ? [personaId] : [],
		swotItemIds: [],
		watchEntryIds: []
	};
	if (prompt?.refId) {
		if (prompt.kind === 'persona' && !tags.personaIds.includes(prompt.refId))
			tags.personaIds.push(prompt.refId);
		if (prompt.kind === 'swotItem') tags.swotItemIds.push(prompt.refId);
		if (prompt.kind === 'watchEntry') tags.watchEntryIds.push(prompt.refId);
	}
	return tags;
}

export interface AnswerBadge {
	/** `${type}:${id}`, also the filter's value. */
	key: string;
	text: string;
}

export interface AnswerNames {
	personas: Map<string, string>;
	swot: Map<string, { quadrant: SwotQuadrant; text: string }>;
	watch: Map<string, string>;
}

/** CTX-7: what an idea answers, as badges (records since removed are left out, REF-1). */
export function answerBadges(tags: IdeaTags, names: AnswerNames): AnswerBadge[] {
	const out: AnswerBadge[] = [];
	for (const id of tags.swotItemIds) {
		const item = names.swot.get(id);
		if (item)
			out.push({
				key: `swotItem:${id}`,
				text: m.ctx_answers_swot({ quadrant: quadrantItemLabel(item.quadrant), text: item.text })
			});
	}
	for (const id of tags.personaIds) {
		const name = names.personas.get(id);
		if (name) out.push({ key: `persona:${id}`, text: m.ctx_answers_persona({ name }) });
	}
	for (const id of tags.watchEntryIds) {
		const name = names.watch.get(id);
		if (name) out.push({ key: `watchEntry:${id}`, text: m.ctx_answers_watch({ name }) });
	}
	return out;
}

/** The idea filter on context: '' matches every idea, `${type}:${id}` the ideas answering that record. */
export function matchesAnswer(tags: IdeaTags, key: string): boolean {
	if (key === '') return true;
	const [type, id = ''] = key.split(':');
	if (type === 'persona') return tags.personaIds.includes(id);
	if (type === 'swotItem') return tags.swotItemIds.includes(id);
	if (type === 'watchEntry') return tags.watchEntryIds.includes(id);
	return false;
}

/** CTX-2 in words: whether the persona aimed at is reached by the chosen channel; null when unknown. */
export function channelAdvice(
	doc: Y.Doc,
	persona: { id: string; name: string; channelIds: string[] } | undefined,
	channelId: string,
	channelName: (id: string) => string
): { reached: boolean; text: string } | null {
	if (!persona || !channelId) return null;
	const fit = channelFit(doc, persona.id, channelId);
	if (fit === 'reachable') return { reached: true, text: m.ctx_channel_reaches({ persona: persona.name }) };
	if (fit === 'unreachable')
		return {
			reached: false,
			text: m.ctx_channel_not_reached({
				persona: persona.name,
				channels: persona.channelIds.map(channelName).join(', ')
			})
		};
	return null;
}

/** The names `answerBadges` and the filter show, read once per document change. */
export function answerNames(doc: Y.Doc): AnswerNames {
	return {
		personas: new Map(selectPersonas(doc).map((p) => [p.id, p.name])),
		swot: new Map(selectSwotItems(doc).map((i) => [i.id, { quadrant: i.quadrant, text: i.text }])),
		watch: new Map(selectWatchEntries(doc).map((w) => [w.id, w.subject]))
	};
}

/** The filter's options: every context record some idea answers, as `answerBadges` names them. */
export function answerOptions(ideas: { tags: IdeaTags }[], names: AnswerNames): AnswerBadge[] {
	const seen = new Map<string, AnswerBadge>();
	for (const idea of ideas) for (const b of answerBadges(idea.tags, names)) seen.set(b.key, b);
	return [...seen.values()];
}

/** CTX-7: an idea's title with what it answers, for the impact/effort matrix's legend and dots. */
export function titleWithAnswers(title: string, badges: AnswerBadge[]): string {
	return badges.length === 0 ? title : `${title} (${badges.map((b) => b.text).join(', ')})`;
}
