/** Real server, several providers: what a commenter may write in the plan document (CMT-8, CMT-9). */
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_REASONS } from '@cap/protocol';
import {
	editComment,
	markThreadRead,
	planUpdateViolation,
	replyToThread,
	selectSettings,
	selectThreads,
	setThreadResolved,
	startThread,
	toggleReaction
} from '@cap/plan-model';
import * as Y from 'yjs';
import { acknowledged, connectAs, createPlan, Harness, storedDoc, waitFor } from './helpers.ts';

const h = new Harness();

/** Why the guard refuses a commenter's update (plan-model's write table, as the server applies it). */
const commenterViolation = (live: Y.Doc, update: Uint8Array, self: string) =>
	planUpdateViolation(live, update, { role: 'commenter', participantId: self })?.message ?? null;
afterEach(() => h.cleanup());

async function setup() {
	const app = await h.start();
	const plan = await createPlan(app.url, 'Plan Ouest 2027');
	const editor = await connectAs(h, app, plan, 'editor', 'Ana');
	const commenter = await connectAs(h, app, plan, 'commenter', 'Léa');
	return { app, plan, editor, commenter };
}

describe('commenter authority', () => {
	it('CMT-8 a commenter’s thread, reply, own edit, reaction, read mark and resolve reach the editor and are stored', async () => {
		const { app, plan, editor, commenter } = await setup();
		const { threadId, commentId } = startThread(
			commenter.doc,
			{ targetType: 'plan', targetId: 'plan', body: 'Le budget salon est-il validé ?' },
			commenter.me
		);
		await waitFor(() => selectThreads(editor.doc).length === 1, 5_000, 'the thread at the editor');
		const answer = replyToThread(
			editor.doc,
			{ threadId, body: 'Oui', mentionIds: [commenter.participantId] },
			editor.me
		);
		await waitFor(() => selectThreads(commenter.doc)[0]?.comments.length === 2, 5_000, 'the reply');

		editComment(commenter.doc, { id: commentId, body: 'Le budget salon 2027 est-il validé ?' }, commenter.me);
		toggleReaction(commenter.doc, { id: answer, emoji: '👍' }, commenter.me);
		markThreadRead(commenter.doc, { threadId }, commenter.me);
		setThreadResolved(commenter.doc, { id: threadId, resolved: true }, commenter.me);
		await acknowledged(commenter.provider);
		await waitFor(() => selectThreads(editor.doc)[0]?.resolved === true, 5_000, 'resolved at the editor');
		const [thread] = selectThreads(editor.doc);
		expect(thread?.comments.map((c) => c.body)).toEqual(['Le budget salon 2027 est-il validé ?', 'Oui']);
		expect(thread?.comments[1]?.mentions).toEqual([commenter.participantId]);
		expect(thread?.comments[1]?.reactions).toEqual([
			{ emoji: '👍', participantIds: [commenter.participantId] }
		]);
		expect(commenter.closes).toEqual([]);
		expect(selectThreads(await storedDoc(app.store, plan.planId))).toEqual(selectThreads(editor.doc));
	});

	it('CMT-8 CONV-1 comments a commenter wrote offline are accepted when the provider reconnects', async () => {
		const { app, plan, editor, commenter } = await setup();
		const { threadId, commentId } = startThread(
			editor.doc,
			{ targetType: 'plan', targetId: 'plan', body: 'Avis ?' },
			editor.me
		);
		await waitFor(() => selectThreads(commenter.doc).length === 1, 5_000, 'the thread at the commenter');
		const socket = commenter.provider.configuration.websocketProvider;
		commenter.provider.disconnect();
		await waitFor(() => socket.status === 'disconnected', 5_000, 'offline');
		// Offline: a reply edited then deleted, a reaction toggled on and off, another kept.
		const reply = replyToThread(commenter.doc, { threadId, body: 'Brouillon' }, commenter.me);
		editComment(commenter.doc, { id: reply, body: 'Brouillon 2' }, commenter.me);
		replyToThread(commenter.doc, { threadId, body: 'D’accord' }, commenter.me);
		toggleReaction(commenter.doc, { id: commentId, emoji: '🎉' }, commenter.me);
		toggleReaction(commenter.doc, { id: commentId, emoji: '🎉' }, commenter.me);
		toggleReaction(commenter.doc, { id: commentId, emoji: '👍' }, commenter.me);
		replyToThread(editor.doc, { threadId, body: 'Pendant ce temps' }, editor.me);
		void commenter.provider.connect();
		await waitFor(() => selectThreads(editor.doc)[0]?.comments.length === 4, 5_000, 'offline comments');
		await waitFor(() => selectThreads(commenter.doc)[0]?.comments.length === 4, 5_000, 'the editor reply');
		expect(commenter.closes.filter((r) => r === CLOSE_REASONS.commentOnly)).toEqual([]);
		expect(selectThreads(editor.doc)).toEqual(selectThreads(commenter.doc));
		expect(selectThreads(editor.doc)[0]?.comments[0]?.reactions).toEqual([
			{ emoji: '👍', participantIds: [commenter.participantId] }
		]);
		await acknowledged(commenter.provider);
		expect(selectThreads(await storedDoc(app.store, plan.planId))).toEqual(selectThreads(editor.doc));
	});

	it('CMT-8 a commenter’s update changing the plan title is refused: not applied, broadcast nor stored', async () => {
		const { app, plan, editor, commenter } = await setup();
		const other = await connectAs(h, app, plan, 'editor', 'Bob');
		commenter.doc.getMap('settings').set('title', 'Piraté');
		await waitFor(() => commenter.closes.length > 0, 5_000, 'the refusal');
		expect(commenter.closes).toEqual([CLOSE_REASONS.commentOnly]);

		// A later editor write reaches the other editor, so the refused one would have arrived by now.
		editor.doc.getMap('settings').set('company', 'Acme');
		await waitFor(() => selectSettings(other.doc).company === 'Acme', 5_000, 'the editor write');
		expect(selectSettings(editor.doc).title).toBe('Plan Ouest 2027');
		expect(selectSettings(other.doc).title).toBe('Plan Ouest 2027');
		await acknowledged(editor.provider);
		expect(selectSettings(await storedDoc(app.store, plan.planId))).toMatchObject({
			title: 'Plan Ouest 2027',
			company: 'Acme'
		});
	});

	// Each crafted change is one a commenter's own commands would never make.
	it.each([
		[
			'editing an editor’s comment body',
			/only the author changes a comment/,
			(doc: Y.Doc, ids: Ids) => comment(doc, ids.editorComment).set('body', 'Piraté')
		],
		[
			'deleting an editor’s comment',
			/only the author changes a comment/,
			(doc: Y.Doc, ids: Ids) => comment(doc, ids.editorComment).set('deleted', true)
		],
		[
			'resolving a thread opened by an editor',
			/only the thread author resolves it/,
			(doc: Y.Doc, ids: Ids) => thread(doc, ids.thread).set('resolved', true)
		],
		[
			'reacting for someone else',
			/only your own reactions/,
			(doc: Y.Doc, ids: Ids) =>
				(comment(doc, ids.editorComment).get('reactions') as Y.Map<true>).set(`${ids.editor}:👍`, true)
		],
		[
			'marking a thread read for someone else',
			/may not change thread field read:/,
			(doc: Y.Doc, ids: Ids) => thread(doc, ids.thread).set(`read:${ids.editor}`, 9)
		],
		[
			'removing a thread',
			/never replaced or removed/,
			(doc: Y.Doc, ids: Ids) => doc.getMap('commentThreads').delete(ids.thread)
		],
		[
			'a comment signed by an editor',
			/must be authored by its sender/,
			(doc: Y.Doc, ids: Ids) => {
				const forged = new Y.Map<unknown>();
				doc.getMap('comments').set('forged-comment-1', forged);
				forged.set('threadId', ids.thread);
				forged.set('authorId', ids.editor);
				forged.set('body', 'Je valide');
				forged.set('createdAt', Date.now());
			}
		],
		[
			'a thread with a hidden extra field',
			/may not set approved/,
			(doc: Y.Doc, ids: Ids) => {
				const forged = new Y.Map<unknown>();
				doc.getMap('commentThreads').set('forged-thread-1', forged);
				forged.set('targetType', 'plan');
				forged.set('targetId', 'plan');
				forged.set('authorId', ids.commenter);
				forged.set('createdAt', Date.now());
				forged.set('approved', true);
			}
		]
	])('CMT-8 CMT-9 refuses a commenter update %s', async (_label, reason, craft) => {
		const { app, plan, editor, commenter } = await setup();
		const { threadId, commentId } = startThread(
			editor.doc,
			{ targetType: 'plan', targetId: 'plan', body: 'Version validée' },
			editor.me
		);
		await waitFor(() => selectThreads(commenter.doc).length === 1, 5_000, 'the thread at the commenter');
		const before = JSON.stringify(selectThreads(editor.doc));
		const vector = Y.encodeStateVector(commenter.doc);
		const ids = {
			thread: threadId,
			editorComment: commentId,
			editor: editor.participantId,
			commenter: commenter.participantId
		};
		// One transaction, so the server sees the whole crafted change in one update.
		commenter.doc.transact(() => craft(commenter.doc, ids));
		// Refused for the intended reason, not an incidental one.
		const update = Y.encodeStateAsUpdate(commenter.doc, vector);
		expect(commenterViolation(editor.doc, update, commenter.participantId)).toMatch(reason);
		await waitFor(() => commenter.closes.length > 0, 5_000, 'the refusal');
		expect(commenter.closes).toEqual([CLOSE_REASONS.commentOnly]);
		editor.doc.getMap('settings').set('company', 'Acme');
		await acknowledged(editor.provider);
		expect(JSON.stringify(selectThreads(editor.doc))).toBe(before);
		const replay = await storedDoc(app.store, plan.planId);
		expect(JSON.stringify(selectThreads(replay))).toBe(before);
		expect(replay.getMap('comments').has('forged-comment-1')).toBe(false);
		expect(replay.getMap('commentThreads').has('forged-thread-1')).toBe(false);
	});
});

interface Ids {
	thread: string;
	editorComment: string;
	editor: string;
	commenter: string;
}

const comment = (doc: Y.Doc, id: string) => doc.getMap<Y.Map<unknown>>('comments').get(id) as Y.Map<unknown>;
const thread = (doc: Y.Doc, id: string) =>
	doc.getMap<Y.Map<unknown>>('commentThreads').get(id) as Y.Map<unknown>;
