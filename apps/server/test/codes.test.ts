/**
 * Room codes that cannot be guessed or hoarded (issue #22): long codes, lookups rate-limited per address
 * and per code, a cap on a plan's live codes, and an invite that expires with its code unless the
 * facilitator chooses otherwise.
 */
import { get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
	JOIN_CODE_PATTERN,
	type ApiError,
	type CreateJoinCodeRequest,
	type CreateJoinCodeResponse,
	type JoinResponse
} from '@cap/protocol';
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { acknowledged, createPlan, Harness, join, post, storedDoc, waitFor, wsUrl } from './helpers.ts';
import { workshopClient } from './workshop-helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

async function codeFor(url: string, planId: string, token: string, body: CreateJoinCodeRequest = {}) {
	const res = await fetch(`${url}/api/plans/${planId}/code`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	return { status: res.status, body: (await res.json()) as CreateJoinCodeResponse & ApiError };
}

/** `GET /api/code/:code` from `localAddress` (another loopback address is another visitor). */
function lookup(url: string, code: string, localAddress = '127.0.0.1') {
	const { port } = new URL(url);
	return new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
		get({ host: '127.0.0.1', port, path: `/api/code/${code}`, localAddress, agent: false }, (res) => {
			res.resume();
			resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] });
		}).on('error', reject);
	});
}

