/**
 * Ideas during the workshop (IDEA-5, IDEA-6, IDEA-9, IDEA-10, WS-5): while silent writing hides ideas, an
 * idea is a draft in its author's private document, and so is the text they typed and did not add yet
 * (`typing`); the reveal publishes every draft and every typed text into the plan in one transaction.
 * Outside silent writing, ideas go straight to the plan, without author when anonymous.
 */
import { randomBytes } from 'node:crypto';
import { addIdea, selectWorkshop, serverOrigin, updateIdea, updateWorkshop } from '@cap/plan-model';
import { can, type WorkshopClientMessage, type WorkshopIdeaTags } from '@cap/protocol';
import * as Y from 'yjs';
import type { CapContext } from '../context.ts';
import { liveIdea } from './ballots.ts';
import type { PrivateDocs } from './private-docs.ts';
import { refuse } from './refused.ts';

const SERVER = serverOrigin();

/** Tags limited to references that exist in the plan (drafts are published later, unchecked). */
export function liveTags(plan: Y.Doc, tags: WorkshopIdeaTags) {
	const live = (key: string) => (id: string) => plan.getMap(key).get(id) instanceof Y.Map;
	return {
		levers: tags.levers ?? [],
		channelIds: (tags.channelIds ?? []).filter(live('channels')),
		targetIds: (tags.targetIds ?? []).filter(live('targets')),
		objectiveIds: (tags.objectiveIds ?? []).filter(live('marketingObjectives')),
		personaIds: (tags.personaIds ?? []).filter(live('personas')),
		swotItemIds: (tags.swotItemIds ?? []).filter(live('swotItems')),
		watchEntryIds: (tags.watchEntryIds ?? []).filter(live('watchEntries'))
	};
}

export async function addWorkshopIdea(
	privates: PrivateDocs,
	plan: Y.Doc,
	ctx: CapContext,
	m: Extract<WorkshopClientMessage, { t: 'addIdea' }>,
	lockedForMe: () => boolean
): Promise<{ ideaId: string }> {
	const w0 = selectWorkshop(plan);
	// Only a draft needs the private document; open it before the synchronous section.
	const doc =
		w0.phase === 'silentWriting' && !w0.ideasRevealed ? await privates.own(ctx.participantId) : null;
	// Synchronous from here: the phase read is the one the write obeys.
	if (lockedForMe()) refuse('locked', 'the workshop is locked');
	const w = selectWorkshop(plan);
	const tags = liveTags(plan, m.tags ?? {});
	if (w.phase === 'silentWriting' && !w.ideasRevealed) {
		if (!doc) refuse('wrong-phase', 'the phase changed: try again');
		const id = randomBytes(12).toString('base64url');
		doc.transact(() => {
			// The typed text became this idea: nothing is left to publish at the reveal.
			doc.getMap('typing').delete('text');
			const draft = new Y.Map<unknown>();
			doc.getMap('drafts').set(id, draft);
			draft.set('title', m.title.trim());
			draft.set('detail', m.detail ?? null);
			draft.set('tags', tags);
			draft.set('promptId', m.promptId ?? null);
			draft.set('createdAt', Date.now());
		}, SERVER);
		return { ideaId: id };
	}
	const ideaId = addIdea(
		plan,
		{
			title: m.title,
			detail: m.detail ?? null,
			tags,
			groupId: m.groupId ?? null,
			...(w.anonymous ? { anonymous: true } : { participantId: ctx.participantId })
		},
		SERVER
	);
	return { ideaId };
}

export async function editWorkshopIdea(
	privates: PrivateDocs,
	plan: Y.Doc,
	ctx: CapContext,
	m: Extract<WorkshopClientMessage, { t: 'editIdea' }>,
	lockedForMe: () => boolean
): Promise<{ ideaId: string }> {
	const doc = await privates.own(ctx.participantId);
	if (lockedForMe()) refuse('locked', 'the workshop is locked');
	const draft = doc.getMap('drafts').get(m.ideaId);
	if (draft instanceof Y.Map) {
		doc.transact(() => {
			if (m.title !== undefined) draft.set('title', m.title.trim());
			if (m.detail !== undefined) draft.set('detail', m.detail);
			if (m.tags !== undefined) draft.set('tags', liveTags(plan, m.tags));
		}, SERVER);
		return { ideaId: m.ideaId };
	}
	const rec = liveIdea(plan, m.ideaId) ?? refuse('not-found', 'ideaId');
	if (rec.get('authorId') !== ctx.participantId && !can(ctx.role, 'editPlan'))
		refuse('forbidden', 'not your idea');
	updateIdea(
		plan,
		{
			id: m.ideaId,
			...(m.title !== undefined && { title: m.title }),
			...(m.detail !== undefined && { detail: m.detail }),
			...(m.tags !== undefined && { tags: liveTags(plan, m.tags) })
		},
		SERVER
	);
	return { ideaId: m.ideaId };
}

