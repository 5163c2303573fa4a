/**
 * Capacity that no single holder can exhaust (issue #22): seats kept for facilitators and editors, a cap
 * per client address on a document's connections, seconds and a few bytes for a socket that has not
 * authenticated, and HTTP connections bounded in time and per address.
 */
import { connect, type Socket } from 'node:net';
import { get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { CLOSE_REASONS, planDocumentName } from '@cap/protocol';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { acknowledged, createPlan, Harness, join, waitFor, wsUrl } from './helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

/** A websocket client that connects from `localAddress` (another loopback address is another visitor). */
function websocketFrom(localAddress: string) {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { localAddress });
		}
	};
}

function client(url: string, planId: string, token: string, from = '127.0.0.1') {
	const doc = new Y.Doc();
	const closes: string[] = [];
	const websocketProvider = new HocuspocusProviderWebsocket({
		url: wsUrl(url),
		WebSocketPolyfill: websocketFrom(from)
	});
	const provider = new HocuspocusProvider({
		websocketProvider,
		name: planDocumentName(planId),
		token,
		document: doc,
		onAuthenticationFailed: ({ reason }) => closes.push(reason),
		onClose: ({ event }) => closes.push(event.reason)
	});
	// A provider given its own websocket attaches to it explicitly.
	provider.attach();
	h.defer(() => websocketProvider.destroy());
	h.defer(() => provider.destroy());
	return { doc, provider, closes };
}

/** Settles once the provider is either synced or refused. */
async function outcome(c: ReturnType<typeof client>): Promise<'in' | 'refused'> {
	await waitFor(() => c.provider.isSynced || c.closes.includes(CLOSE_REASONS.tooManyConnections));
	return c.provider.isSynced ? 'in' : 'refused';
}

/** A TCP connection from `localAddress` that sends half a request and never the rest. */
function halfRequest(port: number, localAddress = '127.0.0.1') {
	const socket = connect({ host: '127.0.0.1', port, localAddress });
	let closed = false;
	socket.on('close', () => (closed = true));
	socket.on('error', () => {});
	// Reads what the server answers (a 408), so the socket ends and closes.
	socket.resume();
	socket.write('GET /healthz HTTP/1.1\r\nHost: cap\r\nX-Slow: ');
	h.defer(() => socket.destroy());
	return { socket, closed: () => closed };
}

function healthFrom(port: number, localAddress: string): Promise<number> {
	return new Promise((resolve, reject) => {
		get({ host: '127.0.0.1', port, path: '/healthz', localAddress, agent: false }, (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		}).on('error', reject);
	});
}

describe('connections no single holder can exhaust', () => {
	it('keeps RESERVED_SEATS of a plan for facilitators and editors: viewers fill the rest only', async () => {
		const app = await h.start(
			h.config({ MAX_CONNECTIONS_PER_PLAN: '6', RESERVED_SEATS: '2', MAX_CONNECTIONS_PER_ADDRESS: '100' })
		);
		const plan = await createPlan(app.url);
		// One viewer link, joined again and again: each join is a new participant.
		const viewers = [];
		for (let i = 0; i < 6; i++) {
			viewers.push(client(app.url, plan.planId, (await join(app.url, plan, 'viewer', `V${i}`)).token));
		}
		const outcomes = [];
		for (const viewer of viewers) outcomes.push(await outcome(viewer));
		expect(outcomes.filter((o) => o === 'in')).toHaveLength(4);
		expect(outcomes.filter((o) => o === 'refused')).toHaveLength(2);

		const boss = client(app.url, plan.planId, (await join(app.url, plan, 'facilitator', 'Fanny')).token);
		const editor = client(app.url, plan.planId, (await join(app.url, plan, 'editor', 'Éva')).token);
		expect([await outcome(boss), await outcome(editor)]).toEqual(['in', 'in']);
		await acknowledged(boss.provider);
		boss.doc.getMap('keyMoments').set('kickoff', 1);
		await waitFor(() => editor.doc.getMap('keyMoments').has('kickoff'));
	});

	it('MAX_CONNECTIONS_PER_ADDRESS refuses one address past it; another address still joins', async () => {
		const app = await h.start(h.config({ MAX_CONNECTIONS_PER_ADDRESS: '3' }));
		const plan = await createPlan(app.url);
		const here = [];
		for (let i = 0; i < 4; i++) {
			here.push(client(app.url, plan.planId, (await join(app.url, plan, 'viewer', `V${i}`)).token));
		}
		const outcomes = [];
		for (const c of here) outcomes.push(await outcome(c));
		expect(outcomes).toEqual(['in', 'in', 'in', 'refused']);
		const elsewhere = client(
			app.url,
			plan.planId,
			(await join(app.url, plan, 'editor', 'Éva')).token,
			'127.0.0.2'
		);
		expect(await outcome(elsewhere)).toBe('in');
	});
});

