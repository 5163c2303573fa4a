/**
 * Promotion (PROMO-1, PROMO-2): the workshop's selected ideas, or whole groups, become actions in one
 * transaction, pre-filled from the idea: name ← title, description ← detail (and the levers), channel and
 * target ← the first live tag, key results ← those of the tagged marketing objectives, and `ideaId` ← the
 * idea (for a group: its most voted idea), the link back to the idea, its merged ideas (mergedIdeaIds) and
 * their votes. PROMO-3: the person promoting may give the key results, workstream, owner and period every
 * new action gets (given key results replace the tagged ones), and the idea's revealed weighted score is
 * written in the description, with the context the ideas answer (CTX-7). PROMO-4:
 * `selectDuplicateActionNames` lists live actions sharing a name.
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { addAction } from './actions.ts';
import { describeAnswer } from './context/answers.ts';
import { PlanError } from './errors.ts';
import { selectIdeaGroups, selectIdeas, survivorOf, type Idea } from './ideas.ts';
import type { Origin } from './origin.ts';
import { liveEntries, liveRecord, requireLive, requireRef, str, strOrNull } from './records.ts';
import { arrayOf, idSchema, parse } from './validate.ts';
import { selectScores, selectVotes } from './votes.ts';

const promoteInput = v.object({
	ideaIds: v.optional(arrayOf(idSchema, 200), () => []),
	groupIds: v.optional(arrayOf(idSchema, 200), () => []),
	/** PROMO-3: given, they replace the key results of the tagged objectives. */
	keyResultIds: v.optional(arrayOf(idSchema, 100)),
	workstreamId: v.nullish(idSchema),
	ownerId: v.nullish(idSchema),
	periodId: v.nullish(idSchema)
});
export type PromoteIdeasProps = v.InferInput<typeof promoteInput>;

function firstLive(doc: Y.Doc, key: 'channels' | 'targets', ids: string[]): string | null {
	return ids.find((id) => liveRecord(doc, key, id)) ?? null;
}

/** The weighted score written into a promoted action's description (PROMO-3), one decimal, French. */
function scoreLine(score: number | null | undefined): string | null {
	if (score === null || score === undefined) return null;
	return `Score de l'atelier : ${score.toFixed(1).replace('.', ',')} / 5`;
}

function describe(doc: Y.Doc, ideas: Idea[], score: number | null | undefined): string {
	const lines: string[] = [];
	for (const idea of ideas) {
		if (ideas.length > 1) lines.push(`- ${idea.title}${idea.detail ? ` : ${idea.detail}` : ''}`);
		else if (idea.detail) lines.push(idea.detail);
	}
	const levers = [...new Set(ideas.flatMap((i) => i.tags.levers))];
	if (levers.length > 0) lines.push(`Leviers : ${levers.join(', ')}`);
	const scored = scoreLine(score);
	if (scored) lines.push(scored);
	// CTX-7: the context the ideas answer, in words.
	const unique = (ids: string[]) => [...new Set(ids)];
	const answer = describeAnswer(doc, {
		personaIds: unique(ideas.flatMap((i) => i.tags.personaIds)),
		swotItemIds: unique(ideas.flatMap((i) => i.tags.swotItemIds)),
		watchEntryIds: unique(ideas.flatMap((i) => i.tags.watchEntryIds))
	});
	if (answer) lines.push(answer);
	return lines.join('\n');
}

