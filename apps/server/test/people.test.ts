/** Real server, several providers: who joined the plan is known to everyone, so a mention reaches them (PPL-1, CMT-6). */
import { afterEach, describe, expect, it } from 'vitest';
import { selectInbox, selectPeople, startThread } from '@cap/plan-model';
import { connectAs, createPlan, Harness, storedDoc, waitFor } from './helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

describe('who joined the plan', () => {
	it('PPL-1 CMT-6 an editor mentions a commenter who joined but never wrote, and it reaches their inbox', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url, 'Plan Ouest 2027');
		const ana = await connectAs(h, app, plan, 'editor', 'Ana');
		const lea = await connectAs(h, app, plan, 'commenter', 'Léa');
		const leaAtAna = (await waitFor(
			() => selectPeople(ana.doc).find((p) => p.id === lea.participantId),
			5_000,
			'Léa in the people Ana sees'
		))!;
		expect(leaAtAna).toMatchObject({ name: 'Léa', role: 'commenter' });

		startThread(
			ana.doc,
			{ targetType: 'plan', targetId: 'plan', body: '@Léa tu valides ?', mentionIds: [leaAtAna.id] },
			ana.me
		);
		const inbox = await waitFor(
			() => selectInbox(lea.doc, lea.participantId, { since: Date.now() })[0],
			5_000,
			'the mention in Léa’s inbox'
		);
		expect(inbox).toMatchObject({ kind: 'mention', unread: true, body: '@Léa tu valides ?' });
		// Stored, with the roster: a reload still has both.
		const stored = await storedDoc(app.store, plan.planId);
		expect(selectPeople(stored).map((p) => p.name)).toEqual(['Ana', 'Léa']);
		expect(lea.closes).toEqual([]);
	});
});
