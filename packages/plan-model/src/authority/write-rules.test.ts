import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deleteComment, selectThreads, startThread, toggleReaction } from '../comments.ts';
import { addIdea, addIdeaGroup, moveIdea, updateIdea } from '../ideas.ts';
import { serverOrigin, userOrigin } from '../origin.ts';
import { initPlan } from '../plan.ts';
import { PLAN_ROOT_KEYS } from '../schema.ts';
import { updatePlanSettings } from '../settings.ts';
import { updateWorkshop } from '../workshop.ts';
import { addAction, updateAction } from '../actions.ts';
import {
	checkPlanUpdate,
	mayWrite,
	planUpdateViolation,
	ROOT_WRITERS,
	type PlanRole
} from './write-rules.ts';

const ana = userOrigin('ana');
const lea = userOrigin('lea');

/** A server document and a client replica; `check` describes what the client's `write` would do. */
function setup() {
	const server = new Y.Doc();
	initPlan(server, { title: 'PAC 2027', year: 2027 }, serverOrigin());
	let client = new Y.Doc();
	const sync = () => {
		client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	};
	sync();
	/** Refused writes stay out of the server; each check starts from a fresh copy of the server's state. */
	const check = (role: PlanRole, participantId: string, write: (doc: Y.Doc) => void) => {
		const sv = Y.encodeStateVector(client);
		write(client);
		const update = Y.encodeStateAsUpdate(client, sv);
		const violation = planUpdateViolation(server, update, { role, participantId });
		if (violation === null) Y.applyUpdate(server, update);
		sync();
		return violation;
	};
	return { server, client: () => client, sync, check };
}