/** Action names compared for PROMO-4: trimmed, spaces folded, case and accents ignored. */
export function actionNameKey(name: string): string {
	return name.normalize('NFD').replace(/\p{M}/gu, '').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/**
 * PROMO-4: the live actions that share a name with another one (as {@link actionNameKey} compares), as
 * groups of ids in creation order, groups ordered by their first action. Two actions of one name break the
 * spreadsheet round trip, which matches rows by name.
 */
export function selectDuplicateActionNames(doc: Y.Doc): { name: string; actionIds: string[] }[] {
	const byKey = new Map<string, { name: string; actionIds: string[]; first: number }>();
	for (const [id, rec] of liveEntries(doc, 'actions')) {
		const name = str(rec, 'name');
		const key = actionNameKey(name);
		if (key === '') continue;
		const created = typeof rec.get('createdAt') === 'number' ? (rec.get('createdAt') as number) : 0;
		const entry = byKey.get(key) ?? { name, actionIds: [], first: created };
		entry.actionIds.push(id);
		entry.first = Math.min(entry.first, created);
		byKey.set(key, entry);
	}
	return [...byKey.values()]
		.filter((e) => e.actionIds.length > 1)
		.sort((a, b) => a.first - b.first)
		.map(({ name, actionIds }) => ({ name, actionIds }));
}

/** Creates one action per idea and per group; returns their ids in the order given (ideas, then groups). */
export function promoteIdeas(doc: Y.Doc, props: PromoteIdeasProps, origin: Origin): string[] {
	const p = parse(promoteInput, props);
	if (p.ideaIds.length + p.groupIds.length === 0) {
		throw new PlanError('invalid_input', 'ideaIds', 'ideaIds: nothing to promote');
	}
	const ideas = new Map(selectIdeas(doc).map((idea) => [idea.id, idea]));
	const groups = new Set(selectIdeaGroups(doc).map((g) => g.id));
	const votes = selectVotes(doc).byIdea;
	const plans: { name: string; ideas: Idea[] }[] = [];
	p.ideaIds.forEach((id, i) => {
		const idea = ideas.get(survivorOf(doc, id));
		if (!idea) throw new PlanError('not_found', `ideaIds.${i}`, `ideaIds.${i}: unknown idea`);
		plans.push({ name: idea.title, ideas: [idea] });
	});
	p.groupIds.forEach((id, i) => {
		if (!groups.has(id)) throw new PlanError('not_found', `groupIds.${i}`, `groupIds.${i}: unknown group`);
		const members = [...ideas.values()]
			.filter((idea) => idea.groupId === id && idea.mergedInto === null)
			.sort((a, b) => (votes[b.id] ?? 0) - (votes[a.id] ?? 0) || (a.id < b.id ? -1 : 1));
		if (members.length === 0)
			throw new PlanError('invalid_input', `groupIds.${i}`, `groupIds.${i}: empty group`);
		const group = liveEntries(doc, 'ideaGroups').find(([gid]) => gid === id)?.[1];
		plans.push({ name: (group && strOrNull(group, 'name')) || (members[0] as Idea).title, ideas: members });
	});
	p.keyResultIds?.forEach((id, i) => requireLive(doc, 'keyResults', id, `keyResultIds.${i}`));
	requireRef(doc, 'workstreams', p.workstreamId, 'workstreamId');
	requireRef(doc, 'members', p.ownerId, 'ownerId');
	requireRef(doc, 'periods', p.periodId, 'periodId');
	const scores = new Map(selectScores(doc).map((s) => [s.ideaId, s.weighted]));
	const keyResults = liveEntries(doc, 'keyResults');
	const ids: string[] = [];
	doc.transact(() => {
		for (const plan of plans) {
			const lead = plan.ideas[0] as Idea;
			const tags = plan.ideas.flatMap((i) => [i.tags]);
			const objectiveIds = new Set(tags.flatMap((t) => t.objectiveIds));
			ids.push(
				addAction(
					doc,
					{
						name: plan.name,
						description: describe(doc, plan.ideas, scores.get(lead.id)),
						channelId: firstLive(
							doc,
							'channels',
							tags.flatMap((t) => t.channelIds)
						),
						targetId: firstLive(
							doc,
							'targets',
							tags.flatMap((t) => t.targetIds)
						),
						keyResultIds:
							p.keyResultIds ??
							keyResults
								.filter(([, rec]) => objectiveIds.has(strOrNull(rec, 'marketingObjectiveId') ?? ''))
								.map(([id]) => id)
								.sort(),
						workstreamId: p.workstreamId ?? null,
						ownerId: p.ownerId ?? null,
						periodId: p.periodId ?? null,
						ideaId: lead.id
					},
					origin
				)
			);
		}
	}, origin);
	return ids;
}
