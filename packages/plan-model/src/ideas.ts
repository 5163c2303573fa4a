/**
 * Workshop ideas and their groups.
 *
 *   ideas:      Y.Map<IdeaId, Y.Map<'title' | 'detail' | 'tags' | 'authorId' | 'groupId' | 'order' |
 *                 'mergedInto' | 'createdAt' | 'deleted', value>>
 *   ideaGroups: Y.Map<GroupId, Y.Map<'name' | 'color' | 'order', value>>
 *
 * `tags` is one plain object {levers, channelIds, targetIds, objectiveIds, personaIds, swotItemIds,
 * watchEntryIds} replaced as a whole (the last three: the context the idea answers, CTX-7). Ideas are
 * ordered by fractional key within their group (the key is global, so moving an idea between groups only
 * rewrites groupId and order). Removing an idea sets `deleted: true` (IDEA-2): its votes, scores and
 * comments keep a known target. Removing a group is a real delete; its ideas read `groupId: null`
 * (ungrouped, REF-1). Merging an idea into another sets `mergedInto`; the merged idea stays visible to
 * the selectors with that link, and takes no new votes (IDEA-3).
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { actorOf } from './actor.ts';
import { PlanError } from './errors.ts';
import { moveTo, orderedLive } from './order.ts';
import type { Origin } from './origin.ts';
import {
	insertRecord,
	liveEntries,
	liveRecord,
	num,
	patchRecord,
	ref,
	removeRecord,
	reorderRecord,
	requireLive,
	requireRef,
	str,
	strOrNull
} from './records.ts';
import { newId, now } from './runtime.ts';
import { collection } from './schema.ts';
import {
	arrayOf,
	colorSchema,
	idSchema,
	indexSchema,
	nameSchema,
	nullish,
	optionalText,
	parse
} from './validate.ts';

export interface IdeaTags {
	levers: string[];
	channelIds: string[];
	targetIds: string[];
	objectiveIds: string[];
	/** CTX-7: the context records the idea answers (personae, SWOT items, watch entries). */
	personaIds: string[];
	swotItemIds: string[];
	watchEntryIds: string[];
}

export interface Idea {
	id: string;
	title: string;
	detail: string | null;
	tags: IdeaTags;
	/** '' when the idea was written anonymously (IDEA-5). */
	authorId: string;
	groupId: string | null;
	mergedInto: string | null;
	createdAt: number;
	order: string;
}

export interface IdeaGroup {
	id: string;
	name: string;
	color: string | null;
	order: string;
}

const noTags = (): IdeaTags => ({
	levers: [],
	channelIds: [],
	targetIds: [],
	objectiveIds: [],
	personaIds: [],
	swotItemIds: [],
	watchEntryIds: []
});

const tagsSchema = v.object({
	levers: v.optional(
		v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100))), v.maxLength(20)),
		() => []
	),
	channelIds: v.optional(arrayOf(idSchema, 20), () => []),
	targetIds: v.optional(arrayOf(idSchema, 20), () => []),
	objectiveIds: v.optional(arrayOf(idSchema, 20), () => []),
	personaIds: v.optional(arrayOf(idSchema, 20), () => []),
	swotItemIds: v.optional(arrayOf(idSchema, 20), () => []),
	watchEntryIds: v.optional(arrayOf(idSchema, 20), () => [])
});

const ideaFields = {
	title: nameSchema,
	detail: optionalText(5000),
	tags: v.optional(tagsSchema),
	groupId: nullish(idSchema)
};
const addIdeaInput = v.object({
	...ideaFields,
	index: indexSchema,
	participantId: v.optional(v.string()),
	/** Server only: store no author (anonymous workshop, IDEA-5). */
	anonymous: v.optional(v.boolean()),
	/** Server only: keep the id a draft had in its author's private document (IDEA-6). */
	id: v.optional(idSchema)
});
const updateIdeaInput = v.partial(v.object({ id: idSchema, ...ideaFields }), ['title']);
export type AddIdeaProps = v.InferInput<typeof addIdeaInput>;
export type UpdateIdeaProps = v.InferInput<typeof updateIdeaInput>;

