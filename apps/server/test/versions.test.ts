/**
 * Versions under abuse (issue #22): a rate and a cap per plan, a clear 400 for a malformed id, the text
 * rule (TXT-1) on names, and states stored compressed yet served exactly as they were named.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, selectActions, userOrigin } from '@cap/plan-model';
import { versionPath, versionsPath, type ApiError, type VersionSummary } from '@cap/protocol';
import { acknowledged, createPlan, Harness, join } from './helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

async function call<T>(url: string, path: string, token: string, init: RequestInit = {}) {
	const res = await fetch(`${url}${path}`, {
		...init,
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers }
	});
	const type = res.headers.get('content-type') ?? '';
	const body = type.includes('json') ? ((await res.json()) as T) : new Uint8Array(await res.arrayBuffer());
	return { status: res.status, body: body as T, headers: res.headers };
}

const named = (url: string, planId: string, token: string, name: string) =>
	call<VersionSummary & ApiError>(url, versionsPath(planId), token, {
		method: 'POST',
		body: JSON.stringify({ name })
	});

describe('versions', () => {
	it('answers a malformed version id with 400, not 500', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const viewer = await join(app.url, plan, 'viewer');
		for (const id of ['%ZZ', '%E0%A4%A', 'a%00b', '..%2F..%2Fetc']) {
			const res = await call<ApiError>(app.url, `${versionsPath(plan.planId)}/${id}`, viewer.token);
			expect([res.status, res.body.error], id).toEqual([400, 'invalid_version_id']);
		}
	});

	it('refuses control and text-direction characters in version names (TXT-1)', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const editor = await join(app.url, plan, 'editor');
		for (const name of ['v1\u0000', 'Validé\u202Egnp.exe', 'deux\nlignes']) {
			const res = await named(app.url, plan.planId, editor.token, name);
			expect([res.status, res.body.field], JSON.stringify(name)).toEqual([400, 'name']);
		}
		expect((await named(app.url, plan.planId, editor.token, 'Validé, v1')).status).toBe(201);
	});

	it('VERSION_RATE answers 429 with Retry-After past the rate of a plan; another plan goes on', async () => {
		const app = await h.start(h.config({ VERSION_RATE: '3/h' }));
		const plan = await createPlan(app.url);
		const other = await createPlan(app.url, 'Autre plan');
		const ana = await join(app.url, plan, 'editor', 'Ana');
		const ben = await join(app.url, plan, 'editor', 'Ben');
		for (let i = 0; i < 3; i++)
			expect((await named(app.url, plan.planId, ana.token, `v${i}`)).status).toBe(201);
		// The rate is the plan's: another editor of the same plan is refused too.
		const refused = await named(app.url, plan.planId, ben.token, 'v4');
		expect([refused.status, refused.body.error]).toEqual([429, 'rate_limited']);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		const elsewhere = await join(app.url, other, 'editor', 'Cléo');
		expect((await named(app.url, other.planId, elsewhere.token, 'v1')).status).toBe(201);
	});

	it('MAX_VERSIONS refuses one more version of a plan with a clear message', async () => {
		const app = await h.start(h.config({ MAX_VERSIONS: '2' }));
		const plan = await createPlan(app.url);
		const editor = await join(app.url, plan, 'editor');
		for (const name of ['v1', 'v2'])
			expect((await named(app.url, plan.planId, editor.token, name)).status).toBe(201);
		const third = await named(app.url, plan.planId, editor.token, 'v3');
		expect(third.status).toBe(409);
		expect(third.body).toMatchObject({ error: 'too_many_versions' });
		expect(third.body.message).toMatch(/2 versions/);
		const list = await call<VersionSummary[]>(app.url, versionsPath(plan.planId), editor.token);
		expect(list.body.map((v) => v.name)).toEqual(['v2', 'v1']);
	});

	it('stores a version compressed and serves the state it named, byte for byte', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const editor = await join(app.url, plan, 'editor', 'Inès');
		const { provider, doc } = h.provider(app, plan.planId, editor.token);
		await acknowledged(provider);
		const me = userOrigin(editor.participantId);
		for (let i = 0; i < 200; i++)
			addAction(doc, { name: `Salon professionnel ${i} : stand, invitations et relances commerciales` }, me);
		await acknowledged(provider);
		const made = await named(app.url, plan.planId, editor.token, 'Avant le comité');
		expect(made.status).toBe(201);

		const stored = await app.store.getVersion(plan.planId, made.body.id);
		expect(stored!.state.byteLength).toBeLessThan(made.body.bytes / 2);
		const served = await call<Uint8Array>(app.url, versionPath(plan.planId, made.body.id), editor.token);
		expect(served.body.byteLength).toBe(made.body.bytes);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, served.body);
		expect(selectActions(copy)).toHaveLength(200);
	});
});
