/** The HTTP API, the health check, the web handler and the configuration. */
import { statSync, writeFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError, JoinResponse } from '@cap/protocol';
import { ConfigError, loadConfig } from '../src/config.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { createTokens } from '../src/tokens.ts';
import { createPlan, Harness, join, post, TEST_SECRET } from './helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

describe('POST /api/plans', () => {
	it('creates a plan with one absolute invite link per role', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		expect(plan.planId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
		expect(Object.keys(plan.invites).sort()).toEqual(['commenter', 'editor', 'facilitator', 'viewer']);
		for (const link of Object.values(plan.invites)) expect(link.startsWith(`${app.url}/join/`)).toBe(true);
		expect(await app.store.getPlan(plan.planId)).toMatchObject({ title: 'Plan commercial 2027', year: 2027 });
	});

	it('builds links on PUBLIC_ORIGIN when set', async () => {
		const app = await h.start(h.config({ PUBLIC_ORIGIN: 'https://cap.example.fr/' }));
		const plan = await createPlan(app.url);
		expect(plan.invites.viewer.startsWith('https://cap.example.fr/join/')).toBe(true);
	});

	it.each([
		[{ year: 2027, locale: 'fr' }, 'title'],
		[{ title: '   ', year: 2027, locale: 'fr' }, 'title'],
		[{ title: 'P', year: 'next', locale: 'fr' }, 'year'],
		[{ title: 'P', year: 2027, locale: 'de' }, 'locale'],
		[{ title: 'P', year: 2027, locale: 'fr', currency: 'euros' }, 'currency']
	])('answers 400 naming the field for %j', async (body, field) => {
		const app = await h.start();
		const res = await post<ApiError>(app.url, '/api/plans', body);
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ error: 'invalid_input', field });
	});

	it('refuses bad JSON (400), an oversized body (413), other methods (405) and unknown API paths (404)', async () => {
		const app = await h.start();
		expect((await post(app.url, '/api/plans', '{not json')).status).toBe(400);
		const huge = await post<ApiError>(app.url, '/api/plans', {
			title: 'x'.repeat(70 * 1024),
			year: 2027,
			locale: 'fr'
		});
		expect(huge).toMatchObject({ status: 413, body: { error: 'payload_too_large' } });
		expect((await fetch(`${app.url}/api/plans`)).status).toBe(405);
		expect((await post(app.url, '/api/nothing', {})).status).toBe(404);
	});
});

describe('POST /api/join', () => {
	it('accepts the whole link or the bare invite and trims the name', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const byLink = await post<JoinResponse>(app.url, '/api/join', {
			invite: plan.invites.commenter,
			name: '  Léa  '
		});
		expect(byLink.status).toBe(200);
		expect(byLink.body).toMatchObject({ role: 'commenter', planId: plan.planId, name: 'Léa' });
		expect(byLink.body.expiresAt).toBeGreaterThan(Date.now());
		const bare = decodeURIComponent(plan.invites.viewer.split('/join/')[1]!);
		expect((await post<JoinResponse>(app.url, '/api/join', { invite: bare, name: 'Max' })).body.role).toBe(
			'viewer'
		);
	});

	it('keeps the participant id for an authentic previous token of the same plan, even expired', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const other = await createPlan(app.url);
		const first = await join(app.url, plan, 'editor', 'Ana');
		expect((await join(app.url, plan, 'editor', 'Ana', first.token)).participantId).toBe(first.participantId);

		const expired = await createTokens(TEST_SECRET, -60_000).signSession({
			planId: plan.planId,
			role: 'editor',
			participantId: 'stable_id_123',
			name: 'Ana'
		});
		expect((await join(app.url, plan, 'viewer', 'Ana', expired.token)).participantId).toBe('stable_id_123');

		const forged = await createTokens('x'.repeat(40), 60_000).signSession({
			planId: plan.planId,
			role: 'editor',
			participantId: 'stolen_id_123',
			name: 'Eve'
		});
		expect((await join(app.url, plan, 'editor', 'Eve', forged.token)).participantId).not.toBe(
			'stolen_id_123'
		);
		const elsewhere = await join(app.url, other, 'editor', 'Ana');
		expect((await join(app.url, plan, 'editor', 'Ana', elsewhere.token)).participantId).not.toBe(
			elsewhere.participantId
		);
	});

	it('refuses a bad invite (400), a bad name (400) and an unknown plan (404)', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		expect(await post(app.url, '/api/join', { invite: 'nope', name: 'A' })).toMatchObject({
			status: 400,
			body: { field: 'invite' }
		});
		for (const name of ['', '   ', 'x'.repeat(61)]) {
			expect(await post(app.url, '/api/join', { invite: plan.invites.editor, name })).toMatchObject({
				status: 400,
				body: { field: 'name' }
			});
		}
		const ghost = await createTokens(TEST_SECRET, 60_000).signInvite('ghost_plan_id_0001', 'editor');
		expect(await post(app.url, '/api/join', { invite: ghost, name: 'A' })).toMatchObject({
			status: 404,
			body: { error: 'plan_not_found' }
		});
	});
});

