/**
 * Real server, two editors: the budget and last year's review edited live by two people (BUD-2..BUD-6,
 * REV-4), converging on both replicas and on what the server stores.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_REASONS, planDocumentName, reviewSourcePath } from '@cap/protocol';
import {
	addAction,
	addListItem,
	addReviewItem,
	carryReviewItems,
	chooseEnvelope,
	selectActions,
	selectBudget,
	selectReviewItems,
	setReviewFeedback,
	updateAction,
	updateReviewItem,
	updateSteering,
	userOrigin
} from '@cap/plan-model';
import * as Y from 'yjs';
import { acknowledged, createPlan, Harness, join, waitFor } from './helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

async function twoEditors() {
	const app = await h.start();
	const plan = await createPlan(app.url, 'Plan budget 2027');
	const [ana, bob] = await Promise.all([
		join(app.url, plan, 'editor', 'Ana'),
		join(app.url, plan, 'editor', 'Bob')
	]);
	const a = h.provider(app, planDocumentName(plan.planId), ana.token);
	const b = h.provider(app, planDocumentName(plan.planId), bob.token);
	await Promise.all([acknowledged(a.provider), acknowledged(b.provider)]);
	return {
		app,
		plan,
		a,
		b,
		bobId: bob.participantId,
		anaOrigin: userOrigin(ana.participantId),
		bobOrigin: userOrigin(bob.participantId)
	};
}

describe('a commenter on the review', () => {
	it('AUTH-5 REV-5 a commenter writes the sales feedback live, and nothing else of the review', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url, 'Plan bilan 2027');
		const [ana, lea] = await Promise.all([
			join(app.url, plan, 'editor', 'Ana'),
			join(app.url, plan, 'commenter', 'Léa')
		]);
		const editor = h.provider(app, planDocumentName(plan.planId), ana.token);
		const commenter = h.provider(app, planDocumentName(plan.planId), lea.token);
		const closes: string[] = [];
		commenter.provider.on('close', ({ event }: { event: { reason: string } }) => closes.push(event.reason));
		await Promise.all([acknowledged(editor.provider), acknowledged(commenter.provider)]);
		const item = addReviewItem(
			editor.doc,
			{ name: 'Salon Lyon 2026', cost: 12000 },
			userOrigin(ana.participantId)
		);
		await waitFor(() => selectReviewItems(commenter.doc).length === 1);

		setReviewFeedback(
			commenter.doc,
			{ id: item, salesFeedback: 'Beaucoup de contacts' },
			userOrigin(lea.participantId)
		);
		await acknowledged(commenter.provider);
		await waitFor(() => selectReviewItems(editor.doc)[0]?.salesFeedback === 'Beaucoup de contacts');
		expect(closes).toEqual([]);

		// Any other field of the item is refused: not applied, relayed nor stored.
		updateReviewItem(commenter.doc, { id: item, cost: 0 }, userOrigin(lea.participantId));
		await waitFor(() => closes.length > 0);
		expect(closes).toEqual([CLOSE_REASONS.commentOnly]);
		updateReviewItem(editor.doc, { id: item, revenue: 30000 }, userOrigin(ana.participantId));
		await acknowledged(editor.provider);
		const stored = new Y.Doc();
		for (const u of (await app.store.loadDocument(plan.planId)).updates) Y.applyUpdate(stored, u);
		expect(selectReviewItems(stored)[0]).toMatchObject({
			salesFeedback: 'Beaucoup de contacts',
			cost: 12000,
			revenue: 30000
		});
		expect(selectReviewItems(editor.doc)[0]?.cost).toBe(12000);
	});
});

describe('budget and review, two editors live', () => {
	it('BUD-3 BUD-4 BUD-6 one edits a cost while the other sets the methods and the envelope', async () => {
		const { app, plan, a, b, bobId, anaOrigin, bobOrigin } = await twoEditors();
		const salon = addAction(a.doc, { name: 'Salon', plannedCost: 10000 }, anaOrigin);
		await waitFor(() => selectActions(b.doc).length === 1);

		// At the same time: Ana makes the newsletter monthly and enters an actual; Bob sets last year's budget.
		addAction(
			a.doc,
			{
				name: 'Newsletter',
				plannedCost: 500,
				start: '2027-01-10',
				recurrence: { freq: 'monthly', interval: 1 }
			},
			anaOrigin
		);
		updateAction(a.doc, { id: salon, actualCost: 11000 }, anaOrigin);
		updateSteering(b.doc, { lastYearBudget: 20000, lastYearChangePct: 5 }, bobOrigin);
		const expected = { plannedTotal: 16000, actualTotal: 11000, gap: 1000, actualMissing: 1 };
		await waitFor(
			() => selectBudget(a.doc).methods.lastYear !== null && selectBudget(b.doc).plannedTotal === 16000
		);
		expect(selectBudget(a.doc)).toMatchObject(expected);
		expect(selectBudget(b.doc)).toMatchObject(expected);
		expect(selectBudget(b.doc).methods).toEqual({ lastYear: 21000, revenuePct: null, bottomUp: 16000 });

		// Bob retains the bottom-up figure; Ana sees it with his name.
		chooseEnvelope(b.doc, { method: 'bottomUp' }, bobOrigin);
		await waitFor(() => selectBudget(a.doc).envelope !== null);
		expect(selectBudget(a.doc).envelope).toMatchObject({ amount: 16000, method: 'bottomUp', setBy: bobId });

		// What the server stored is what both see.
		await Promise.all([acknowledged(a.provider), acknowledged(b.provider)]);
		const stored = await app.store.loadDocument(plan.planId);
		const replay = new Y.Doc();
		for (const u of stored.updates) Y.applyUpdate(replay, u);
		expect(selectBudget(replay)).toEqual(selectBudget(a.doc));
		expect(selectBudget(b.doc)).toEqual(selectBudget(a.doc));
	});

	it('REV-4 REV-5 one decides and carries items while the other writes the sales feedback', async () => {
		const { a, b, anaOrigin, bobOrigin } = await twoEditors();
		const batimat = addReviewItem(a.doc, { name: 'Batimat', cost: 8000, revenue: 24000 }, anaOrigin);
		const radio = addReviewItem(a.doc, { name: 'Radio', cost: 12000, revenue: 6000 }, anaOrigin);
		await waitFor(() => selectReviewItems(b.doc).length === 2);

		updateReviewItem(a.doc, { id: batimat, decision: 'repeat', result: 'worked' }, anaOrigin);
		setReviewFeedback(b.doc, { id: batimat, salesFeedback: 'Beaucoup de contacts chauds' }, bobOrigin);
		updateReviewItem(b.doc, { id: radio, decision: 'drop' }, bobOrigin);
		await waitFor(
			() =>
				selectReviewItems(a.doc)[0]?.salesFeedback !== null &&
				selectReviewItems(b.doc)[0]?.decision === 'repeat' &&
				selectReviewItems(a.doc)[1]?.decision === 'drop'
		);
		expect(selectReviewItems(a.doc)[0]).toMatchObject({
			decision: 'repeat',
			result: 'worked',
			salesFeedback: 'Beaucoup de contacts chauds',
			roi: 2
		});

		const [actionId] = carryReviewItems(a.doc, { ids: [batimat] }, anaOrigin);
		await waitFor(() => selectActions(b.doc).length === 1);
		expect(selectActions(b.doc)[0]).toMatchObject({
			id: actionId,
			name: 'Batimat',
			plannedCost: 8000,
			reviewItemId: batimat
		});
		expect(selectReviewItems(b.doc)[0]?.carriedActionIds).toEqual([actionId]);
		expect(selectReviewItems(b.doc)).toEqual(selectReviewItems(a.doc));
	});

	it('REV-8 a session of last year plan reads it as review material; other sessions are refused', async () => {
		const { app, plan, a, anaOrigin } = await twoEditors();
		const salons = addListItem(a.doc, 'channels', { name: 'Salons' }, anaOrigin);
		addAction(a.doc, { name: 'Batimat', channelId: salons, plannedCost: 8000, actualCost: 9100 }, anaOrigin);
		await acknowledged(a.provider);

		const get = (planId: string, token?: string) =>
			fetch(app.url + reviewSourcePath(planId), {
				headers: token ? { authorization: `Bearer ${token}` } : {}
			});
		const viewer = await join(app.url, plan, 'viewer', 'Vera');
		const res = await get(plan.planId, viewer.token);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({
			title: 'Plan budget 2027',
			items: [{ name: 'Batimat', channel: 'Salons', cost: 9100 }],
			objectives: []
		});

		const other = await createPlan(app.url, 'Un autre plan');
		const stranger = await join(app.url, other, 'facilitator', 'Zoé');
		expect((await get(plan.planId, stranger.token)).status).toBe(403);
		expect((await get(plan.planId)).status).toBe(401);
		expect((await get(plan.planId, 'not-a-token')).status).toBe(401);
	});
});