function requireTagRefs(doc: Y.Doc, tags: v.InferOutput<typeof tagsSchema> | undefined): void {
	if (!tags) return;
	for (const id of tags.channelIds) requireLive(doc, 'channels', id, 'tags.channelIds');
	for (const id of tags.targetIds) requireLive(doc, 'targets', id, 'tags.targetIds');
	for (const id of tags.objectiveIds) requireLive(doc, 'marketingObjectives', id, 'tags.objectiveIds');
	for (const id of tags.personaIds) requireLive(doc, 'personas', id, 'tags.personaIds');
	for (const id of tags.swotItemIds) requireLive(doc, 'swotItems', id, 'tags.swotItemIds');
	for (const id of tags.watchEntryIds) requireLive(doc, 'watchEntries', id, 'tags.watchEntryIds');
}

/** Adds an idea authored by the origin's participant (IDEA-1) and returns its id. */
export function addIdea(doc: Y.Doc, props: AddIdeaProps, origin: Origin): string {
	const { index, participantId, anonymous, id: givenId, ...fields } = parse(addIdeaInput, props);
	if ((anonymous || givenId !== undefined) && origin.kind !== 'server') {
		throw new PlanError('forbidden', anonymous ? 'anonymous' : 'id', 'Only the server adds such an idea');
	}
	const authorId = anonymous ? null : actorOf(origin, participantId);
	requireRef(doc, 'ideaGroups', fields.groupId, 'groupId');
	requireTagRefs(doc, fields.tags);
	if (givenId !== undefined && collection(doc, 'ideas').has(givenId)) {
		throw new PlanError('conflict', 'id', 'id: this idea already exists');
	}
	const id = givenId ?? newId();
	doc.transact(() => {
		insertRecord(
			doc,
			'ideas',
			id,
			{
				tags: noTags(),
				...fields,
				...(authorId !== null && { authorId }),
				createdAt: now()
			},
			index
		);
	}, origin);
	return id;
}

export function updateIdea(doc: Y.Doc, props: UpdateIdeaProps, origin: Origin): void {
	const { id, ...patch } = parse(updateIdeaInput, props);
	const rec = requireLive(doc, 'ideas', id, 'id');
	requireRef(doc, 'ideaGroups', patch.groupId, 'groupId');
	requireTagRefs(doc, patch.tags);
	doc.transact(() => {
		const { tags, ...plain } = patch;
		patchRecord(rec, plain);
		if (tags && JSON.stringify(rec.get('tags')) !== JSON.stringify(tags)) rec.set('tags', tags);
	}, origin);
}

/** Moves an idea into `groupId` (null: ungrouped) at `index` among that group's ideas. */
export function moveIdea(
	doc: Y.Doc,
	props: { id: string; groupId: string | null; index?: number },
	origin: Origin
): void {
	const p = parse(v.object({ id: idSchema, groupId: v.nullable(idSchema), index: indexSchema }), props);
	const rec = requireLive(doc, 'ideas', p.id, 'id');
	requireRef(doc, 'ideaGroups', p.groupId, 'groupId');
	doc.transact(() => {
		if (rec.get('groupId') !== p.groupId) rec.set('groupId', p.groupId);
		const sameGroup = liveEntries(doc, 'ideas').filter(
			([, r]) => ref(doc, 'ideaGroups', strOrNull(r, 'groupId')) === p.groupId
		);
		moveTo(sameGroup, p.id, p.index);
	}, origin);
}

/** Marks `id` as merged into `intoId` (IDEA-3); pass intoId null to undo. */
export function mergeIdea(doc: Y.Doc, props: { id: string; intoId: string | null }, origin: Origin): void {
	const p = parse(v.object({ id: idSchema, intoId: v.nullable(idSchema) }), props);
	const rec = requireLive(doc, 'ideas', p.id, 'id');
	if (p.intoId !== null) {
		const into = requireLive(doc, 'ideas', p.intoId, 'intoId');
		if (p.intoId === p.id || into.get('mergedInto')) {
			throw new PlanError(
				'invalid_input',
				'intoId',
				'intoId: merge into another idea that is not itself merged'
			);
		}
	}
	doc.transact(() => patchRecord(rec, { mergedInto: p.intoId }), origin);
}

