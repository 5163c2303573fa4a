/**
 * Comment threads attached to any record of the plan.
 *
 *   commentThreads: Y.Map<ThreadId, Y.Map<'targetType' | 'targetId' | 'authorId' | 'createdAt' | 'resolved', value>>
 *   comments:       Y.Map<CommentId, Y.Map<'threadId' | 'authorId' | 'body' | 'createdAt' | 'editedAt' |
 *                     'deleted', value> & { reactions: Y.Map<`${participantId}:${emoji}`, true> }>
 *
 * Comments live in one flat collection keyed by id (not in an array per thread) so concurrent replies never
 * conflict; a thread's comments are sorted by createdAt, then id. Deleting a comment is a tombstone
 * (CMT-3): the comment keeps its place in the conversation, shown as deleted, and its body is erased.
 * Reactions are per-participant entries (CMT-4). Threads are never deleted, only resolved (CMT-5).
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { actorOf } from './actor.ts';
import { PlanError } from './errors.ts';
import type { Origin } from './origin.ts';
import { bool, createRecord, liveEntries, num, numOrNull, oneOf, requireLive, str } from './records.ts';
import { newId, now } from './runtime.ts';
import type { PlanRootKey } from './schema.ts';
import { idSchema, parse } from './validate.ts';

export const COMMENT_TARGET_TYPES = [
	'plan',
	'action',
	'businessObjective',
	'marketingObjective',
	'keyResult',
	'idea',
	'reviewItem',
	'budgetLine',
	'keyMoment',
	'period'
] as const;
export type CommentTargetType = (typeof COMMENT_TARGET_TYPES)[number];

const TARGET_COLLECTIONS: Record<Exclude<CommentTargetType, 'plan'>, PlanRootKey> = {
	action: 'actions',
	businessObjective: 'businessObjectives',
	marketingObjective: 'marketingObjectives',
	keyResult: 'keyResults',
	idea: 'ideas',
	reviewItem: 'reviewItems',
	budgetLine: 'budgetLines',
	keyMoment: 'keyMoments',
	period: 'periods'
};

export interface Reaction {
	emoji: string;
	participantIds: string[];
}

export interface Comment {
	id: string;
	authorId: string;
	/** Empty when deleted. */
	body: string;
	createdAt: number;
	editedAt: number | null;
	deleted: boolean;
	/** Sorted by emoji. */
	reactions: Reaction[];
}

export interface CommentThread {
	id: string;
	targetType: CommentTargetType;
	targetId: string;
	authorId: string;
	createdAt: number;
	resolved: boolean;
	comments: Comment[];
}

const bodySchema = z.string().trim().min(1, 'The comment is empty').max(10000);
const startInput = z.object({
	targetType: z.enum(COMMENT_TARGET_TYPES),
	targetId: idSchema,
	body: bodySchema,
	participantId: z.string().optional()
});
const replyInput = z.object({ threadId: idSchema, body: bodySchema, participantId: z.string().optional() });
const editInput = z.object({ id: idSchema, body: bodySchema });
const reactionInput = z.object({ id: idSchema, emoji: z.string().min(1).max(32) });

function addCommentRecord(doc: Y.Doc, threadId: string, authorId: string, body: string): string {
	const id = newId();
	const rec = createRecord(doc, 'comments', id, { threadId, authorId, body, createdAt: now() });
	rec.set('reactions', new Y.Map<true>());
	return id;
}

/** Opens a thread on a record with its first comment (CMT-1). */
export function startThread(
	doc: Y.Doc,
	props: z.input<typeof startInput>,
	origin: Origin
): { threadId: string; commentId: string } {
	const p = parse(startInput, props);
	const authorId = actorOf(origin, p.participantId);
	if (p.targetType !== 'plan') requireLive(doc, TARGET_COLLECTIONS[p.targetType], p.targetId, 'targetId');
	const threadId = newId();
	let commentId = '';
	doc.transact(() => {
		createRecord(doc, 'commentThreads', threadId, {
			targetType: p.targetType,
			targetId: p.targetId,
			authorId,
			createdAt: now(),
			resolved: false
		});
		commentId = addCommentRecord(doc, threadId, authorId, p.body);
	}, origin);
	return { threadId, commentId };
}

export function replyToThread(doc: Y.Doc, props: z.input<typeof replyInput>, origin: Origin): string {
	const p = parse(replyInput, props);
	const authorId = actorOf(origin, p.participantId);
	requireLive(doc, 'commentThreads', p.threadId, 'threadId');
	let id = '';
	doc.transact(() => {
		id = addCommentRecord(doc, p.threadId, authorId, p.body);
	}, origin);
	return id;
}