describe('health and web app', () => {
	it('answers /healthz 200 while the store answers and 503 once it does not', async () => {
		const config = h.config();
		const store = await openSqliteStore(joinPath(config.dataDir, 'cap.sqlite'));
		const app = await h.start(config, { store });
		const ok = await fetch(`${app.url}/healthz`);
		expect([ok.status, await ok.json()]).toEqual([200, { ok: true, setAsideUpdates: 0 }]);
		await store.close();
		const down = await fetch(`${app.url}/healthz`);
		expect([down.status, await down.json()]).toEqual([503, { ok: false }]);
	});

	it('answers other paths with a 503 page when the web app is not built', async () => {
		const app = await h.start();
		const res = await fetch(`${app.url}/plans/abc`);
		expect(res.status).toBe(503);
		expect(await res.text()).toContain('web app is not built');
	});

	it('hands other paths to the adapter-node handler when it is built', async () => {
		const build = h.dir();
		writeFileSync(
			joinPath(build, 'handler.js'),
			'export const handler = (req, res) => { res.writeHead(200); res.end("svelte " + req.url); };\n'
		);
		const app = await h.start(h.config({ WEB_BUILD_DIR: build }));
		const res = await fetch(`${app.url}/join/abc`);
		expect([res.status, await res.text()]).toEqual([200, 'svelte /join/abc']);
	});
});

describe('configuration', () => {
	it('names every bad variable', () => {
		const dir = h.dir();
		const attempt = () =>
			loadConfig({ DATA_DIR: dir, PORT: '99999', CAP_SECRET: 'short', TOKEN_TTL: 'soon', LOG_LEVEL: 'loud' });
		expect(attempt).toThrow(ConfigError);
		expect(attempt).toThrow(/PORT[\s\S]*CAP_SECRET[\s\S]*TOKEN_TTL[\s\S]*LOG_LEVEL/);
		expect(() => loadConfig({ DATA_DIR: dir, DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
		expect(() => loadConfig({ DATA_DIR: dir, UPDATE_RATE: 'lots', MAX_PLAN_BYTES: '-3' })).toThrow(
			/MAX_PLAN_BYTES[\s\S]*UPDATE_RATE/
		);
	});

	it('reads limits as sizes and rates', () => {
		const { limits } = loadConfig({
			DATA_DIR: h.dir(),
			MAX_PLAN_BYTES: '8MB',
			UPDATE_RATE: '500/10s',
			PLAN_CREATION_RATE: '5/h',
			TRUST_PROXY: 'true'
		});
		expect(limits).toMatchObject({
			maxPlanBytes: 8 * 1024 * 1024,
			updateRate: { points: 500, perSeconds: 10 },
			planCreationRate: { points: 5, perSeconds: 3600 },
			joinRate: { points: 600, perSeconds: 600 },
			trustProxy: true
		});
	});

	it('generates the secret once, mode 600, and reuses it', () => {
		const dir = h.dir();
		const first = loadConfig({ DATA_DIR: dir });
		expect(first.secret.length).toBeGreaterThanOrEqual(32);
		expect(statSync(joinPath(dir, 'secret')).mode & 0o777).toBe(0o600);
		expect(loadConfig({ DATA_DIR: dir }).secret).toBe(first.secret);
		expect(loadConfig({ DATA_DIR: dir, TOKEN_TTL: '30m' }).tokenTtlMs).toBe(1_800_000);
	});
});

describe('sessions on the API', () => {
	it("every route of a plan asks for a session of that plan: 401 without one, 403 with another plan's", async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const other = await createPlan(app.url, 'Autre plan');
		const own = (await join(app.url, plan, 'facilitator', 'Claire')).token;
		const stranger = (await join(app.url, other, 'facilitator', 'Hugo')).token;
		const id = plan.planId;
		const routes: Array<[method: string, path: string, body?: unknown]> = [
			['GET', `/api/plans/${id}/invites`],
			['POST', `/api/plans/${id}/invites/editor/rotate`],
			['GET', `/api/plans/${id}/versions`],
			['POST', `/api/plans/${id}/versions`, { name: 'Avant le kickoff' }],
			['GET', `/api/plans/${id}/versions/no-such-version`],
			['POST', `/api/plans/${id}/code`, {}],
			['GET', `/api/plans/${id}/review-source`],
			['POST', '/api/plans', { title: 'Plan 2028', year: 2028, locale: 'fr', basedOn: id }]
		];
		const call = async (method: string, path: string, body: unknown, authorization?: string) => {
			const res = await fetch(`${app.url}${path}`, {
				method,
				headers: {
					...(body !== undefined && { 'content-type': 'application/json' }),
					...(authorization && { authorization })
				},
				...(body !== undefined && { body: JSON.stringify(body) })
			});
			await res.arrayBuffer();
			return res.status;
		};
		for (const [method, path, body] of routes) {
			const label = `${method} ${path}`;
			expect(await call(method, path, body), label).toBe(401);
			expect(await call(method, path, body, `Bearer not-a-token`), label).toBe(401);
			expect(await call(method, path, body, `Token ${own}`), label).toBe(401);
			expect(await call(method, path, body, `Bearer ${stranger}`), label).toBe(403);
			expect(await call(method, path, body, `Bearer ${own}`), label).not.toBeOneOf([401, 403]);
		}
	});
});
