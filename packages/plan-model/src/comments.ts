/**
 * Comment threads attached to any record of the plan.
 *
 *   commentThreads: Y.Map<ThreadId, Y.Map<'targetType' | 'targetId' | 'authorId' | 'createdAt' | 'resolved' |
 *                     `read:${participantId}`, value>>
 *   comments:       Y.Map<CommentId, Y.Map<'threadId' | 'authorId' | 'body' | 'mentions' | 'createdAt' |
 *                     'editedAt' | 'deleted', value> & { reactions: Y.Map<`${participantId}:${emoji}`, true> }>
 *
 * Comments live in one flat collection keyed by id (not in an array per thread) so concurrent replies never
 * conflict; a thread's comments are sorted by createdAt, then id. Deleting a comment is a tombstone
 * (CMT-3): the comment keeps its place in the conversation, shown as deleted, and its body is erased.
 * Reactions are per-participant entries (CMT-4). Threads are never deleted, only resolved (CMT-5).
 *
 * Mentions (CMT-6) are a plain id list written with the body (only the author writes either, so last writer
 * wins is right). The command receives `mentionIds` from the editor's mention picker, not parsed text: a
 * display name can change or be shared, an id cannot. Each id must be a person the plan knows: a member of
 * the team list, a participant who joined (people.ts) or already wrote in the plan (thread, comment or idea
 * author), or a role (`role:facilitator`, CMT-11). A mention reaches a participant when it names their id,
 * their role, or the team-list member of their name (CMT-11).
 *
 * Read markers (CMT-7) are per-participant entries `read:${participantId}` on the thread record, holding how
 * many comments by other people (tombstones included) the thread had when the participant read it. They are flat
 * keys rather than a nested `reads` map because threads written before markers existed have no such map,
 * and a nested type created lazily by two replicas at once keeps only one of them (see schema.ts). Comments
 * are never removed, so the count only grows; a marker is never lowered, so a stale device cannot un-read.
 */
import * as Y from 'yjs';
import * as v from 'valibot';
import { actorOf } from './actor.ts';
import { sameName } from './people.ts';
import { PlanError } from './errors.ts';
import type { Origin } from './origin.ts';
import {
	bool,
	createRecord,
	liveEntries,
	num,
	numOrNull,
	oneOf,
	requireLive,
	str,
	strings
} from './records.ts';
import { newId, now } from './runtime.ts';
import { collection, type PlanRootKey, type Rec } from './schema.ts';
import { idSchema, parse, participantIdSchema } from './validate.ts';

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
	'period',
	'persona',
	'watchEntry',
	'swotItem',
	'mixOrientation'
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
	period: 'periods',
	persona: 'personas',
	watchEntry: 'watchEntries',
	swotItem: 'swotItems',
	mixOrientation: 'mixOrientations'
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
	/** Ids of the people mentioned (members or participants), in the order written; empty when deleted. */
	mentions: string[];
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

const bodySchema = v.pipe(v.string(), v.trim(), v.minLength(1, 'The comment is empty'), v.maxLength(10000));
/** The roles a comment may mention as a whole (CMT-11), each as the id `role:<role>`. */
export const MENTION_ROLES = ['facilitator', 'editor', 'commenter'] as const;
export type MentionRole = (typeof MENTION_ROLES)[number];
const ROLE_MENTION_PREFIX = 'role:';

/** The mention id of a role (CMT-11). */
export function roleMentionId(role: MentionRole): string {
	return `${ROLE_MENTION_PREFIX}${role}`;
}

/** The role a mention id names, or null when it names a person. */
export function mentionedRole(id: string): MentionRole | null {
	if (!id.startsWith(ROLE_MENTION_PREFIX)) return null;
	const role = id.slice(ROLE_MENTION_PREFIX.length);
	return (MENTION_ROLES as readonly string[]).includes(role) ? (role as MentionRole) : null;
}

const mentionIdSchema = v.union([
	participantIdSchema,
	v.picklist(MENTION_ROLES.map((role) => roleMentionId(role)))
]);
const mentionsSchema = v.optional(v.pipe(v.array(mentionIdSchema), v.maxLength(50)));
const startInput = v.object({
	targetType: v.picklist(COMMENT_TARGET_TYPES),
	targetId: idSchema,
	body: bodySchema,
	mentionIds: mentionsSchema,
	participantId: v.optional(v.string())
});
const replyInput = v.object({
	threadId: idSchema,
	body: bodySchema,
	mentionIds: mentionsSchema,
	participantId: v.optional(v.string())
});
const editInput = v.object({ id: idSchema, body: bodySchema, mentionIds: mentionsSchema });
const reactionInput = v.object({ id: idSchema, emoji: v.pipe(v.string(), v.minLength(1), v.maxLength(32)) });
const readInput = v.object({ threadId: idSchema, participantId: v.optional(v.string()) });

