/**
 * Ideas during the workshop (IDEA-5, IDEA-6, IDEA-9, WS-5): while silent writing hides ideas, an idea
 * is a draft in its author's private document; the reveal publishes every draft into the plan in one
 * transaction. Outside silent writing, ideas go straight to the plan, without author when anonymous.
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
type Rec = Y.Map<unknown>;

/** Tags limited to references that exist in the plan (drafts are published later, unchecked). */
export function liveTags(plan: Y.Doc, tags: WorkshopIdeaTags) {
	const live = (key: string) => (id: string) => plan.getMap(key).get(id) instanceof Y.Map;
	return {
		levers: tags.levers ?? [],
		channelIds: (tags.channelIds ?? []).filter(live('channels')),
		targetIds: (tags.targetIds ?? []).filter(live('targets')),
		objectiveIds: (tags.objectiveIds ?? []).filter(live('marketingObjectives'))
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

/** Publishes every draft into the plan in one transaction, oldest first, then clears the drafts (IDEA-9). */
export async function revealIdeas(privates: PrivateDocs, plan: Y.Doc): Promise<void> {
	// The flag first: from now on no command writes a draft, so the copy below misses none.
	updateWorkshop(plan, { ideasRevealed: true }, SERVER);
	await privates.withAll((docs) => {
		const anonymous = selectWorkshop(plan).anonymous;
		const drafts: [string, string, Rec][] = [];
		for (const [participantId, doc] of docs) {
			doc.getMap('drafts').forEach((rec, id) => {
				if (rec instanceof Y.Map) drafts.push([participantId, id, rec as Rec]);
			});
		}
		drafts.sort((a, b) => (a[2].get('createdAt') as number) - (b[2].get('createdAt') as number));
		plan.transact(() => {
			for (const [participantId, id, rec] of drafts) {
				if (plan.getMap('ideas').has(id)) continue;
				addIdea(
					plan,
					{
						id,
						title: String(rec.get('title') ?? ''),
						detail: (rec.get('detail') as string | null) ?? null,
						tags: liveTags(plan, (rec.get('tags') as WorkshopIdeaTags) ?? {}),
						...(anonymous ? { anonymous: true } : { participantId })
					},
					SERVER
				);
			}
		}, SERVER);
		for (const [, doc] of docs) {
			const map = doc.getMap('drafts');
			if (map.size > 0) doc.transact(() => [...map.keys()].forEach((k) => map.delete(k)), SERVER);
		}
	});
}