describe('room codes', () => {
	it('are eight characters read aloud easily', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const boss = await join(app.url, plan, 'facilitator');
		const { body } = await codeFor(app.url, plan.planId, boss.token);
		expect(body.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
		expect(JOIN_CODE_PATTERN.test(body.code)).toBe(true);
	});

	it('CODE_LOOKUP_RATE: an address that guesses is answered 429; another address still resolves the code', async () => {
		const app = await h.start(h.config({ CODE_LOOKUP_RATE: '5/m' }));
		const plan = await createPlan(app.url);
		const boss = await join(app.url, plan, 'facilitator');
		const { body } = await codeFor(app.url, plan.planId, boss.token);
		const guesses = [];
		for (let i = 0; i < 6; i++) guesses.push(await lookup(app.url, `ZZZZZZZ${'23456789'[i]}`));
		expect(guesses.map((g) => g.status)).toEqual([404, 404, 404, 404, 404, 429]);
		expect(Number(guesses[5]!.retryAfter)).toBeGreaterThan(0);
		// Even the right code is refused to the guesser for now; someone else in the room gets it.
		expect((await lookup(app.url, body.code)).status).toBe(429);
		expect((await lookup(app.url, body.code, '127.0.0.2')).status).toBe(200);
	});

	it('CODE_USE_RATE bounds the lookups of one code', async () => {
		const app = await h.start(h.config({ CODE_USE_RATE: '3/m' }));
		const plan = await createPlan(app.url);
		const boss = await join(app.url, plan, 'facilitator');
		const { body } = await codeFor(app.url, plan.planId, boss.token);
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await lookup(app.url, body.code, `127.0.0.${i + 2}`)).status);
		expect(statuses).toEqual([200, 200, 200, 429]);
	});

	it('MAX_LIVE_CODES: a plan holds so many live codes, and one more is refused with a message', async () => {
		const app = await h.start(h.config({ MAX_LIVE_CODES: '3' }));
		const plan = await createPlan(app.url);
		const other = await createPlan(app.url, 'Autre plan');
		const boss = await join(app.url, plan, 'facilitator');
		for (let i = 0; i < 3; i++) expect((await codeFor(app.url, plan.planId, boss.token)).status).toBe(201);
		const refused = await codeFor(app.url, plan.planId, boss.token);
		expect(refused.status).toBe(409);
		expect(refused.body).toMatchObject({ error: 'too_many_codes' });
		expect(refused.body.message).toMatch(/3 live codes/);
		const otherBoss = await join(app.url, other, 'facilitator');
		expect((await codeFor(app.url, other.planId, otherBoss.token)).status).toBe(201);
	});

	it("a code's invite and the sessions it opens end with the code, unless the facilitator keeps them", async () => {
		const app = await h.start(h.config({ CODE_TTL: '2s' }));
		const plan = await createPlan(app.url);
		const boss = await join(app.url, plan, 'facilitator');
		const brief = (await codeFor(app.url, plan.planId, boss.token)).body;
		const lasting = (await codeFor(app.url, plan.planId, boss.token, { lasting: true })).body;
		const joined = await post<JoinResponse>(app.url, '/api/join', { invite: brief.invite, name: 'Léa' });
		expect(joined.status).toBe(200);
		expect(joined.body.expiresAt).toBeLessThanOrEqual(brief.expiresAt);
		const kept = await post<JoinResponse>(app.url, '/api/join', { invite: lasting.invite, name: 'Max' });
		expect(kept.body.expiresAt).toBeGreaterThan(lasting.expiresAt + 3_600_000);

		await waitFor(async () => (await lookup(app.url, brief.code)).status === 404, 5_000, 'the code to end');
		const late = await post<ApiError>(app.url, '/api/join', {
			invite: brief.invite,
			name: 'Léa',
			previousToken: joined.body.token
		});
		expect(late).toMatchObject({ status: 400, body: { error: 'invite_expired', field: 'invite' } });
		const still = await post<JoinResponse>(app.url, '/api/join', {
			invite: lasting.invite,
			name: 'Max',
			previousToken: kept.body.token
		});
		expect([still.status, still.body.participantId]).toEqual([200, kept.body.participantId]);
	});

	it("a participant code's session writes nothing in the plan itself; its workshop commands still count", async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const boss = await workshopClient(h, app, plan, 'facilitator', 'Fanny');
		const participantCode = (await codeFor(app.url, plan.planId, boss.token)).body;
		const editorCode = (await codeFor(app.url, plan.planId, boss.token, { role: 'editor' })).body;

		async function byCode(invite: string, name: string) {
			const session = (await post<JoinResponse>(app.url, '/api/join', { invite, name })).body;
			const doc = new Y.Doc();
			let scope: string | undefined;
			let replied: (payload: string) => void = () => {};
			const provider = new HocuspocusProvider({
				url: wsUrl(app.url),
				name: plan.planId,
				token: session.token,
				document: doc,
				onAuthenticated: (data) => (scope = data.scope),
				onStateless: ({ payload }) => replied(payload)
			});
			h.defer(() => provider.destroy());
			await waitFor(() => provider.isSynced);
			const command = (message: object) => {
				const reply = new Promise<{ ok: boolean }>((resolve) => (replied = (p) => resolve(JSON.parse(p))));
				provider.sendStateless(JSON.stringify({ id: `c-${name}`, ...message }));
				return reply;
			};
			return { session, doc, provider, scope: () => scope, command };
		}

		const lucas = await byCode(participantCode.invite, 'Lucas');
		expect(lucas.session.role).toBe('commenter');
		expect(lucas.scope()).toBe('readonly');
		// A direct write (a comment thread, the review's sales feedback) is not his to make here.
		lucas.doc.getMap('commentThreads').set('t1', new Y.Map());
		expect(await lucas.command({ t: 'addIdea', title: 'Webinaire partenaires' })).toMatchObject({ ok: true });
		await waitFor(() => [...boss.doc.getMap('ideas').values()].length === 1, 5_000, 'his idea');
		expect(boss.doc.getMap('commentThreads').has('t1')).toBe(false);
		expect((await storedDoc(app.store, plan.planId)).getMap('commentThreads').has('t1')).toBe(false);

		// Nor does he read the plan's versions or its review material over HTTP.
		for (const path of [`/api/plans/${plan.planId}/versions`, `/api/plans/${plan.planId}/review-source`]) {
			const res = await fetch(`${app.url}${path}`, {
				headers: { authorization: `Bearer ${lucas.session.token}` }
			});
			expect(res.status, path).toBe(403);
		}

		const eva = await byCode(editorCode.invite, 'Éva');
		expect(eva.scope()).toBe('read-write');
		eva.doc.getMap('keyMoments').set('salon', new Y.Map());
		await acknowledged(eva.provider);
		await waitFor(() => boss.doc.getMap('keyMoments').has('salon'));
	});
});
