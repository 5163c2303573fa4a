/** Real server, several providers: convergence, roles, authentication, restart. */
import { afterEach, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { CLOSE_REASONS, planDocumentName, privateDocumentName } from '@cap/protocol';
import { getSchemaVersion, SCHEMA_VERSION, selectSettings } from '@cap/plan-model';
import * as Y from 'yjs';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { acknowledged, createPlan, Harness, join, TEST_SECRET, waitFor } from './helpers.ts';
import { join as joinPath } from 'node:path';

const h = new Harness();
afterEach(() => h.cleanup());

describe('sync', () => {
	it('serves the plan initialised at creation and makes two editors converge', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url, 'Plan Ouest 2027');
		const [ana, bob] = await Promise.all([
			join(app.url, plan, 'editor', 'Ana'),
			join(app.url, plan, 'facilitator', 'Bob')
		]);
		const a = h.provider(app, planDocumentName(plan.planId), ana.token);
		const b = h.provider(app, planDocumentName(plan.planId), bob.token);
		await Promise.all([acknowledged(a.provider), acknowledged(b.provider)]);
		expect(selectSettings(a.doc)).toMatchObject({ title: 'Plan Ouest 2027', year: 2027, locale: 'fr' });

		a.doc.getMap('keyMoments').set('from-a', 1);
		b.doc.getMap('keyMoments').set('from-b', 2);
		await waitFor(() => a.doc.getMap('keyMoments').size === 2 && b.doc.getMap('keyMoments').size === 2);
		expect(a.doc.getMap('keyMoments').toJSON()).toEqual(b.doc.getMap('keyMoments').toJSON());
	});

	it('AUTH-3 a write to a part of the plan no participant writes is refused for every role, stored nowhere', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const facilitator = h.provider(app, plan.planId, (await join(app.url, plan, 'facilitator')).token);
		const editor = h.provider(app, plan.planId, (await join(app.url, plan, 'editor')).token);
		const closes: string[] = [];
		editor.provider.on('close', ({ event }: { event: { reason: string } }) => closes.push(event.reason));
		await Promise.all([acknowledged(facilitator.provider), acknowledged(editor.provider)]);

		editor.doc.getMap('secrets').set('planted', true);
		await waitFor(() => closes.length > 0);
		expect(closes).toEqual([CLOSE_REASONS.notWritable]);
		facilitator.doc.getMap('meta').set('schemaVersion', 99);
		facilitator.doc.getMap('keyMoments').set('legit', true);
		// The refused meta write sits before the legit one: nothing after it is applied either.
		const fresh = h.provider(app, plan.planId, (await join(app.url, plan, 'editor')).token);
		await acknowledged(fresh.provider);
		expect(fresh.doc.share.has('secrets')).toBe(false);
		expect(getSchemaVersion(fresh.doc)).toBe(SCHEMA_VERSION);
		const replay = new Y.Doc();
		for (const u of (await app.store.loadDocument(plan.planId)).updates) Y.applyUpdate(replay, u);
		expect(replay.share.has('secrets')).toBe(false);
		expect(getSchemaVersion(replay)).toBe(SCHEMA_VERSION);
	});

	// Commenters write their comments; their other writes are refused by closing (test/comments.test.ts).
	it.each(['viewer'] as const)('never applies, broadcasts nor stores a %s write', async (role) => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const editor = h.provider(app, plan.planId, (await join(app.url, plan, 'editor')).token);
		const reader = h.provider(app, plan.planId, (await join(app.url, plan, role)).token);
		await Promise.all([acknowledged(editor.provider), waitFor(() => reader.provider.isSynced)]);

		reader.doc.getMap('keyMoments').set('sneaky', true);
		editor.doc.getMap('keyMoments').set('legit', true);
		// The editor's write reaches the reader, so the reader's earlier write had time to arrive too.
		await waitFor(() => reader.doc.getMap('keyMoments').get('legit') === true);
		await acknowledged(editor.provider);
		// The server answers the refused update with a negative ack: it stays unsynced.
		expect(reader.provider.hasUnsyncedChanges).toBe(true);
		expect(editor.doc.getMap('keyMoments').has('sneaky')).toBe(false);

		// A fresh client sees what the server holds: the editor's write only.
		const fresh = h.provider(app, plan.planId, (await join(app.url, plan, 'editor')).token);
		await acknowledged(fresh.provider);
		expect(fresh.doc.getMap('keyMoments').toJSON()).toEqual({ legit: true });
		const stored = await app.store.loadDocument(plan.planId);
		const replay = new Y.Doc();
		for (const u of stored.updates) Y.applyUpdate(replay, u);
		expect(replay.getMap('keyMoments').toJSON()).toEqual({ legit: true });
	});
});

