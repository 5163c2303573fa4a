/**
 * Commenter authority (CMT-8, CMT-9): a participant who may comment but not edit the plan (the commenter
 * role) gets a writable connection on the plan document, and this extension lets through only updates
 * that change comment structures the way the plan model's comment commands would, as that participant:
 *
 * - `commentThreads`: open a thread they author (fields of a new thread only), resolve or reopen a thread
 *   they opened (editors and facilitators resolve any), and write their own read marker `read:<self>`;
 * - `comments`: add a comment they author to an existing thread, edit, re-mention or delete (tombstone)
 *   their own live comment, and toggle their own reactions `<self>:<emoji>` on any live comment.
 * Anything else (another root map, another participant's comment or marker, removing a record, nested
 * types the model never writes) refuses the whole update.
 *
 * How: Hocuspocus awaits `beforeSync` before it applies a sync message (MessageReceiver.readSyncMessage),
 * and runs extension hooks by descending priority. At 300 this hook runs after limits (1000) decoded the
 * message and before persistence (200) stores it. It applies the update to a scratch copy of the document
 * and reads the transaction's `changed` map (each pre-existing type with the keys that changed; new nested
 * types show as the key of their parent, so new records are checked whole). A refusal throws: Hocuspocus
 * then neither applies, stores, acknowledges nor broadcasts the update, and closes that document
 * connection with reason `comment-only`, which the provider reports through its `close` event. The
 * connection is closed rather than the update silently dropped because the refused change stays in the
 * commenter's document: every later update of theirs depends on it, so the UI must say so and reload.
 * The provider does not reconnect a document on its own after such a close, so there is no retry loop.
 *
 * Cost: one encode of the live document per commenter update that carries changes, which is small for a
 * plan; editors and facilitators are not checked at all.
 */
import type { beforeSyncPayload, Extension } from '@hocuspocus/server';
import { COMMENT_TARGET_TYPES, readMarkerKey } from '@cap/plan-model';
import { can, CLOSE_CODES, CLOSE_REASONS } from '@cap/protocol';
import * as Y from 'yjs';
import { refusal, type CapContext } from '../context.ts';
import type { Logger } from '../log.ts';
import { inspectUpdate, pathOf } from './scratch-diff.ts';

/** y-protocols sync message types that carry a document update. */
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

const THREAD_FIELDS = new Set(['targetType', 'targetId', 'authorId', 'createdAt', 'resolved']);
/** A comment written, then edited or deleted offline, arrives as one new record holding all of it. */
const COMMENT_FIELDS = new Set([
	'threadId',
	'authorId',
	'body',
	'mentions',
	'createdAt',
	'reactions',
	'editedAt',
	'deleted'
]);
const OWN_COMMENT_EDITS = new Set(['body', 'mentions', 'editedAt', 'deleted']);

type Rec = Y.Map<unknown>;

