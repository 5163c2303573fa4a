import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAction } from './actions.ts';
import {
	deleteComment,
	editComment,
	replyToThread,
	selectThreads,
	setThreadResolved,
	startThread,
	toggleReaction
} from './comments.ts';
import { serverOrigin, userOrigin } from './origin.ts';
import { setRuntime } from './runtime.ts';
import { collection } from './schema.ts';
import { alice, bob, expectRefused, newPlan, pair } from './test-utils.ts';

describe('comments', () => {
	// Comments sort by creation time; a ticking clock keeps two comments of one test in distinct milliseconds.
	let restore: () => void = () => {};
	beforeEach(() => {
		let clock = Date.UTC(2027, 0, 1);
		restore = setRuntime({ now: () => (clock += 1000) });
	});
	afterEach(() => restore());

	it('CMT-1 a thread opens on an existing record with a non-empty comment by the origin participant', () => {
		const doc = newPlan();
		const action = addAction(doc, { name: 'Salon' }, alice);
		expectRefused(
			doc,
			() => startThread(doc, { targetType: 'action', targetId: 'ghost', body: 'Hello' }, bob),
			'not_found',
			'targetId'
		);
		expectRefused(
			doc,
			() => startThread(doc, { targetType: 'action', targetId: action, body: '  ' }, bob),
			'invalid_input',
			'body'
		);
		const { threadId, commentId } = startThread(
			doc,
			{ targetType: 'action', targetId: action, body: 'Budget ?' },
			bob
		);
		const reply = replyToThread(doc, { threadId, body: 'Validé' }, alice);
		startThread(doc, { targetType: 'plan', targetId: 'plan', body: 'Général' }, alice);
		const threads = selectThreads(doc, { targetType: 'action', targetId: action });
		expect(threads).toHaveLength(1);
		expect(threads[0]).toMatchObject({ id: threadId, authorId: 'bob', resolved: false });
		expect(threads[0]?.comments.map((c) => [c.id, c.authorId, c.body])).toEqual([
			[commentId, 'bob', 'Budget ?'],
			[reply, 'alice', 'Validé']
		]);
		expect(selectThreads(doc)).toHaveLength(2);
	});

	it('CMT-2 only the author edits a comment, and the edit time is recorded', () => {
		const doc = newPlan();
		const { commentId } = startThread(
			doc,
			{ targetType: 'plan', targetId: 'plan', body: 'Premier jet' },
			bob
		);
		expectRefused(doc, () => editComment(doc, { id: commentId, body: 'Piraté' }, alice), 'forbidden', 'id');
		expectRefused(
			doc,
			() => editComment(doc, { id: commentId, body: 'Piraté' }, serverOrigin()),
			'forbidden'
		);
		editComment(doc, { id: commentId, body: 'Version finale' }, bob);
		const [comment] = selectThreads(doc)[0]?.comments ?? [];
		expect(comment).toMatchObject({ body: 'Version finale' });
		expect(comment?.editedAt).toBeGreaterThanOrEqual(comment?.createdAt ?? Infinity);
	});

	it('CMT-3 the author or the server deletes: the comment stays as deleted with its body erased', () => {
		const doc = newPlan();
		const { threadId, commentId } = startThread(
			doc,
			{ targetType: 'plan', targetId: 'plan', body: 'Secret' },
			bob
		);
		const second = replyToThread(doc, { threadId, body: 'Réponse' }, alice);
		expectRefused(doc, () => deleteComment(doc, { id: commentId }, alice), 'forbidden');
		deleteComment(doc, { id: commentId }, bob);
		deleteComment(doc, { id: second }, serverOrigin());
		const comments = selectThreads(doc)[0]?.comments ?? [];
		expect(comments.map((c) => [c.deleted, c.body])).toEqual([
			[true, ''],
			[true, '']
		]);
		expect(collection(doc, 'comments').get(commentId)?.get('body')).toBe('');
		expectRefused(doc, () => editComment(doc, { id: commentId, body: 'Retour' }, bob), 'not_found');
	});

	it('CMT-4 CONV-1 reactions are per participant; concurrent reactions all survive; toggling removes one', () => {
		const { a, b, sync } = pair();
		const { commentId } = startThread(a, { targetType: 'plan', targetId: 'plan', body: 'Go ?' }, alice);
		sync();
		toggleReaction(a, { id: commentId, emoji: '👍' }, alice);
		toggleReaction(b, { id: commentId, emoji: '👍' }, bob);
		toggleReaction(b, { id: commentId, emoji: '🎉' }, userOrigin('carol'));
		sync();
		const reactions = selectThreads(a)[0]?.comments[0]?.reactions;
		expect(reactions).toEqual(
			[
				{ emoji: '🎉', participantIds: ['carol'] },
				{ emoji: '👍', participantIds: ['alice', 'bob'] }
			].sort((x, y) => (x.emoji < y.emoji ? -1 : 1))
		);
		expect(selectThreads(b)).toEqual(selectThreads(a));
		toggleReaction(a, { id: commentId, emoji: '👍' }, alice);
		expect(selectThreads(a)[0]?.comments[0]?.reactions.find((r) => r.emoji === '👍')?.participantIds).toEqual(
			['bob']
		);
	});

	it('CMT-5 threads are resolved and reopened, never deleted', () => {
		const doc = newPlan();
		const { threadId } = startThread(doc, { targetType: 'plan', targetId: 'plan', body: 'À trancher' }, bob);
		setThreadResolved(doc, { id: threadId, resolved: true }, alice);
		expect(selectThreads(doc)[0]?.resolved).toBe(true);
		setThreadResolved(doc, { id: threadId, resolved: false }, alice);
		expect(selectThreads(doc)[0]?.resolved).toBe(false);
		expectRefused(doc, () => setThreadResolved(doc, { id: 'ghost', resolved: true }, alice), 'not_found');
	});
});