describe('write authority (AUTH)', () => {
	it('AUTH-2 the table names a writer for every root of the plan, and the UI reads it per role', () => {
		expect(Object.keys(ROOT_WRITERS).sort()).toEqual([...PLAN_ROOT_KEYS].sort());
		expect(mayWrite('editor', 'actions')).toBe(true);
		expect(mayWrite('facilitator', 'workshop')).toBe(false);
		expect(mayWrite('editor', 'meta')).toBe(false);
		expect(mayWrite('commenter', 'actions')).toBe(false);
		expect(mayWrite('commenter', 'comments', 'body')).toBe(true);
		expect(mayWrite('viewer', 'comments')).toBe(false);
	});

	it('AUTH-3 a root the plan does not have, or meta, is refused for every role; an editor writes the plan', () => {
		const { check } = setup();
		for (const role of ['facilitator', 'editor', 'commenter'] as const) {
			const { check: c } = setup();
			expect(c(role, 'x', (doc) => doc.getMap('secrets').set('a', 1))?.code).toBe('not-writable');
			expect(c(role, 'x', (doc) => doc.getMap('meta').set('schemaVersion', 9))?.code).toBe('not-writable');
		}
		expect(check('editor', 'ana', (doc) => updatePlanSettings(doc, { title: 'PAC 2028' }, ana))).toBeNull();
		expect(check('viewer', 'vic', (doc) => updatePlanSettings(doc, { title: 'Non' }, ana))?.code).toBe(
			'read-only'
		);
	});

	it('AUTH-4 WS-2 WS-7 the workshop state is the server’s; a lock closes the board to all but the facilitator', () => {
		const { check, server, sync } = setup();
		expect(
			check('facilitator', 'fay', (doc) => updateWorkshop(doc, { phase: 'voting' }, serverOrigin()))
		).toMatchObject({ code: 'workshop', message: 'only the server writes workshop' });
		const { check: c2 } = setup();
		expect(c2('editor', 'ana', (doc) => doc.getMap('votes').set('ana:x', 3))?.code).toBe('workshop');
		updateWorkshop(server, { locked: true }, serverOrigin());
		sync();
		expect(check('editor', 'ana', (doc) => addIdea(doc, { title: 'Salon' }, ana))).toMatchObject({
			code: 'workshop',
			message: 'the workshop is locked'
		});
	});

	it('AUTH-4 WS-7 while ideas are hidden or anonymous, clients create no idea; nobody signs for another', () => {
		const hidden = setup();
		updateWorkshop(hidden.server, { phase: 'silentWriting' }, serverOrigin());
		hidden.sync();
		expect(hidden.check('editor', 'ana', (doc) => addIdea(doc, { title: 'Salon' }, ana))?.message).toMatch(
			/ideas are hidden/
		);
		const open = setup();
		expect(open.check('editor', 'ana', (doc) => addIdea(doc, { title: 'Salon' }, lea))?.message).toBe(
			'an idea is authored by its sender'
		);
		expect(open.check('editor', 'ana', (doc) => addIdea(doc, { title: 'Salon' }, ana))).toBeNull();
	});

	it('AUTH-5 CMT-8 a commenter opens a thread and comments in one update, and writes nothing else', () => {
		const { check } = setup();
		expect(
			check('commenter', 'lea', (doc) =>
				startThread(doc, { targetType: 'plan', targetId: 'plan', body: 'Budget ?' }, lea)
			)
		).toBeNull();
		const { check: c2 } = setup();
		expect(
			c2('commenter', 'lea', (doc) =>
				startThread(doc, { targetType: 'plan', targetId: 'plan', body: 'Budget ?' }, ana)
			)
		).toMatchObject({ code: 'comment-only' });
		const { check: c3 } = setup();
		expect(c3('commenter', 'lea', (doc) => updatePlanSettings(doc, { title: 'Piraté' }, lea))).toMatchObject({
			code: 'comment-only'
		});
	});

	it('AUTH-5 a commenter writes the sales feedback of a review item, and no other of its fields', () => {
		const { server, sync, check } = setup();
		const item = new Y.Map<unknown>();
		server.transact(() => {
			server.getMap('reviewItems').set('rev1', item);
			item.set('name', 'Salon 2026');
		});
		sync();
		const rec = (doc: Y.Doc) => doc.getMap('reviewItems').get('rev1') as Y.Map<unknown>;
		expect(check('commenter', 'lea', (doc) => rec(doc).set('salesFeedback', 'Bons contacts'))).toBeNull();
		expect(check('commenter', 'lea', (doc) => rec(doc).set('cost', 0))?.code).toBe('comment-only');
		expect(check('commenter', 'lea', (doc) => doc.getMap('reviewItems').delete('rev1'))?.code).toBe(
			'comment-only'
		);
		expect(check('commenter', 'lea', (doc) => doc.getMap('reviewItems').set('rev2', new Y.Map()))?.code).toBe(
			'comment-only'
		);
		expect(mayWrite('commenter', 'reviewItems', 'salesFeedback')).toBe(true);
		expect(mayWrite('commenter', 'reviewItems', 'cost')).toBe(false);
	});

	it('WS-8 moving an idea as the board locks is accepted; creating or editing while locked is not', () => {
		const { check, server, sync } = setup();
		const fay = userOrigin('fay');
		let ideaId = '';
		let groupId = '';
		expect(
			check('facilitator', 'fay', (doc) => {
				ideaId = addIdea(doc, { title: 'Salon' }, fay);
				groupId = addIdeaGroup(doc, { name: 'Événements' }, fay);
			})
		).toBeNull();
		// The lock reaches the server; Ana's replica has not seen it yet when she moves the idea.
		updateWorkshop(server, { locked: true }, serverOrigin());
		expect(check('editor', 'ana', (doc) => moveIdea(doc, { id: ideaId, groupId }, ana))).toBeNull();
		const moved = server.getMap('ideas').get(ideaId) as Y.Map<unknown>;
		expect(moved.get('groupId')).toBe(groupId);
		// Anything but a move is still closed by the lock (WS-7).
		updateWorkshop(server, { locked: true }, serverOrigin());
		expect(check('editor', 'ana', (doc) => updateIdea(doc, { id: ideaId, title: 'Autre' }, ana))?.code).toBe(
			'workshop'
		);
		expect(check('editor', 'ana', (doc) => addIdeaGroup(doc, { name: 'Salons' }, ana))?.code).toBe(
			'workshop'
		);
		expect(
			check('editor', 'ana', (doc) =>
				(doc.getMap('ideas').get(ideaId) as Y.Map<unknown>).set('authorId', 'ana')
			)?.code
		).toBe('workshop');
		sync();
	});

	it('CMT-10 a reaction racing its comment’s deletion is accepted, and a deleted comment shows none', () => {
		const { check, server, sync, client } = setup();
		let commentId = '';
		expect(
			check('editor', 'ana', (doc) => {
				commentId = startThread(
					doc,
					{ targetType: 'plan', targetId: 'plan', body: 'Budget ?' },
					ana
				).commentId;
			})
		).toBeNull();
		// Ana deletes her comment on the server while Léa, who has not seen it yet, reacts to it.
		const replica = client();
		deleteComment(server, { id: commentId }, ana);
		toggleReaction(replica, { id: commentId, emoji: '👍' }, lea);
		const update = Y.encodeStateAsUpdate(replica, Y.encodeStateVector(server));
		expect(planUpdateViolation(server, update, { role: 'commenter', participantId: 'lea' })).toBeNull();
		Y.applyUpdate(server, update);
		const [comment] = selectThreads(server)[0]!.comments;
		expect(comment).toMatchObject({ deleted: true, body: '', reactions: [] });
		// Still only one's own reactions, and no other field of a deleted comment.
		sync();
		expect(
			check('commenter', 'lea', (doc) =>
				((doc.getMap('comments').get(commentId) as Y.Map<unknown>).get('reactions') as Y.Map<unknown>).set(
					'ana:👍',
					true
				)
			)?.code
		).toBe('comment-only');
		expect(
			check('commenter', 'lea', (doc) =>
				(doc.getMap('comments').get(commentId) as Y.Map<unknown>).set('body', 'x')
			)?.code
		).toBe('comment-only');
	});

	it('AUTH-6 an accepted update off the workshop board could be sent back by any editor; a board one could not', () => {
		const { server, client, sync } = setup();
		/** The verdict for `sender`, and what it would be from each other editor and facilitator. */
		const judge = (sender: { role: PlanRole; participantId: string }, write: (doc: Y.Doc) => void) => {
			const replica = client();
			const sv = Y.encodeStateVector(replica);
			write(replica);
			const update = Y.encodeStateAsUpdate(replica, sv);
			const verdict = checkPlanUpdate(server, update, sender);
			const others = [
				{ role: 'editor', participantId: 'zoe' },
				{ role: 'facilitator', participantId: 'fay' }
			] as const;
			const fromOthers = others.map((writer) => planUpdateViolation(server, update, writer)?.code ?? null);
			if (verdict.violation === null) Y.applyUpdate(server, update);
			sync();
			return {
				violation: verdict.violation?.code ?? null,
				editorsMayWrite: verdict.editorsMayWrite,
				fromOthers
			};
		};
		const accepted = { violation: null, editorsMayWrite: true, fromOthers: [null, null] };

		let actionId = '';
		expect(
			judge(
				{ role: 'editor', participantId: 'ana' },
				(doc) => (actionId = addAction(doc, { name: 'Salon' }, ana))
			)
		).toEqual(accepted);
		expect(
			judge({ role: 'editor', participantId: 'ana' }, (doc) =>
				updateAction(doc, { id: actionId, personDays: 3 }, ana)
			)
		).toEqual(accepted);
		// A commenter's own thread: hers alone among commenters, but any editor may write it.
		expect(
			judge({ role: 'commenter', participantId: 'lea' }, (doc) =>
				startThread(doc, { targetType: 'action', targetId: actionId, body: 'Budget ?' }, lea)
			)
		).toEqual(accepted);

		// The board: an idea is its author's, and a lock keeps it from editors.
		expect(
			judge({ role: 'editor', participantId: 'ana' }, (doc) => addIdea(doc, { title: 'Webinaire' }, ana))
		).toEqual({ violation: null, editorsMayWrite: false, fromOthers: ['workshop', 'workshop'] });
		expect(
			judge({ role: 'editor', participantId: 'ana' }, (doc) => addIdeaGroup(doc, { name: 'Digital' }, ana))
				.editorsMayWrite
		).toBe(false);
		// A refused update is nobody's.
		expect(
			judge({ role: 'editor', participantId: 'ana' }, (doc) => doc.getMap('meta').set('title', 'x'))
		).toEqual({
			violation: 'not-writable',
			editorsMayWrite: false,
			fromOthers: ['not-writable', 'not-writable']
		});
	});

	it('AUTH-1 an update that depends on content the server lacks is refused as unresolved', () => {
		const { client: replica, server } = setup();
		const client = replica();
		const sv = Y.encodeStateVector(client);
		updatePlanSettings(client, { title: 'Un' }, ana);
		const sv2 = Y.encodeStateVector(client);
		updatePlanSettings(client, { title: 'Deux' }, ana);
		const later = Y.encodeStateAsUpdate(client, sv2);
		expect(planUpdateViolation(server, later, { role: 'editor', participantId: 'ana' })?.code).toBe(
			'unresolved'
		);
		expect(sv.length).toBeGreaterThan(0);
	});
});
