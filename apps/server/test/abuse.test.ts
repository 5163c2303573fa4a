/**
 * Bounds under abuse: each limit is hit, answered with its named refusal, and the plan's other
 * participants and other plans keep working; presence comes from the token; an expired token ends its
 * connection; nothing is acknowledged without storage; an unreadable stored row is kept apart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { splitUpdate } from '@cap/plan-model';
import {
	CLOSE_REASONS,
	MAX_MESSAGE_BYTES,
	participantColor,
	planDocumentName,
	type AwarenessUser
} from '@cap/protocol';
import * as Y from 'yjs';
import { openSqliteStore } from '../src/store/sqlite.ts';
import type { Store, WriteJob } from '../src/store/types.ts';
import { createTokens } from '../src/tokens.ts';
import { acknowledged, createPlan, Harness, join, post, TEST_SECRET, waitFor, wsUrl } from './helpers.ts';
import { workshopClient } from './workshop-helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

/** A provider on a plan that records the reasons its document connection was closed or refused. */
function client(url: string, planId: string, token: string) {
	const doc = new Y.Doc();
	const closes: string[] = [];
	const provider = new HocuspocusProvider({
		url: wsUrl(url),
		name: planDocumentName(planId),
		token,
		document: doc,
		onAuthenticationFailed: ({ reason }) => closes.push(reason),
		onClose: ({ event }) => closes.push(event.reason)
	});
	h.defer(() => provider.destroy());
	return { doc, provider, closes };
}

/** Writes `key` in the keyMoments map of `doc` and waits until `reader` has it. */
async function roundTrip(writer: Y.Doc, reader: Y.Doc, key: string): Promise<void> {
	writer.getMap('keyMoments').set(key, 1);
	await waitFor(() => reader.getMap('keyMoments').has(key), 5_000, `${key} to arrive`);
}