describe('sockets that do not authenticate', () => {
	it('closes a websocket that has not authenticated within AUTH_TIMEOUT; authenticated ones stay', async () => {
		const app = await h.start(h.config({ AUTH_TIMEOUT: '1s' }));
		const plan = await createPlan(app.url);
		const member = client(app.url, plan.planId, (await join(app.url, plan, 'editor', 'Éva')).token);
		await acknowledged(member.provider);
		const silent = new WebSocket(wsUrl(app.url));
		h.defer(() => silent.terminate());
		const closed = new Promise<{ code: number; reason: string }>((resolve) =>
			silent.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
		);
		expect(await closed).toMatchObject({ reason: CLOSE_REASONS.authTimeout });
		// The member, connected well before, is still in and still syncing.
		const other = client(app.url, plan.planId, (await join(app.url, plan, 'editor', 'Ben')).token);
		await acknowledged(other.provider);
		member.doc.getMap('keyMoments').set('still-here', 1);
		await waitFor(() => other.doc.getMap('keyMoments').has('still-here'));
		expect(member.closes).toEqual([]);
	});

	it('closes a websocket that sends more than MAX_PREAUTH_BYTES before authenticating', async () => {
		const app = await h.start(h.config({ MAX_PREAUTH_BYTES: '16KB' }));
		const socket = new WebSocket(wsUrl(app.url));
		h.defer(() => socket.terminate());
		await new Promise((resolve) => socket.once('open', resolve));
		const closed = new Promise<string>((resolve) =>
			socket.on('close', (_c, reason) => resolve(reason.toString()))
		);
		// Sync messages for a document never authenticated: Hocuspocus would queue them (5 MiB by default).
		const frame = new Uint8Array(4 * 1024);
		frame.set([4, 0x61, 0x62, 0x63, 0x64, 0]);
		for (let i = 0; i < 8; i++) socket.send(frame);
		expect(await closed).toBe(CLOSE_REASONS.preauthTooLarge);
	});
});

describe('HTTP connections', () => {
	it('closes a request whose headers do not arrive within HEADERS_TIMEOUT', async () => {
		const app = await h.start(h.config({ HEADERS_TIMEOUT: '1s' }));
		const slow = halfRequest(app.port);
		await waitFor(() => slow.closed(), 4_000, 'the slow request to be closed');
	});

	it('MAX_SOCKETS_PER_ADDRESS: one address holding half-sent requests does not keep others out', async () => {
		const app = await h.start(h.config({ MAX_SOCKETS_PER_ADDRESS: '5' }));
		const held: Array<{ socket: Socket; closed: () => boolean }> = [];
		for (let i = 0; i < 5; i++) held.push(halfRequest(app.port));
		await waitFor(() => held.every((s) => s.socket.readyState === 'open'));
		const oneMore = halfRequest(app.port);
		await waitFor(() => oneMore.closed(), 5_000, 'the extra connection to be closed');
		expect(await healthFrom(app.port, '127.0.0.2')).toBe(200);
		expect(held.some((s) => s.closed())).toBe(false);
	});
});