/** CMT-2: only the author edits, and only a comment that is not deleted. */
export function editComment(doc: Y.Doc, props: { id: string; body: string }, origin: Origin): void {
	const p = parse(editInput, props);
	const rec = requireLive(doc, 'comments', p.id, 'id');
	if (origin.kind !== 'user' || origin.participantId !== str(rec, 'authorId')) {
		throw new PlanError('forbidden', 'id', 'Only the author can edit this comment');
	}
	if (str(rec, 'body') === p.body) return;
	doc.transact(() => {
		rec.set('body', p.body);
		rec.set('editedAt', now());
	}, origin);
}

/** CMT-3: the author (or the server, for moderation) deletes; the comment becomes a tombstone. */
export function deleteComment(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	const { id } = parse(z.object({ id: idSchema }), props);
	const rec = requireLive(doc, 'comments', id, 'id');
	const isAuthor = origin.kind === 'user' && origin.participantId === str(rec, 'authorId');
	if (!isAuthor && origin.kind !== 'server') {
		throw new PlanError('forbidden', 'id', 'Only the author can delete this comment');
	}
	doc.transact(() => {
		rec.set('deleted', true);
		rec.set('body', '');
	}, origin);
}

/** Adds or removes the origin participant's reaction (CMT-4). */
export function toggleReaction(doc: Y.Doc, props: { id: string; emoji: string }, origin: Origin): void {
	const p = parse(reactionInput, props);
	const participant = actorOf(origin, undefined);
	const rec = requireLive(doc, 'comments', p.id, 'id');
	const reactions = rec.get('reactions');
	if (!(reactions instanceof Y.Map))
		throw new PlanError('not_found', 'id', 'This comment takes no reactions');
	const key = `${participant}:${p.emoji}`;
	doc.transact(() => {
		if (reactions.has(key)) reactions.delete(key);
		else reactions.set(key, true);
	}, origin);
}

/** CMT-5. */
export function setThreadResolved(
	doc: Y.Doc,
	props: { id: string; resolved: boolean },
	origin: Origin
): void {
	const p = parse(z.object({ id: idSchema, resolved: z.boolean() }), props);
	const rec = requireLive(doc, 'commentThreads', p.id, 'id');
	if (rec.get('resolved') === p.resolved) return;
	doc.transact(() => rec.set('resolved', p.resolved), origin);
}

function readReactions(value: unknown): Reaction[] {
	if (!(value instanceof Y.Map)) return [];
	const byEmoji = new Map<string, string[]>();
	for (const key of value.keys()) {
		const i = key.indexOf(':');
		if (i <= 0) continue;
		const emoji = key.slice(i + 1);
		byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), key.slice(0, i)]);
	}
	return [...byEmoji.entries()]
		.sort((a, b) => (a[0] < b[0] ? -1 : 1))
		.map(([emoji, ids]) => ({ emoji, participantIds: ids.sort() }));
}

function byCreated<T extends { createdAt: number; id: string }>(a: T, b: T): number {
	return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Threads (optionally of one target), oldest first, each with its comments oldest first. */
export function selectThreads(
	doc: Y.Doc,
	filter: { targetType?: CommentTargetType; targetId?: string } = {}
): CommentThread[] {
	const comments = new Map<string, Comment[]>();
	// Tombstoned comments are read too: liveEntries skips them, so iterate the raw collection.
	doc.getMap<Y.Map<unknown>>('comments').forEach((rec, id) => {
		if (!(rec instanceof Y.Map)) return;
		const threadId = str(rec, 'threadId');
		const deleted = bool(rec, 'deleted');
		const list = comments.get(threadId) ?? [];
		list.push({
			id,
			authorId: str(rec, 'authorId'),
			body: deleted ? '' : str(rec, 'body'),
			createdAt: num(rec, 'createdAt'),
			editedAt: numOrNull(rec, 'editedAt'),
			deleted,
			reactions: readReactions(rec.get('reactions'))
		});
		comments.set(threadId, list);
	});
	return liveEntries(doc, 'commentThreads')
		.map(([id, rec]) => ({
			id,
			targetType: oneOf(rec, 'targetType', COMMENT_TARGET_TYPES, 'plan'),
			targetId: str(rec, 'targetId'),
			authorId: str(rec, 'authorId'),
			createdAt: num(rec, 'createdAt'),
			resolved: bool(rec, 'resolved'),
			comments: (comments.get(id) ?? []).sort(byCreated)
		}))
		.filter(
			(t) =>
				(filter.targetType === undefined || t.targetType === filter.targetType) &&
				(filter.targetId === undefined || t.targetId === filter.targetId)
		)
		.sort(byCreated);
}