describe('limits', () => {
	it('MAX_PLAN_BYTES: an update that would take the plan past it is refused; other plans go on', async () => {
		const app = await h.start(h.config({ MAX_PLAN_BYTES: '64KB' }));
		const plan = await createPlan(app.url);
		const other = await createPlan(app.url, 'Autre plan');
		const editor = client(app.url, plan.planId, (await join(app.url, plan, 'editor', 'Éva')).token);
		const reader = client(app.url, plan.planId, (await join(app.url, plan, 'viewer', 'Victor')).token);
		await Promise.all([acknowledged(editor.provider), acknowledged(reader.provider)]);

		editor.doc.getMap('keyMoments').set('huge', 'x'.repeat(80 * 1024));
		await waitFor(() => editor.closes.includes(CLOSE_REASONS.planTooLarge), 5_000, 'plan-too-large');
		expect(reader.doc.getMap('keyMoments').has('huge')).toBe(false);

		// Another plan of the same server takes edits at once.
		const a = client(app.url, other.planId, (await join(app.url, other, 'editor', 'Ana')).token);
		const b = client(app.url, other.planId, (await join(app.url, other, 'editor', 'Ben')).token);
		await Promise.all([acknowledged(a.provider), acknowledged(b.provider)]);
		await roundTrip(a.doc, b.doc, 'fine');
	});

	it('MAX_CONNECTIONS_PER_PARTICIPANT and MAX_CONNECTIONS_PER_PLAN refuse one more, and nobody else', async () => {
		const app = await h.start(
			h.config({ MAX_CONNECTIONS_PER_PARTICIPANT: '2', MAX_CONNECTIONS_PER_PLAN: '4', RESERVED_SEATS: '1' })
		);
		const plan = await createPlan(app.url);
		const eva = (await join(app.url, plan, 'editor', 'Éva')).token;
		const tabs = [client(app.url, plan.planId, eva), client(app.url, plan.planId, eva)];
		await Promise.all(tabs.map((t) => acknowledged(t.provider)));
		const third = client(app.url, plan.planId, eva);
		await waitFor(() => third.closes.includes(CLOSE_REASONS.tooManyConnections), 5_000, 'refusal');

		// Others still join, up to the plan's limit.
		const ben = client(app.url, plan.planId, (await join(app.url, plan, 'editor', 'Ben')).token);
		const cleo = client(app.url, plan.planId, (await join(app.url, plan, 'editor', 'Cléo')).token);
		await Promise.all([acknowledged(ben.provider), acknowledged(cleo.provider)]);
		await roundTrip(ben.doc, tabs[0]!.doc, 'still-live');
		const fifth = client(app.url, plan.planId, (await join(app.url, plan, 'editor', 'Dan')).token);
		await waitFor(() => fifth.closes.includes(CLOSE_REASONS.tooManyConnections), 5_000, 'plan refusal');
	});

	it('UPDATE_RATE closes the flooding connection only; the others keep editing', async () => {
		const app = await h.start(h.config({ UPDATE_RATE: '30/s' }));
		const plan = await createPlan(app.url);
		const flood = client(app.url, plan.planId, (await join(app.url, plan, 'editor', 'Flo')).token);
		const calm = client(app.url, plan.planId, (await join(app.url, plan, 'editor', 'Calme')).token);
		const peer = client(app.url, plan.planId, (await join(app.url, plan, 'editor', 'Pair')).token);
		await Promise.all([flood, calm, peer].map((c) => acknowledged(c.provider)));
		for (let i = 0; i < 200; i++) flood.doc.getMap('keyMoments').set(`f${i}`, i);
		await waitFor(() => flood.closes.includes(CLOSE_REASONS.rateLimited), 5_000, 'rate-limited');
		await roundTrip(calm.doc, peer.doc, 'calm');
	});

	it('COMMAND_RATE refuses workshop commands past the rate with rate-limited, not the connection', async () => {
		const app = await h.start(h.config({ COMMAND_RATE: '5/m' }));
		const plan = await createPlan(app.url);
		const facilitator = await workshopClient(h, app, plan, 'facilitator', 'Marie');
		const other = await workshopClient(h, app, plan, 'editor', 'Éva');
		const replies = [];
		for (let i = 0; i < 8; i++) replies.push(await facilitator.send({ t: 'addIdea', title: `Idée ${i}` }));
		const refused = replies.filter((r) => r.t === 'ack' && !r.ok && r.error === 'rate-limited');
		expect(replies.filter((r) => r.t === 'ack' && r.ok)).toHaveLength(5);
		expect(refused).toHaveLength(3);
		// Another participant's commands are counted apart.
		await other.ok({ t: 'addIdea', title: 'La mienne' });
		expect(facilitator.closes).toEqual([]);
	});

	it('PLAN_CREATION_RATE and JOIN_RATE answer 429 with Retry-After per address', async () => {
		const app = await h.start(h.config({ PLAN_CREATION_RATE: '2/h', JOIN_RATE: '3/m' }));
		const plan = await createPlan(app.url);
		await createPlan(app.url);
		const body = { title: 'Encore un', year: 2027, locale: 'fr' };
		const res = await fetch(`${app.url}/api/plans`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
		expect(res.status).toBe(429);
		expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await res.json()).toMatchObject({ error: 'rate_limited' });
		for (let i = 0; i < 3; i++) await join(app.url, plan, 'editor', `P${i}`);
		const refused = await post<{ error: string }>(app.url, '/api/join', {
			invite: plan.invites.editor,
			name: 'P4'
		});
		expect([refused.status, refused.body.error]).toEqual([429, 'rate_limited']);
	});

	it('MAX_PRESENCE_BYTES closes a connection sending an oversized presence; others see nothing of it', async () => {
		const app = await h.start(h.config({ MAX_PRESENCE_BYTES: '1KB' }));
		const plan = await createPlan(app.url);
		const big = client(app.url, plan.planId, (await join(app.url, plan, 'editor', 'Gros')).token);
		const other = client(app.url, plan.planId, (await join(app.url, plan, 'editor', 'Autre')).token);
		await Promise.all([acknowledged(big.provider), acknowledged(other.provider)]);
		big.provider.setAwarenessField('junk', 'x'.repeat(4_000));
		await waitFor(() => big.closes.includes(CLOSE_REASONS.presenceTooLarge), 5_000, 'presence-too-large');
		const states = [...other.provider.awareness!.getStates().values()];
		expect(states.some((s) => 'junk' in s)).toBe(false);
	});
});