export type StartThreadProps = v.InferInput<typeof startInput>;
export type ReplyToThreadProps = v.InferInput<typeof replyInput>;
export type EditCommentProps = v.InferInput<typeof editInput>;

/** The key of a participant's read marker on a thread record (CMT-7). */
export function readMarkerKey(participantId: string): string {
	return `read:${participantId}`;
}

/**
 * Who may be mentioned (CMT-6): team members, participants who joined (PPL-1) or already wrote in the
 * plan, and the roles (CMT-11).
 */
export function selectMentionableIds(doc: Y.Doc): Set<string> {
	const ids = new Set<string>();
	for (const [id] of liveEntries(doc, 'members')) ids.add(id);
	collection(doc, 'people').forEach((rec, id) => {
		if (rec instanceof Y.Map) ids.add(id);
	});
	for (const role of MENTION_ROLES) ids.add(roleMentionId(role));
	for (const key of ['commentThreads', 'comments', 'ideas'] as const) {
		collection(doc, key).forEach((rec) => {
			const author = rec instanceof Y.Map ? rec.get('authorId') : undefined;
			if (typeof author === 'string' && author !== '') ids.add(author);
		});
	}
	return ids;
}

/** CMT-6: unknown ids refuse with `not_found` on `mentionIds.<i>`; duplicates are dropped. */
function checkMentions(doc: Y.Doc, mentionIds: string[] | undefined, authorId: string): string[] {
	if (!mentionIds) return [];
	const known = selectMentionableIds(doc);
	known.add(authorId);
	mentionIds.forEach((id, i) => {
		if (!known.has(id)) {
			throw new PlanError(
				'not_found',
				`mentionIds.${i}`,
				`mentionIds.${i}: nobody in this plan has id "${id}"`
			);
		}
	});
	return [...new Set(mentionIds)];
}

/** Comments of the thread written by someone else than `participantId`, tombstones included. */
function othersComments(doc: Y.Doc, threadId: string, participantId: string): number {
	let n = 0;
	collection(doc, 'comments').forEach((rec) => {
		if (rec instanceof Y.Map && rec.get('threadId') === threadId && rec.get('authorId') !== participantId)
			n++;
	});
	return n;
}

/** Raises the participant's read marker to what the thread holds now; call inside a transaction. */
function writeReadMarker(doc: Y.Doc, thread: Rec, threadId: string, participantId: string): void {
	const count = othersComments(doc, threadId, participantId);
	const key = readMarkerKey(participantId);
	const stored = thread.get(key);
	if (typeof stored !== 'number' || stored < count) thread.set(key, count);
}

function addCommentRecord(
	doc: Y.Doc,
	threadId: string,
	authorId: string,
	body: string,
	mentions: string[]
): string {
	const id = newId();
	const rec = createRecord(doc, 'comments', id, { threadId, authorId, body, mentions, createdAt: now() });
	rec.set('reactions', new Y.Map<true>());
	return id;
}

/**
 * Opens a thread on a record with its first comment (CMT-1); the author has read their own thread (CMT-7).
 */
export function startThread(
	doc: Y.Doc,
	props: StartThreadProps,
	origin: Origin
): { threadId: string; commentId: string } {
	const p = parse(startInput, props);
	const authorId = actorOf(origin, p.participantId);
	if (p.targetType !== 'plan') requireLive(doc, TARGET_COLLECTIONS[p.targetType], p.targetId, 'targetId');
	const mentions = checkMentions(doc, p.mentionIds, authorId);
	const threadId = newId();
	let commentId = '';
	doc.transact(() => {
		const thread = createRecord(doc, 'commentThreads', threadId, {
			targetType: p.targetType,
			targetId: p.targetId,
			authorId,
			createdAt: now(),
			resolved: false
		});
		commentId = addCommentRecord(doc, threadId, authorId, p.body, mentions);
		writeReadMarker(doc, thread, threadId, authorId);
	}, origin);
	return { threadId, commentId };
}

/** Adds a comment to a thread; replying marks the thread read for its author (CMT-7). */
export function replyToThread(doc: Y.Doc, props: ReplyToThreadProps, origin: Origin): string {
	const p = parse(replyInput, props);
	const authorId = actorOf(origin, p.participantId);
	const thread = requireLive(doc, 'commentThreads', p.threadId, 'threadId');
	const mentions = checkMentions(doc, p.mentionIds, authorId);
	let id = '';
	doc.transact(() => {
		id = addCommentRecord(doc, p.threadId, authorId, p.body, mentions);
		writeReadMarker(doc, thread, p.threadId, authorId);
	}, origin);
	return id;
}

