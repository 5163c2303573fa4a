/** Invite links per role with rotation, and named versions of a plan (HTTP API, real server). */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addAction,
	selectActions,
	selectReviewItems,
	selectSettings,
	updatePlanSettings,
	userOrigin
} from '@cap/plan-model';
import {
	invitesPath,
	rotateInvitePath,
	versionPath,
	versionsPath,
	type ApiError,
	type CreatePlanResponse,
	type InvitesResponse,
	type VersionSummary
} from '@cap/protocol';
import { acknowledged, createPlan, Harness, join, post, waitFor } from './helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

async function call<T>(url: string, path: string, token: string, init: RequestInit = {}) {
	const res = await fetch(`${url}${path}`, {
		...init,
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers }
	});
	const type = res.headers.get('content-type') ?? '';
	const body = type.includes('json') ? ((await res.json()) as T) : new Uint8Array(await res.arrayBuffer());
	return { status: res.status, body: body as T };
}

describe('invite links', () => {
	it('gives the facilitator the current links, and nobody else', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const boss = await join(app.url, plan, 'facilitator');
		const editor = await join(app.url, plan, 'editor');
		const mine = await call<InvitesResponse>(app.url, invitesPath(plan.planId), boss.token);
		expect(mine.status).toBe(200);
		expect(mine.body.invites).toEqual(plan.invites);
		expect((await call(app.url, invitesPath(plan.planId), editor.token)).status).toBe(403);
		expect((await call(app.url, invitesPath(plan.planId), 'nonsense')).status).toBe(401);
	});

	it('rotating a link stops new joins with the old one; people already in keep renewing', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const boss = await join(app.url, plan, 'facilitator');
		const early = await join(app.url, plan, 'editor', 'Early');
		const rotated = await call<InvitesResponse>(
			app.url,
			rotateInvitePath(plan.planId, 'editor'),
			boss.token,
			{ method: 'POST' }
		);
		expect(rotated.status).toBe(200);
		expect(rotated.body.invites.editor).not.toBe(plan.invites.editor);
		expect(rotated.body.invites.viewer).toBe(plan.invites.viewer);

		const late = await post<ApiError>(app.url, '/api/join', { invite: plan.invites.editor, name: 'Late' });
		expect(late).toMatchObject({ status: 400, body: { error: 'invite_retired', field: 'invite' } });
		// The early editor renews with the old link and their earlier token, and keeps their identity.
		const renewed = await join(app.url, plan, 'editor', 'Early', early.token);
		expect(renewed.participantId).toBe(early.participantId);
		const fresh = await post(app.url, '/api/join', { invite: rotated.body.invites.editor, name: 'New' });
		expect(fresh.status).toBe(200);
		expect((await join(app.url, plan, 'viewer')).role).toBe('viewer');
		expect(
			(await call(app.url, rotateInvitePath(plan.planId, 'viewer'), early.token, { method: 'POST' })).status
		).toBe(403);
	});
});

describe('versions', () => {
	it('names the plan as everyone sees it, lists it, and serves its state', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const editor = await join(app.url, plan, 'editor', 'Inès');
		const { provider, doc } = h.provider(app, plan.planId, editor.token);
		await waitFor(() => provider.isSynced, 5_000, 'synced');
		updatePlanSettings(doc, { title: 'PAC validé' }, userOrigin(editor.participantId));
		await acknowledged(provider);

		const made = await call<VersionSummary>(app.url, versionsPath(plan.planId), editor.token, {
			method: 'POST',
			body: JSON.stringify({ name: 'Validé en comité de direction, v1' })
		});
		expect(made.status).toBe(201);
		expect(made.body).toMatchObject({ name: 'Validé en comité de direction, v1', authorName: 'Inès' });
		updatePlanSettings(doc, { title: 'Changed afterwards' }, userOrigin(editor.participantId));
		await acknowledged(provider);

		const viewer = await join(app.url, plan, 'viewer');
		const list = await call<VersionSummary[]>(app.url, versionsPath(plan.planId), viewer.token);
		expect(list.body.map((v) => v.name)).toEqual(['Validé en comité de direction, v1']);
		const state = await call<Uint8Array>(app.url, versionPath(plan.planId, made.body.id), viewer.token);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, state.body);
		expect(selectSettings(copy).title).toBe('PAC validé');
		expect(state.body.byteLength).toBe(made.body.bytes);
	});

	it('refuses viewers, empty names and unknown versions', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const viewer = await join(app.url, plan, 'viewer');
		const editor = await join(app.url, plan, 'editor');
		const body = JSON.stringify({ name: 'v1' });
		expect(
			(await call(app.url, versionsPath(plan.planId), viewer.token, { method: 'POST', body })).status
		).toBe(403);
		const empty = await call<ApiError>(app.url, versionsPath(plan.planId), editor.token, {
			method: 'POST',
			body: JSON.stringify({ name: '  ' })
		});
		expect(empty).toMatchObject({ status: 400, body: { field: 'name' } });
		expect((await call(app.url, versionPath(plan.planId, 'nope'), editor.token)).status).toBe(404);
	});
});

describe('starting points', () => {
	async function load(
		app: { store: { loadDocument(n: string): Promise<{ updates: Uint8Array[] }> } },
		id: string
	) {
		const doc = new Y.Doc();
		for (const u of (await app.store.loadDocument(id)).updates) Y.applyUpdate(doc, u);
		return doc;
	}

	it('creates a plan from the product launch template, in its language', async () => {
		const app = await h.start();
		const res = await post<CreatePlanResponse>(app.url, '/api/plans', {
			title: 'Launch',
			year: 2028,
			locale: 'en',
			template: 'launch'
		});
		expect(res.status).toBe(201);
		const doc = await load(app, res.body.planId);
		expect(selectActions(doc).map((a) => a.name)).toContain('Launch event');
		expect(
			(
				await post<ApiError>(app.url, '/api/plans', {
					title: 'X',
					year: 2028,
					locale: 'en',
					template: 'nope'
				})
			).body
		).toMatchObject({ field: 'template' });
	});

	it("starts next year's plan from a plan the caller edits, and refuses anyone else", async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const editor = await join(app.url, plan, 'editor', 'Inès');
		const { provider, doc } = h.provider(app, plan.planId, editor.token);
		await waitFor(() => provider.isSynced, 5_000, 'synced');
		addAction(doc, { name: 'Salon SIAL', plannedCost: 15000 }, userOrigin(editor.participantId));
		await acknowledged(provider);
		const body = JSON.stringify({ title: 'Plan 2028', year: 2028, locale: 'fr', basedOn: plan.planId });
		const viewer = await join(app.url, plan, 'viewer');
		const refused = await call(app.url, '/api/plans', viewer.token, { method: 'POST', body });
		expect(refused.status).toBe(403);
		const made = await call<CreatePlanResponse>(app.url, '/api/plans', editor.token, {
			method: 'POST',
			body
		});
		expect(made.status).toBe(201);
		const next = await load(app, made.body.planId);
		expect(selectReviewItems(next).map((r) => [r.name, r.cost])).toEqual([['Salon SIAL', 15000]]);
		expect(selectActions(next)).toEqual([]);
		expect(selectSettings(next).year).toBe(2028);
	});
});