describe('authentication', () => {
	const forge = (claims: Record<string, unknown>, secret = TEST_SECRET, exp?: number) => {
		const jwt = new SignJWT({
			typ: 'session',
			role: 'editor',
			participantId: 'abcdefghijkl',
			name: 'X',
			...claims
		})
			.setProtectedHeader({ alg: 'HS256' })
			.setIssuedAt(exp ? exp - 60 : undefined);
		if (exp) jwt.setExpirationTime(exp);
		return jwt.sign(new TextEncoder().encode(secret));
	};

	it('refuses forged, expired, other-plan and invite tokens with the matching reason', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const other = await createPlan(app.url);
		const otherToken = (await join(app.url, other, 'editor')).token;
		const inviteToken = plan.invites.editor.split('/join/')[1]!;
		const cases: Array<[string, string]> = [
			[
				await forge({ planId: plan.planId }, 'another-secret-another-secret-another-secret'),
				CLOSE_REASONS.tokenInvalid
			],
			['not-a-jwt', CLOSE_REASONS.tokenInvalid],
			[decodeURIComponent(inviteToken), CLOSE_REASONS.tokenInvalid],
			[
				await forge({ planId: plan.planId }, TEST_SECRET, Math.floor(Date.now() / 1000) - 10),
				CLOSE_REASONS.tokenExpired
			],
			[otherToken, CLOSE_REASONS.wrongPlan]
		];
		const clients = cases.map(([token]) => h.provider(app, plan.planId, token));
		await waitFor(() => clients.every((c) => c.failures.length > 0), 5_000, 'refusals');
		expect(clients.map((c) => c.failures[0])).toEqual(cases.map(([, reason]) => reason));
		expect(clients.every((c) => !c.provider.isSynced)).toBe(true);
	});

	it('opens a private document to its participant only, and refuses unknown names', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const ana = await join(app.url, plan, 'editor', 'Ana');
		const bob = await join(app.url, plan, 'editor', 'Bob');
		const own = h.provider(app, privateDocumentName(plan.planId, ana.participantId), ana.token);
		const foreign = h.provider(app, privateDocumentName(plan.planId, ana.participantId), bob.token);
		const unknown = h.provider(app, 'not a document', ana.token);
		await acknowledged(own.provider);
		await waitFor(() => foreign.failures.length > 0 && unknown.failures.length > 0);
		expect(foreign.failures[0]).toBe(CLOSE_REASONS.unknownDocument);
		expect(unknown.failures[0]).toBe(CLOSE_REASONS.unknownDocument);
	});

	it('refuses a valid token for a plan that no longer exists in the store', async () => {
		const app = await h.start();
		const ghost = await forge({ planId: 'ghost_plan_id_0001' });
		const client = h.provider(app, 'ghost_plan_id_0001', ghost);
		await waitFor(() => client.failures.length > 0);
		expect(client.failures[0]).toBe(CLOSE_REASONS.planNotFound);
	});
});

describe('restart', () => {
	it('keeps acknowledged data across a clean restart, compacted or not', async () => {
		const config = h.config();
		const first = await h.start(config);
		const plan = await createPlan(first.url);
		const editor = await join(first.url, plan, 'editor');
		const a = h.provider(first, plan.planId, editor.token);
		await acknowledged(a.provider);
		for (let i = 0; i < 20; i++) a.doc.getMap('keyMoments').set(`k${i}`, i);
		await acknowledged(a.provider);
		a.provider.destroy();
		await first.close();

		// Shutdown compacted the log into few rows.
		const store = await openSqliteStore(joinPath(config.dataDir, 'cap.sqlite'));
		expect((await store.loadDocument(plan.planId)).updates.length).toBeLessThanOrEqual(2);
		await store.close();

		const second = await h.start(config);
		const b = h.provider(second, plan.planId, (await join(second.url, plan, 'viewer')).token);
		await waitFor(() => b.doc.getMap('keyMoments').size === 20);
		expect(selectSettings(b.doc).title).toBe('Plan commercial 2027');
	});
});

describe('loading', () => {
	it('migrates an older stored plan before clients see it, and stores the migration', async () => {
		const config = h.config();
		const store = await openSqliteStore(joinPath(config.dataDir, 'cap.sqlite'));
		h.defer(() => store.close());
		// A settings-only document, as the first prototype wrote them (schema version 0).
		const old = new Y.Doc();
		old.getMap('settings').set('title', 'Ancien plan');
		const planId = 'old_plan_id_00001';
		await store.createPlan(
			{ id: planId, title: 'Ancien plan', year: 2026, locale: 'fr', createdAt: Date.now() },
			Y.encodeStateAsUpdate(old)
		);
		const app = await h.start(config, { store });
		const editor = await join(
			app.url,
			{ planId, invites: { editor: await inviteFor(planId) } } as never,
			'editor'
		);
		const a = h.provider(app, planId, editor.token);
		await acknowledged(a.provider);
		expect(getSchemaVersion(a.doc)).toBe(SCHEMA_VERSION);
		expect(selectSettings(a.doc)).toMatchObject({ title: 'Ancien plan', currency: expect.any(String) });
		// The migration's update is a row of its own, so it survives a crash like any other change.
		await waitFor(async () => (await store.loadDocument(planId)).updates.length >= 2);
	});
});

async function inviteFor(planId: string): Promise<string> {
	const { createTokens } = await import('../src/tokens.ts');
	return createTokens(TEST_SECRET, 60_000).signInvite(planId, 'editor');
}