describe('a local change over the message limit', () => {
	it('is sent in pieces (SYNC-1) that the server takes; whole, it is refused', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const editor = client(app.url, plan.planId, (await join(app.url, plan, 'editor', 'Éva')).token);
		const reader = client(app.url, plan.planId, (await join(app.url, plan, 'viewer', 'Vic')).token);
		await Promise.all([acknowledged(editor.provider), acknowledged(reader.provider)]);
		// As the web app's PlanSync does: the provider's update listener sends pieces.
		const whole = editor.provider.boundDocumentUpdateHandler;
		editor.doc.off('update', whole);
		editor.provider.boundDocumentUpdateHandler = (update: Uint8Array, origin: unknown) => {
			for (const piece of splitUpdate(update, MAX_MESSAGE_BYTES / 2)) whole(piece, origin);
		};
		editor.doc.on('update', editor.provider.boundDocumentUpdateHandler);

		let size = 0;
		editor.doc.once('update', (update: Uint8Array) => (size = update.byteLength));
		editor.doc.transact(() => {
			for (let i = 0; i < 2_600; i++)
				editor.doc.getMap('keyMoments').set(`m${i}`, `${i} ${'x'.repeat(1_000)}`);
		});
		expect(size).toBeGreaterThan(MAX_MESSAGE_BYTES);
		await waitFor(() => reader.doc.getMap('keyMoments').size === 2_600, 20_000, 'every piece');
		await acknowledged(editor.provider, 20_000);
		expect(editor.closes).toEqual([]);

		// The same change unsplit is over the limit: the server closes that socket (1009) and takes nothing.
		const other = client(app.url, plan.planId, (await join(app.url, plan, 'editor', 'Ben')).token);
		await acknowledged(other.provider);
		const closed = new Promise<number>((resolve) =>
			other.provider.configuration.websocketProvider.on('close', ({ event }: { event: { code: number } }) =>
				resolve(event.code)
			)
		);
		other.doc.transact(() => {
			for (let i = 0; i < 2_600; i++) other.doc.getMap('keyMoments').set(`n${i}`, 'y'.repeat(1_000));
		});
		expect(await closed).toBe(1009);
		expect(reader.doc.getMap('keyMoments').has('n0')).toBe(false);
	});
});

describe('presence comes from the token', () => {
	it('a viewer claiming to be the facilitator is shown to others as who their token says', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const marie = await join(app.url, plan, 'facilitator', 'Marie');
		const viewer = await join(app.url, plan, 'viewer', 'Victor');
		const forger = client(app.url, plan.planId, viewer.token);
		const watcher = client(app.url, plan.planId, marie.token);
		await Promise.all([acknowledged(forger.provider), acknowledged(watcher.provider)]);
		forger.provider.setAwarenessField('user', {
			participantId: marie.participantId,
			name: 'Marie',
			role: 'facilitator',
			color: '#ff0000',
			section: 'workshop'
		});
		const seen = await waitFor(
			() =>
				[...watcher.provider.awareness!.getStates().values()]
					.map((s) => s.user as AwarenessUser | undefined)
					.find((u) => u?.section === 'workshop'),
			5_000,
			"the forger's presence"
		);
		expect(seen).toEqual({
			participantId: viewer.participantId,
			name: 'Victor',
			role: 'viewer',
			color: participantColor(viewer.participantId),
			section: 'workshop'
		});
	});
});

describe('session expiry on an open connection', () => {
	it('ends a connection when its token expires, unless a renewed token was sent on it', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const eva = await join(app.url, plan, 'editor', 'Éva');
		// Tokens signed with the server's secret: one about to expire, and its renewal for the same person.
		const claims = {
			planId: plan.planId,
			role: 'editor' as const,
			participantId: eva.participantId,
			name: 'Éva'
		};
		const short = await createTokens(TEST_SECRET, 1_500).signSession(claims);
		const renewed = await createTokens(TEST_SECRET, 3_600_000).signSession(claims);
		const expiring = client(app.url, plan.planId, short.token);
		let current = short.token;
		const renewing = new HocuspocusProvider({
			url: wsUrl(app.url),
			name: planDocumentName(plan.planId),
			token: () => current,
			document: new Y.Doc()
		});
		h.defer(() => renewing.destroy());
		await Promise.all([acknowledged(expiring.provider), acknowledged(renewing)]);
		current = renewed.token;
		await renewing.sendToken();

		await waitFor(() => expiring.closes.includes(CLOSE_REASONS.tokenExpired), 5_000, 'token-expired');
		expect(Date.now()).toBeGreaterThanOrEqual(short.expiresAt);
		// The renewed connection is still open and its edits still sync.
		const reader = client(app.url, plan.planId, (await join(app.url, plan, 'viewer', 'Vic')).token);
		await acknowledged(reader.provider);
		await roundTrip(renewing.document, reader.doc, 'after-expiry');
	});
});