function recordOf(doc: Y.Doc, key: 'commentThreads' | 'comments', id: string): Rec | undefined {
	const value = doc.getMap<unknown>(key).get(id);
	return value instanceof Y.Map ? (value as Rec) : undefined;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isStringList = (v: unknown) => Array.isArray(v) && v.every(isString);

function checkNewThread(thread: Rec | undefined, self: string): string | null {
	if (!thread) return 'a thread must be a record';
	for (const key of thread.keys()) {
		if (!THREAD_FIELDS.has(key) && key !== readMarkerKey(self)) return `a new thread may not set ${key}`;
	}
	const marker = thread.get(readMarkerKey(self));
	if (marker !== undefined && !isCount(marker)) return 'a read marker is a count';
	if (thread.get('authorId') !== self) return 'a new thread must be authored by its sender';
	if (!(COMMENT_TARGET_TYPES as readonly unknown[]).includes(thread.get('targetType')))
		return 'bad target type';
	if (!isString(thread.get('targetId')) || typeof thread.get('createdAt') !== 'number') return 'bad thread';
	const resolved = thread.get('resolved');
	if (resolved !== undefined && typeof resolved !== 'boolean') return 'resolved is a boolean';
	return null;
}

function checkNewComment(after: Y.Doc, comment: Rec | undefined, self: string): string | null {
	if (!comment) return 'a comment must be a record';
	for (const key of comment.keys()) if (!COMMENT_FIELDS.has(key)) return `a new comment may not set ${key}`;
	if (comment.get('authorId') !== self) return 'a new comment must be authored by its sender';
	const threadId = comment.get('threadId');
	if (!isString(threadId) || !recordOf(after, 'commentThreads', threadId)) return 'unknown thread';
	if (!isString(comment.get('body')) || typeof comment.get('createdAt') !== 'number') return 'bad comment';
	const mentions = comment.get('mentions');
	if (mentions !== undefined && !isStringList(mentions)) return 'mentions are a list of ids';
	const edited = comment.get('editedAt');
	if (edited !== undefined && typeof edited !== 'number') return 'bad edit time';
	if (comment.get('deleted') !== undefined && comment.get('deleted') !== true) return 'deleted is true';
	const reactions = comment.get('reactions');
	if (reactions !== undefined) {
		if (!(reactions instanceof Y.Map)) return 'reactions are a map';
		for (const [key, value] of reactions.entries()) {
			if (!key.startsWith(`${self}:`) || value !== true) return 'only your own reactions';
		}
	}
	return null;
}

/** Why this change of `path` is not the commenter's to make, or null when it is. */
function checkChange(before: Y.Doc, after: Y.Doc, path: string[], self: string): string | null {
	const [root, id, field, sub] = path;
	if (root === 'commentThreads' && id !== undefined) {
		const old = recordOf(before, 'commentThreads', id);
		if (path.length === 2) {
			if (before.getMap('commentThreads').has(id)) return 'threads are never replaced or removed';
			return checkNewThread(recordOf(after, 'commentThreads', id), self);
		}
		if (path.length !== 3 || !old || field === undefined) return 'not a thread field';
		const value = recordOf(after, 'commentThreads', id)?.get(field);
		if (field === readMarkerKey(self)) return isCount(value) ? null : 'a read marker is a count';
		if (field === 'resolved') {
			if (old.get('authorId') !== self) return 'only the thread author resolves it';
			return typeof value === 'boolean' ? null : 'resolved is a boolean';
		}
		return `may not change thread field ${field}`;
	}
	if (root === 'comments' && id !== undefined) {
		const old = recordOf(before, 'comments', id);
		if (path.length === 2) {
			if (before.getMap('comments').has(id)) return 'comments are never replaced or removed';
			return checkNewComment(after, recordOf(after, 'comments', id), self);
		}
		if (!old || old.get('deleted') === true) return 'not a live comment';
		const now = recordOf(after, 'comments', id);
		if (path.length === 4 && field === 'reactions' && sub !== undefined) {
			if (!sub.startsWith(`${self}:`)) return 'only your own reactions';
			const reactions = now?.get('reactions');
			const next = reactions instanceof Y.Map ? reactions.get(sub) : undefined;
			// Absent: removed (toggled off, possibly after being toggled on in the same offline batch).
			return next === true || next === undefined ? null : 'a reaction is true';
		}
		if (path.length !== 3 || field === undefined || !OWN_COMMENT_EDITS.has(field)) {
			return `may not change comment field ${field ?? ''}`;
		}
		if (old.get('authorId') !== self) return 'only the author changes a comment';
		const value = now?.get(field);
		const ok =
			field === 'body'
				? isString(value)
				: field === 'mentions'
					? isStringList(value)
					: field === 'editedAt'
						? typeof value === 'number'
						: value === true;
		return ok ? null : `bad value for ${field}`;
	}
	return `may not change ${path.join('.')}`;
}

/**
 * Why `update` is not a change the commenter `self` may make to `live`, or null when it is. `live` is not
 * modified.
 */
export function commenterViolation(live: Y.Doc, update: Uint8Array, self: string): string | null {
	return inspectUpdate(live, update, (scratch, changes) => {
		for (const [type, keys] of changes) {
			const path = pathOf(type, scratch);
			if (path === null) return 'a change inside a sequence';
			for (const key of keys) {
				if (key === null) return `a sequence change in ${path.join('.')}`;
				const reason = checkChange(live, scratch, [...path, key], self);
				if (reason) return reason;
			}
		}
		return null;
	});
}

export function commentsExtension(log: Logger): Extension {
	return {
		extensionName: 'cap-comments',
		// After limits (1000) checked the message decodes, before persistence (200) stores it.
		priority: 300,
		async beforeSync({ type, payload, context, document, documentName }: beforeSyncPayload) {
			if (type !== SYNC_STEP_2 && type !== SYNC_UPDATE) return;
			const ctx = context as CapContext;
			if (ctx.documentKind !== 'plan' || can(ctx.role, 'editPlan') || !can(ctx.role, 'comment')) return;
			// `[0, 0]`: a provider with nothing new still answers SyncStep1 with an empty update.
			if (payload.length <= 2 && payload.every((byte) => byte === 0)) return;
			const reason = commenterViolation(document, payload, ctx.participantId);
			if (reason === null) return;
			log.warn('refusing a commenter update', {
				doc: documentName,
				participant: ctx.participantId,
				reason
			});
			throw refusal(CLOSE_REASONS.commentOnly, CLOSE_CODES.forbidden);
		}
	};
}
