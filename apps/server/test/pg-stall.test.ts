/**
 * A PostgreSQL that stops answering (a stalled server or network), through a TCP proxy the test
 * controls: calls fail at PG_TIMEOUT with a clear error instead of waiting forever, nothing piles up
 * without bound, /healthz says so, and once PostgreSQL answers again everything typed meanwhile is
 * acknowledged and stored.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../src/log.ts';
import { openPostgresStore } from '../src/store/postgres.ts';
import {
	acknowledged,
	connectAs,
	createPlan,
	Harness,
	PG_URL,
	pgSchema,
	postgresAvailable,
	waitFor
} from './helpers.ts';

const h = new Harness();
const withPostgres = await postgresAvailable();
afterEach(() => h.cleanup());

/** Forwards TCP to PostgreSQL; `stall()` stops forwarding (bytes wait, nothing is answered), `resume()` goes on. */
async function stallingProxy(target: URL): Promise<{ port: number; stall(): void; resume(): void }> {
	const pairs = new Set<[Socket, Socket]>();
	let stalled = false;
	const server: Server = createServer((client) => {
		const upstream = connect(Number(target.port || 5432), target.hostname);
		const pair: [Socket, Socket] = [client, upstream];
		pairs.add(pair);
		client.pipe(upstream);
		upstream.pipe(client);
		if (stalled) for (const s of pair) s.pause();
		const end = () => {
			pairs.delete(pair);
			client.destroy();
			upstream.destroy();
		};
		client.on('close', end).on('error', end);
		upstream.on('close', end).on('error', end);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	h.defer(
		() =>
			new Promise<void>((resolve) => {
				for (const pair of pairs) for (const s of pair) s.destroy();
				server.close(() => resolve());
			})
	);
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('no proxy port');
	return {
		port: address.port,
		stall() {
			stalled = true;
			for (const pair of pairs) for (const s of pair) s.pause();
		},
		resume() {
			stalled = false;
			for (const pair of pairs) for (const s of pair) s.resume();
		}
	};
}

describe.runIf(withPostgres)('PostgreSQL stops answering', () => {
	it('fails at PG_TIMEOUT with a clear error, bounded, /healthz 503; what was typed is stored once it answers again', async () => {
		const { schema, drop } = pgSchema();
		h.defer(drop);
		const target = new URL(PG_URL);
		const proxy = await stallingProxy(target);
		const viaProxy = new URL(PG_URL);
		viaProxy.port = String(proxy.port);
		const lines: string[] = [];
		const log = createLogger('warn', (line) => lines.push(line));
		const app = await h.start(
			h.config({ DATABASE_URL: viaProxy.toString(), PG_SCHEMA: schema, PG_TIMEOUT: '1s' }),
			{ log }
		);
		const plan = await createPlan(app.url);
		const eva = await connectAs(h, app, plan, 'editor', 'Éva');
		eva.doc.getMap('keyMoments').set('avant', 1);
		await acknowledged(eva.provider);

		proxy.stall();
		const typed = Array.from({ length: 20 }, (_, i) => `pendant-${i}`);
		for (const key of typed) eva.doc.getMap('keyMoments').set(key, key);
		// A clear error, within PG_TIMEOUT, instead of a wait without end.
		await waitFor(
			() => lines.some((l) => l.includes('a batch of writes failed')),
			10_000,
			'the failed batch'
		);
		expect(lines.find((l) => l.includes('a batch of writes failed'))).toMatch(/timeout/i);
		await waitFor(async () => (await fetch(`${app.url}/healthz`)).status === 503, 10_000, '/healthz 503');
		expect(eva.provider.hasUnsyncedChanges).toBe(true);
		// Bounded: the document's state is queued again after each failure, never piled up; the client keeps
		// its changes and tries again (its connection was closed: nothing of it was acknowledged).
		await waitFor(() => app.queue.stats.failures >= 3, 10_000, 'failed retries');
		expect(app.queue.pendingBytes).toBeLessThan(64 * 1024);
		expect(app.queue.depth).toBeLessThan(10);
		expect(app.gate.held).toBeLessThan(100);

		// The tab reconnects during the stall: its authentication, which needs the store, is answered by
		// closing the connection with `store-failed` (the app says so and the provider connects again),
		// never refused (a refused document is not asked for again: the tab would stay offline).
		await waitFor(
			() => eva.closes.length + eva.failures.length >= 2,
			10_000,
			'a reconnection during the stall'
		);
		proxy.resume();
		await acknowledged(eva.provider, 20_000);
		expect(eva.failures).toEqual([]);
		expect(eva.closes.every((reason) => reason === 'store-failed')).toBe(true);
		await waitFor(async () => (await fetch(`${app.url}/healthz`)).status === 200, 10_000, '/healthz 200');
		const store = await openPostgresStore(PG_URL, schema);
		h.defer(() => store.close());
		await waitFor(
			async () => {
				const doc = new Y.Doc();
				for (const u of (await store.loadDocument(plan.planId)).updates) Y.applyUpdate(doc, u);
				return typed.every((key) => doc.getMap('keyMoments').get(key) === key);
			},
			10_000,
			'every word typed while PostgreSQL was stalled, stored'
		);
	}, 90_000);
});