describe('nothing acknowledged without storage', () => {
	it('a workshop command whose writes fail to commit is answered store-failed, never ok', async () => {
		const config = h.config();
		const real = await openSqliteStore(`${config.dataDir}/cap.sqlite`);
		h.defer(() => real.close());
		let failing = false;
		const store: Store = {
			...real,
			writeBatch: (jobs: WriteJob[]) =>
				failing ? Promise.reject(new Error('disk full (injected)')) : real.writeBatch(jobs)
		};
		const app = await h.start(config, { store });
		const plan = await createPlan(app.url);
		const facilitator = await workshopClient(h, app, plan, 'facilitator', 'Marie');
		const eva = await workshopClient(h, app, plan, 'editor', 'Éva');
		// Silent writing: an idea is a draft in the writer's private document, nothing in the plan's.
		await facilitator.ok({ t: 'phase', phase: 'silentWriting' });
		await eva.ok({ t: 'addIdea', title: 'Gardée' });
		failing = true;
		const reply = await eva.send({ t: 'addIdea', title: 'Perdue' });
		expect(reply).toMatchObject({ t: 'ack', ok: false, error: 'store-failed' });
	});

	it('an unreadable stored update is set aside at load, reported by /healthz, and never deleted', async () => {
		const config = h.config();
		const store = await openSqliteStore(`${config.dataDir}/cap.sqlite`);
		h.defer(() => store.close());
		const app = await h.start(config, { store });
		const plan = await createPlan(app.url);
		await store.appendUpdate(planDocumentName(plan.planId), new Uint8Array([255, 255, 1, 2, 3]));

		const editor = client(app.url, plan.planId, (await join(app.url, plan, 'editor', 'Éva')).token);
		await acknowledged(editor.provider);
		editor.doc.getMap('keyMoments').set('after', 1);
		await acknowledged(editor.provider);
		const health = await (await fetch(`${app.url}/healthz`)).json();
		expect(health).toEqual({ ok: true, setAsideUpdates: 1 });
		// Compaction (debounced 200 ms in tests) runs over the plan and leaves the set-aside row alone.
		await waitFor(async () => (await store.loadDocument(planDocumentName(plan.planId))).updates.length === 1);
		expect(await store.countSetAside()).toBe(1);
		const metrics = await (await fetch(`${app.url}/metrics`)).text();
		expect(metrics).toMatch(/^cap_stored_updates_set_aside_total 1$/m);
	});
});

describe('HTTP', () => {
	it('a malformed join code is a 400, not a 500', async () => {
		const app = await h.start();
		const res = await fetch(`${app.url}/api/code/%ZZ`);
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({ error: 'invalid_code' });
	});

	it('refuses control and text-direction characters in titles and names (TXT-1)', async () => {
		const app = await h.start();
		const bad = await post<{ field: string }>(app.url, '/api/plans', {
			title: 'Plan\u202E7202',
			year: 2027,
			locale: 'fr'
		});
		expect([bad.status, bad.body.field]).toEqual([400, 'title']);
		const plan = await createPlan(app.url);
		const name = await post<{ field: string }>(app.url, '/api/join', {
			invite: plan.invites.editor,
			name: 'Éva\u0000'
		});
		expect([name.status, name.body.field]).toEqual([400, 'name']);
	});

	it('every answer carries the security headers; /metrics counts refusals', async () => {
		const app = await h.start();
		for (const path of ['/healthz', '/join/abc', '/api/nothing']) {
			const res = await fetch(`${app.url}${path}`);
			expect(res.headers.get('referrer-policy')).toBe('no-referrer');
			expect(res.headers.get('x-frame-options')).toBe('DENY');
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		}
		expect((await fetch(`${app.url}/healthz`)).headers.get('content-security-policy')).toContain(
			"frame-ancestors 'none'"
		);
		const plan = await createPlan(app.url);
		const stranger = client(app.url, plan.planId, 'not-a-token');
		await waitFor(() => stranger.closes.includes(CLOSE_REASONS.tokenInvalid));
		const metrics = await (await fetch(`${app.url}/metrics`)).text();
		expect(metrics).toMatch(/^cap_refusals_total\{reason="token-invalid"\} 1$/m);
		expect(metrics).toMatch(/^cap_connections 0$/m);
	});
});