/**
 * CMT-2: only the author edits, and only a comment that is not deleted. `mentionIds`, when given, replaces
 * the mentions (CMT-6); when omitted they are kept.
 */
export function editComment(doc: Y.Doc, props: EditCommentProps, origin: Origin): void {
	const p = parse(editInput, props);
	const rec = requireLive(doc, 'comments', p.id, 'id');
	if (origin.kind !== 'user' || origin.participantId !== str(rec, 'authorId')) {
		throw new PlanError('forbidden', 'id', 'Only the author can edit this comment');
	}
	const mentions =
		p.mentionIds === undefined ? undefined : checkMentions(doc, p.mentionIds, origin.participantId);
	const mentionsChanged =
		mentions !== undefined && JSON.stringify(mentions) !== JSON.stringify(strings(rec, 'mentions'));
	if (str(rec, 'body') === p.body && !mentionsChanged) return;
	doc.transact(() => {
		if (str(rec, 'body') !== p.body) rec.set('body', p.body);
		if (mentionsChanged) rec.set('mentions', mentions ?? []);
		rec.set('editedAt', now());
	}, origin);
}

/** CMT-3: the author (or the server, for moderation) deletes; the comment becomes a tombstone. */
export function deleteComment(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	const { id } = parse(v.object({ id: idSchema }), props);
	const rec = requireLive(doc, 'comments', id, 'id');
	const isAuthor = origin.kind === 'user' && origin.participantId === str(rec, 'authorId');
	if (!isAuthor && origin.kind !== 'server') {
		throw new PlanError('forbidden', 'id', 'Only the author can delete this comment');
	}
	doc.transact(() => {
		rec.set('deleted', true);
		rec.set('body', '');
		if (strings(rec, 'mentions').length > 0) rec.set('mentions', []);
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
	const p = parse(v.object({ id: idSchema, resolved: v.boolean() }), props);
	const rec = requireLive(doc, 'commentThreads', p.id, 'id');
	if (rec.get('resolved') === p.resolved) return;
	doc.transact(() => rec.set('resolved', p.resolved), origin);
}

/**
 * CMT-7: records that the origin's participant (or, for the server, `participantId`) has read every comment
 * the thread holds on this replica. Writes nothing when the marker is already there.
 */
export function markThreadRead(
	doc: Y.Doc,
	props: { threadId: string; participantId?: string },
	origin: Origin
): void {
	const p = parse(readInput, props);
	const participant = actorOf(origin, p.participantId);
	const thread = requireLive(doc, 'commentThreads', p.threadId, 'threadId');
	const stored = thread.get(readMarkerKey(participant));
	if (typeof stored === 'number' && stored >= othersComments(doc, p.threadId, participant)) return;
	doc.transact(() => writeReadMarker(doc, thread, p.threadId, participant), origin);
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
			mentions: deleted ? [] : strings(rec, 'mentions'),
			// CMT-10: a deleted comment shows no reactions, also those that raced its deletion.
			reactions: deleted ? [] : readReactions(rec.get('reactions'))
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

/** Every thread still open (CMT-5), across the plan, oldest first. */
export function selectOpenThreads(doc: Y.Doc): CommentThread[] {
	return selectThreads(doc).filter((t) => !t.resolved);
}

export interface UnreadTarget {
	targetType: CommentTargetType;
	targetId: string;
	/** Comments by others, not deleted, that the participant has not read yet. */
	unread: number;
	/** Threads of this target holding at least one of them. */
	threadIds: string[];
}

/** Options of {@link selectUnread} and {@link selectInbox}. */
export interface UnreadOptions {
	/**
	 * When the participant joined (epoch ms; CMT-10): in threads they neither took part in nor were
	 * mentioned in, only comments written since count. Absent: every thread counts (CMT-7).
	 */
	since?: number;
	/** The participant's role: a mention of it reaches them (CMT-11). */
	role?: string;
}

/**
 * CMT-11: the mention ids that reach `participantId`: their own, their role's (when `role` is given) and
 * those of the team-list members bearing the name they joined with (PPL-1).
 */
export function selectMentionIdsOf(doc: Y.Doc, participantId: string, role?: string): Set<string> {
	const ids = new Set([participantId]);
	if (role !== undefined && (MENTION_ROLES as readonly string[]).includes(role))
		ids.add(roleMentionId(role as MentionRole));
	const person = collection(doc, 'people').get(participantId);
	const name = person instanceof Y.Map ? str(person, 'name') : '';
	if (name !== '') {
		for (const [id, rec] of liveEntries(doc, 'members')) if (sameName(str(rec, 'name'), name)) ids.add(id);
	}
	return ids;
}

function mentionsAny(comment: Comment, ids: ReadonlySet<string>): boolean {
	return comment.mentions.some((id) => ids.has(id));
}

/** Did `participantId` open the thread, write in it, or get mentioned in it (CMT-10)? */
function involves(thread: CommentThread, participantId: string, selfIds: ReadonlySet<string>): boolean {
	return (
		thread.authorId === participantId ||
		thread.comments.some((c) => c.authorId === participantId || mentionsAny(c, selfIds))
	);
}

/**
 * CMT-7: what `participantId` has not read, per commented record (only records with unread comments), sorted
 * by target type then id. In each thread, other people's comments past the participant's marker (in display
 * order) are unread unless deleted. Resolved threads count too: a closing remark is still news. A comment
 * written offline with an older clock lands before newer ones: the count stays right, only which comment
 * is the first unread may shift by one. CMT-10: with `since`, a thread the participant is not involved in
 * counts only its comments written since then.
 */
export function selectUnread(doc: Y.Doc, participantId: string, options: UnreadOptions = {}): UnreadTarget[] {
	const markers = readMarkers(doc, participantId);
	const selfIds = selectMentionIdsOf(doc, participantId, options.role);
	const byTarget = new Map<string, UnreadTarget>();
	for (const thread of selectThreads(doc)) {
		const involved = options.since === undefined || involves(thread, participantId, selfIds);
		const unread = thread.comments
			.filter((c) => c.authorId !== participantId)
			.slice(markers.get(thread.id) ?? 0)
			.filter((c) => !c.deleted && (involved || c.createdAt >= options.since!)).length;
		if (unread === 0) continue;
		const key = `${thread.targetType}|${thread.targetId}`;
		const entry = byTarget.get(key) ?? {
			targetType: thread.targetType,
			targetId: thread.targetId,
			unread: 0,
			threadIds: []
		};
		entry.unread += unread;
		entry.threadIds.push(thread.id);
		byTarget.set(key, entry);
	}
	return [...byTarget.values()].sort((a, b) =>
		a.targetType !== b.targetType
			? a.targetType < b.targetType
				? -1
				: 1
			: a.targetId < b.targetId
				? -1
				: a.targetId > b.targetId
					? 1
					: 0
	);
}

function readMarkers(doc: Y.Doc, participantId: string): Map<string, number> {
	const markers = new Map<string, number>();
	collection(doc, 'commentThreads').forEach((rec, id) => {
		const v = rec instanceof Y.Map ? rec.get(readMarkerKey(participantId)) : undefined;
		if (typeof v === 'number' && Number.isFinite(v)) markers.set(id, v);
	});
	return markers;
}

export interface InboxEntry {
	commentId: string;
	threadId: string;
	targetType: CommentTargetType;
	targetId: string;
	authorId: string;
	body: string;
	createdAt: number;
	/**
	 * `mention`: the comment names the participant, their role or their team-list entry (CMT-11); `reply`:
	 * it answers a thread they opened or wrote in.
	 */
	kind: 'mention' | 'reply';
	/** Past the participant's read marker of the thread (CMT-7). */
	unread: boolean;
}

/**
 * CMT-10: the participant's inbox, newest first: others' live comments that mention them (CMT-11), and others'
 * live comments written after the participant opened or wrote in that thread. With `since`, a reply
 * older than it is left out unless it mentions them.
 */
export function selectInbox(doc: Y.Doc, participantId: string, options: UnreadOptions = {}): InboxEntry[] {
	const markers = readMarkers(doc, participantId);
	const selfIds = selectMentionIdsOf(doc, participantId, options.role);
	const entries: InboxEntry[] = [];
	for (const thread of selectThreads(doc)) {
		let joinedThread = thread.authorId === participantId ? thread.createdAt : Infinity;
		let othersSeen = 0;
		const read = markers.get(thread.id) ?? 0;
		for (const c of thread.comments) {
			if (c.authorId === participantId) {
				joinedThread = Math.min(joinedThread, c.createdAt);
				continue;
			}
			const index = othersSeen++;
			if (c.deleted) continue;
			const mention = mentionsAny(c, selfIds);
			const reply =
				c.createdAt >= joinedThread && (options.since === undefined || c.createdAt >= options.since);
			if (!mention && !reply) continue;
			entries.push({
				commentId: c.id,
				threadId: thread.id,
				targetType: thread.targetType,
				targetId: thread.targetId,
				authorId: c.authorId,
				body: c.body,
				createdAt: c.createdAt,
				kind: mention ? 'mention' : 'reply',
				unread: index >= read
			});
		}
	}
	return entries.sort((a, b) => b.createdAt - a.createdAt || (a.commentId < b.commentId ? 1 : -1));
}