/**
 * The idea `id` counts for after merges (IDEA-3, IDEA-7): follows `mergedInto` through live ideas; a
 * chain or cycle made by concurrent merges resolves the same way on every replica (a cycle stops at its
 * smallest id).
 */
export function survivorOf(doc: Y.Doc, id: string): string {
	const seen: string[] = [];
	let current = id;
	for (;;) {
		seen.push(current);
		const rec = liveRecord(doc, 'ideas', current);
		const next = rec ? strOrNull(rec, 'mergedInto') : null;
		if (!next || !liveRecord(doc, 'ideas', next)) return current;
		if (seen.includes(next)) {
			const cycle = seen.slice(seen.indexOf(next));
			return cycle.sort()[0] as string;
		}
		current = next;
	}
}

/** The live ideas whose survivor is `id`, itself included: their comments and votes count for `id`. */
export function mergedIdeaIds(doc: Y.Doc, id: string): string[] {
	return liveEntries(doc, 'ideas')
		.map(([ideaId]) => ideaId)
		.filter((ideaId) => survivorOf(doc, ideaId) === id)
		.sort();
}

/** Tombstones the idea (IDEA-2). */
export function removeIdea(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	const { id } = parse(v.object({ id: idSchema }), props);
	const rec = requireLive(doc, 'ideas', id, 'id');
	doc.transact(() => rec.set('deleted', true), origin);
}

/** Live ideas by fractional key, then id. */
export function selectIdeas(doc: Y.Doc): Idea[] {
	return orderedLive(liveEntries(doc, 'ideas')).sorted.map(({ id, order, rec }) => {
		const tags = v.safeParse(tagsSchema, rec.get('tags'));
		const mergedInto = strOrNull(rec, 'mergedInto');
		return {
			id,
			title: str(rec, 'title'),
			detail: strOrNull(rec, 'detail'),
			tags: tags.success ? tags.output : noTags(),
			authorId: str(rec, 'authorId'),
			groupId: ref(doc, 'ideaGroups', strOrNull(rec, 'groupId')),
			mergedInto: mergedInto && liveRecord(doc, 'ideas', mergedInto) ? mergedInto : null,
			createdAt: num(rec, 'createdAt'),
			order
		};
	});
}

// ---- Groups ----

const groupFields = { name: nameSchema, color: nullish(colorSchema) };
const addGroupInput = v.object({ ...groupFields, index: indexSchema });
const updateGroupInput = v.partial(v.object({ id: idSchema, ...groupFields }), ['name']);
export type AddIdeaGroupProps = v.InferInput<typeof addGroupInput>;
export type UpdateIdeaGroupProps = v.InferInput<typeof updateGroupInput>;

export function addIdeaGroup(doc: Y.Doc, props: v.InferInput<typeof addGroupInput>, origin: Origin): string {
	const { index, ...fields } = parse(addGroupInput, props);
	const id = newId();
	doc.transact(() => {
		insertRecord(doc, 'ideaGroups', id, fields, index);
	}, origin);
	return id;
}

export function updateIdeaGroup(
	doc: Y.Doc,
	props: v.InferInput<typeof updateGroupInput>,
	origin: Origin
): void {
	const { id, ...patch } = parse(updateGroupInput, props);
	const rec = requireLive(doc, 'ideaGroups', id, 'id');
	doc.transact(() => patchRecord(rec, patch), origin);
}

export function reorderIdeaGroup(doc: Y.Doc, props: { id: string; index: number }, origin: Origin): void {
	reorderRecord(doc, 'ideaGroups', props, origin);
}

/** Deletes the group; its ideas become ungrouped (REF-1). */
export function removeIdeaGroup(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	removeRecord(doc, 'ideaGroups', props, origin);
}

export function selectIdeaGroups(doc: Y.Doc): IdeaGroup[] {
	return orderedLive(liveEntries(doc, 'ideaGroups')).sorted.map(({ id, order, rec }) => ({
		id,
		name: str(rec, 'name'),
		color: strOrNull(rec, 'color'),
		order
	}));
}