export async function removeDraft(privates: PrivateDocs, self: string, ideaId: string): Promise<void> {
	const doc = await privates.own(self);
	if (!doc.getMap('drafts').has(ideaId)) refuse('not-found', 'ideaId');
	doc.transact(() => doc.getMap('drafts').delete(ideaId), SERVER);
}

/** Silent writing is running and its ideas are still hidden. */
function writingHidden(plan: Y.Doc): boolean {
	const w = selectWorkshop(plan);
	return w.phase === 'silentWriting' && !w.ideasRevealed;
}

/** Keeps what the sender typed and has not added yet in their private document (IDEA-10). */
export async function setTyping(
	privates: PrivateDocs,
	plan: Y.Doc,
	self: string,
	text: string,
	lockedForMe: () => boolean
): Promise<void> {
	if (!writingHidden(plan)) refuse('wrong-phase', 'typed text is kept during silent writing only');
	const doc = await privates.own(self);
	// Synchronous from here: the reveal reads the flag before it copies, so no text slips past it.
	if (!writingHidden(plan)) refuse('wrong-phase', 'the ideas were revealed');
	if (lockedForMe()) refuse('locked', 'the workshop is locked');
	const typing = doc.getMap('typing');
	const clean = text.trim();
	doc.transact(() => {
		if (clean) {
			typing.set('text', clean);
			typing.set('at', Date.now());
		} else typing.delete('text');
	}, SERVER);
}

/**
 * For the facilitator (IDEA-10): how many ideas each participant wrote (hidden drafts and published ideas
 * they authored) and who has typed text not added yet; never what.
 */
export async function writingStatus(
	privates: PrivateDocs,
	plan: Y.Doc
): Promise<{ ideaCounts: Record<string, number>; typing: string[] }> {
	const statuses = await privates.statuses();
	const ideaCounts: Record<string, number> = {};
	const typing: string[] = [];
	for (const [id, s] of [...statuses].sort(([a], [b]) => (a < b ? -1 : 1))) {
		if (s.drafts > 0) ideaCounts[id] = s.drafts;
		if (s.typing) typing.push(id);
	}
	plan.getMap('ideas').forEach((rec) => {
		if (!(rec instanceof Y.Map) || rec.get('deleted') === true) return;
		const author = rec.get('authorId');
		if (typeof author === 'string' && author) ideaCounts[author] = (ideaCounts[author] ?? 0) + 1;
	});
	return { ideaCounts, typing };
}

/**
 * Publishes every draft, and every text typed and not added (IDEA-10), into the plan in one transaction,
 * oldest first, then clears them (IDEA-9).
 */
export async function revealIdeas(privates: PrivateDocs, plan: Y.Doc): Promise<void> {
	// The flag first: from now on no command writes a draft, so the copy below misses none.
	updateWorkshop(plan, { ideasRevealed: true }, SERVER);
	await privates.withAll((docs) => {
		const anonymous = selectWorkshop(plan).anonymous;
		const drafts: Draft[] = [];
		for (const [participantId, doc] of docs) {
			doc.getMap('drafts').forEach((rec, id) => {
				if (!(rec instanceof Y.Map)) return;
				drafts.push({
					participantId,
					id,
					title: String(rec.get('title') ?? ''),
					detail: (rec.get('detail') as string | null) ?? null,
					tags: (rec.get('tags') as WorkshopIdeaTags) ?? {},
					createdAt: Number(rec.get('createdAt') ?? 0)
				});
			});
			const typing = doc.getMap('typing');
			const text = typing.get('text');
			if (typeof text === 'string' && text) {
				drafts.push({
					participantId,
					id: randomBytes(12).toString('base64url'),
					title: text,
					detail: null,
					tags: {},
					createdAt: Number(typing.get('at') ?? 0)
				});
			}
		}
		drafts.sort((a, b) => a.createdAt - b.createdAt);
		plan.transact(() => {
			for (const draft of drafts) {
				if (plan.getMap('ideas').has(draft.id)) continue;
				addIdea(
					plan,
					{
						id: draft.id,
						title: draft.title,
						detail: draft.detail,
						tags: liveTags(plan, draft.tags),
						...(anonymous ? { anonymous: true } : { participantId: draft.participantId })
					},
					SERVER
				);
			}
		}, SERVER);
		for (const [, doc] of docs) {
			const map = doc.getMap('drafts');
			const typing = doc.getMap('typing');
			if (map.size > 0 || typing.size > 0)
				doc.transact(() => {
					[...map.keys()].forEach((k) => map.delete(k));
					[...typing.keys()].forEach((k) => typing.delete(k));
				}, SERVER);
		}
	});
}

/** A hidden idea about to be published: a draft, or the text its author typed and did not add. */
interface Draft {
	participantId: string;
	id: string;
	title: string;
	detail: string | null;
	tags: WorkshopIdeaTags;
	createdAt: number;
}
