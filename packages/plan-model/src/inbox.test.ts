import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAction } from './actions.ts';
import { markThreadRead, replyToThread, selectInbox, selectUnread, startThread } from './comments.ts';
import { userOrigin } from './origin.ts';
import { setRuntime } from './runtime.ts';
import { alice, bob, newPlan } from './test-utils.ts';

const carol = userOrigin('carol');

describe('CMT-10 a newcomer is not handed old threads as unread; the inbox lists mentions and replies', () => {
	let clock = 0;
	let restore: () => void = () => {};
	beforeEach(() => {
		clock = Date.UTC(2027, 0, 1);
		restore = setRuntime({ now: () => (clock += 1000) });
	});
	afterEach(() => restore());

	it('counts, for a newcomer, only threads they take part in or are mentioned in, plus what came after they joined', () => {
		const doc = newPlan();
		const action = addAction(doc, { name: 'Salon' }, alice);
		// Before Carol joins: one thread between Alice and Bob, one mentioning Carol (she is a known author).
		const old = startThread(doc, { targetType: 'action', targetId: action, body: 'Budget ?' }, alice);
		replyToThread(doc, { threadId: old.threadId, body: '10 k€' }, bob);
		startThread(doc, { targetType: 'plan', targetId: 'plan', body: 'Mon idée' }, carol);
		const forCarol = startThread(
			doc,
			{ targetType: 'action', targetId: action, body: 'Carol, tu valides ?', mentionIds: ['carol'] },
			bob
		);
		const joinedAt = clock + 1;
		// Without a join time every thread counts (CMT-7); with it, only hers and the mention.
		expect(selectUnread(doc, 'carol').reduce((n, u) => n + u.unread, 0)).toBe(3);
		expect(selectUnread(doc, 'carol', { since: joinedAt })).toEqual([
			{ targetType: 'action', targetId: action, unread: 1, threadIds: [forCarol.threadId] }
		]);
		// New activity after she joined counts, in any thread.
		replyToThread(doc, { threadId: old.threadId, body: 'Validé en CODIR' }, alice);
		expect(selectUnread(doc, 'carol', { since: joinedAt })).toEqual([
			{ targetType: 'action', targetId: action, unread: 2, threadIds: [old.threadId, forCarol.threadId] }
		]);
		markThreadRead(doc, { threadId: old.threadId }, carol);
		expect(selectUnread(doc, 'carol', { since: joinedAt })[0]?.unread).toBe(1);
	});

	it('lists the mentions of a person and the replies to threads they took part in, newest first, with what is unread', () => {
		const doc = newPlan();
		const action = addAction(doc, { name: 'Salon' }, alice);
		const mine = startThread(doc, { targetType: 'action', targetId: action, body: 'Qui porte ?' }, carol);
		const reply = replyToThread(doc, { threadId: mine.threadId, body: 'Moi' }, bob);
		const other = startThread(doc, { targetType: 'plan', targetId: 'plan', body: 'Sans Carol' }, alice);
		replyToThread(doc, { threadId: other.threadId, body: 'Toujours sans' }, bob);
		const mention = startThread(
			doc,
			{ targetType: 'plan', targetId: 'plan', body: 'Carol, un avis ?', mentionIds: ['carol'] },
			alice
		);
		// Her own comments are never in her inbox.
		expect(selectInbox(doc, 'carol')).toEqual([
			expect.objectContaining({
				commentId: mention.commentId,
				threadId: mention.threadId,
				kind: 'mention',
				authorId: 'alice',
				targetType: 'plan',
				body: 'Carol, un avis ?',
				unread: true
			}),
			expect.objectContaining({
				commentId: reply,
				threadId: mine.threadId,
				kind: 'reply',
				authorId: 'bob',
				targetType: 'action',
				targetId: action,
				unread: true
			})
		]);
		markThreadRead(doc, { threadId: mine.threadId }, carol);
		expect(selectInbox(doc, 'carol').map((e) => [e.kind, e.unread])).toEqual([
			['mention', true],
			['reply', false]
		]);
		expect(selectInbox(doc, 'alice').map((e) => e.kind)).toEqual(['reply']);
	});
});
