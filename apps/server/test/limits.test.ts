/** A bad or oversized frame closes its own socket only; the server and other clients go on. */
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES, CLOSE_REASONS, MAX_MESSAGE_BYTES } from '@cap/protocol';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import { selectPeople } from '@cap/plan-model';
import { acknowledged, createPlan, Harness, join, storedDoc, waitFor, wsUrl } from './helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
}

/** A raw socket speaking Hocuspocus's protocol by hand, authenticated on `doc`. */
async function rawClient(url: string, doc: string, token: string) {
	const ws = new WebSocket(wsUrl(url));
	h.defer(() => ws.terminate());
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
	);
	let received = 0;
	ws.on('message', () => received++);
	ws.on('error', () => {});
	await new Promise((resolve) => ws.once('open', resolve));
	// [document name][Auth = 2][Token = 0][token]
	ws.send(
		frame((e) => {
			encoding.writeVarString(e, doc);
			encoding.writeVarUint(e, 2);
			encoding.writeVarUint(e, 0);
			encoding.writeVarString(e, token);
		})
	);
	await waitFor(() => received > 0, 5_000, 'the authentication answer');
	return { ws, closed };
}

async function twoEditors(url: string, planId: string, plan: Awaited<ReturnType<typeof createPlan>>) {
	const a = h.provider({ url }, planId, (await join(url, plan, 'editor', 'A')).token);
	const b = h.provider({ url }, planId, (await join(url, plan, 'editor', 'B')).token);
	await Promise.all([acknowledged(a.provider), acknowledged(b.provider)]);
	return { a, b };
}

async function stillSyncing(a: { doc: Y.Doc }, b: { doc: Y.Doc }, key: string) {
	a.doc.getMap('keyMoments').set(key, true);
	await waitFor(
		() => b.doc.getMap('keyMoments').get(key) === true,
		5_000,
		`${key} to reach the other editor`
	);
}

describe('message limits', () => {
	it('closes a socket that sends an undecodable update and stores nothing of it', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const { a, b } = await twoEditors(app.url, plan.planId, plan);
		const raw = await rawClient(app.url, plan.planId, (await join(app.url, plan, 'editor')).token);
		// Counted once the raw client's join is stored (PPL-1): only the bad update must add nothing.
		await waitFor(
			async () => selectPeople(await storedDoc(app.store, plan.planId)).length === 3,
			5_000,
			'the three joins stored'
		);
		const before = (await app.store.loadDocument(plan.planId)).lastSeq;
		// [document name][Sync = 0][Update = 2][bytes that are not a Yjs update]
		raw.ws.send(
			frame((e) => {
				encoding.writeVarString(e, plan.planId);
				encoding.writeVarUint(e, 0);
				encoding.writeVarUint(e, 2);
				encoding.writeVarUint8Array(e, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
			})
		);
		expect(await raw.closed).toEqual({ code: CLOSE_CODES.badMessage, reason: CLOSE_REASONS.badMessage });
		expect((await app.store.loadDocument(plan.planId)).lastSeq).toBe(before);
		await stillSyncing(a, b, 'after-bad-update');
	});

	it('closes a socket that sends bytes that are not a message at all', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const { a, b } = await twoEditors(app.url, plan.planId, plan);
		const raw = await rawClient(app.url, plan.planId, (await join(app.url, plan, 'editor')).token);
		raw.ws.send(new Uint8Array([255, 255, 255, 255, 255]));
		expect(await raw.closed).toEqual({ code: CLOSE_CODES.badMessage, reason: CLOSE_REASONS.badMessage });
		await stillSyncing(a, b, 'after-garbage');
	});

	it('closes a socket that sends a frame over MAX_MESSAGE_BYTES with 1009', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const { a, b } = await twoEditors(app.url, plan.planId, plan);
		const raw = await rawClient(app.url, plan.planId, (await join(app.url, plan, 'editor')).token);
		raw.ws.send(new Uint8Array(MAX_MESSAGE_BYTES + 1));
		expect((await raw.closed).code).toBe(CLOSE_CODES.messageTooBig);
		await stillSyncing(a, b, 'after-oversized');
	});
});
