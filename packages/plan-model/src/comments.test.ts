import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAction } from './actions.ts';
import {
	deleteComment,
	editComment,
	markThreadRead,
	replyToThread,
	selectOpenThreads,
	selectThreads,
	selectUnread,
	setThreadResolved,
	startThread,
	toggleReaction
} from './comments.ts';
import { addListItem } from './lists.ts';
import { serverOrigin, userOrigin } from './origin.ts';
import { createPeers } from './testing/index.ts';
import { checkPlanInvariants } from './testing/invariants.ts';
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

	it('CMT-6 mentions are ids of members or known participants, kept with the body and erased on delete', () => {
		const doc = newPlan();
		const lea = addListItem(doc, 'members', { name: 'Léa' }, alice);
		expectRefused(
			doc,
			() =>
				startThread(
					doc,
					{ targetType: 'plan', targetId: 'plan', body: '@Ghost ?', mentionIds: [lea, 'ghost'] },
					bob
				),
			'not_found',
			'mentionIds.1'
		);
		expectRefused(
			doc,
			() => startThread(doc, { targetType: 'plan', targetId: 'plan', body: 'x', mentionIds: ['a:b'] }, bob),
			'invalid_input',
			'mentionIds.0'
		);
		const { threadId, commentId } = startThread(
			doc,
			{ targetType: 'plan', targetId: 'plan', body: '@Léa tu valides ?', mentionIds: [lea, lea] },
			bob
		);
		// bob has now written in the plan, so alice may mention him.
		const reply = replyToThread(doc, { threadId, body: '@Bob oui', mentionIds: ['bob'] }, alice);
		const comments = () => selectThreads(doc)[0]?.comments ?? [];
		expect(comments().map((c) => c.mentions)).toEqual([[lea], ['bob']]);
		editComment(doc, { id: commentId, body: '@Léa tu valides ?', mentionIds: [] }, bob);
		expect(comments()[0]?.mentions).toEqual([]);
		editComment(doc, { id: commentId, body: '@Léa @Alice ?' }, bob);
		expect(comments()[0]?.mentions).toEqual([]);
		deleteComment(doc, { id: reply }, alice);
		expect(comments()[1]).toMatchObject({ deleted: true, body: '', mentions: [] });
	});

	it("CMT-7 read markers are per participant; unread counts others' live comments past the marker, per target", () => {
		const doc = newPlan();
		const action = addAction(doc, { name: 'Salon' }, alice);
		const t1 = startThread(doc, { targetType: 'action', targetId: action, body: 'Budget ?' }, bob);
		const t2 = startThread(doc, { targetType: 'action', targetId: action, body: 'Date ?' }, bob);
		const t3 = startThread(doc, { targetType: 'plan', targetId: 'plan', body: 'Mon fil' }, alice);
		expect(selectUnread(doc, 'bob')).toEqual([
			{ targetType: 'plan', targetId: 'plan', unread: 1, threadIds: [t3.threadId] }
		]);
		expect(selectUnread(doc, 'alice')).toEqual([
			{ targetType: 'action', targetId: action, unread: 2, threadIds: [t1.threadId, t2.threadId] }
		]);
		markThreadRead(doc, { threadId: t1.threadId }, alice);
		expect(selectUnread(doc, 'alice')[0]).toMatchObject({ unread: 1, threadIds: [t2.threadId] });
		// Replying marks the thread read for the author; the others see one more unread comment.
		replyToThread(doc, { threadId: t2.threadId, body: 'Mars' }, alice);
		expect(selectUnread(doc, 'alice')).toEqual([]);
		const late = replyToThread(doc, { threadId: t3.threadId, body: 'Vu' }, bob);
		replyToThread(doc, { threadId: t3.threadId, body: 'Et ?' }, userOrigin('carol'));
		expect(selectUnread(doc, 'alice')).toEqual([
			{ targetType: 'plan', targetId: 'plan', unread: 2, threadIds: [t3.threadId] }
		]);
		deleteComment(doc, { id: late }, bob);
		expect(selectUnread(doc, 'alice')[0]?.unread).toBe(1);
		// Marking twice writes nothing; nobody marks for someone else; the server may.
		markThreadRead(doc, { threadId: t3.threadId }, alice);
		let writes = 0;
		doc.on('update', () => writes++);
		markThreadRead(doc, { threadId: t3.threadId }, alice);
		expect(writes).toBe(0);
		expectRefused(
			doc,
			() => markThreadRead(doc, { threadId: t3.threadId, participantId: 'carol' }, alice),
			'forbidden',
			'participantId'
		);
		expectRefused(doc, () => markThreadRead(doc, { threadId: 'ghost' }, alice), 'not_found', 'threadId');
		markThreadRead(doc, { threadId: t1.threadId, participantId: 'carol' }, serverOrigin());
		// carol read t3 when she replied to it.
		expect(selectUnread(doc, 'carol').map((u) => u.threadIds)).toEqual([[t2.threadId]]);
	});

	it('CMT-5 open threads across the plan exclude resolved ones', () => {
		const doc = newPlan();
		const action = addAction(doc, { name: 'Salon' }, alice);
		const a = startThread(doc, { targetType: 'action', targetId: action, body: 'Budget ?' }, bob);
		const b = startThread(doc, { targetType: 'plan', targetId: 'plan', body: 'Calendrier ?' }, bob);
		setThreadResolved(doc, { id: a.threadId, resolved: true }, alice);
		expect(selectOpenThreads(doc).map((t) => t.id)).toEqual([b.threadId]);
	});

	it('CMT-7 CONV-1 comments and read marks written offline merge on reconnect', () => {
		const net = createPeers({ peers: 2, seed: 7 });
		try {
			const [p1, p2] = net.peers as [(typeof net.peers)[0], (typeof net.peers)[0]];
			const { threadId } = startThread(
				p1.doc,
				{ targetType: 'plan', targetId: 'plan', body: 'On lance ?' },
				p1.origin
			);
			net.flushAll();
			net.disconnect(1);
			// p2 answers and reacts while offline; p1 keeps the conversation going meanwhile.
			const offline = replyToThread(p2.doc, { threadId, body: 'Oui, en mars' }, p2.origin);
			toggleReaction(p2.doc, { id: offline, emoji: '👍' }, p2.origin);
			replyToThread(p1.doc, { threadId, body: 'Qui pilote ?' }, p1.origin);
			net.flushAll();
			expect(selectThreads(p1.doc)[0]?.comments).toHaveLength(2);
			net.reconnect(1);
			net.compare();
			const thread = selectThreads(p1.doc)[0];
			expect(thread?.comments.map((c) => c.authorId).sort()).toEqual(['p1', 'p1', 'p2']);
			expect(thread?.comments.find((c) => c.id === offline)?.reactions).toEqual([
				{ emoji: '👍', participantIds: ['p2'] }
			]);
			expect(selectUnread(p1.doc, 'p1')[0]?.unread).toBe(1);
			markThreadRead(p1.doc, { threadId }, p1.origin);
			net.compare();
			expect(selectUnread(p2.doc, 'p1')).toEqual([]);
			expect(selectUnread(p2.doc, 'p2')[0]?.unread).toBe(1);
			expect(checkPlanInvariants(p2.doc)).toEqual([]);
		} finally {
			net.destroy();
		}
	});
});
