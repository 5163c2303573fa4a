/**
 * 3. Cold load (Cap + SQLite). A plan whose log holds U appended updates (written through the
 * store's appendUpdate, as beforeSync writes them: one row each). Each repetition starts a fresh
 * server process (the document is not in memory) and times a new client from connect to `synced`:
 * authentication, reading the log, replaying it, SyncStep1/2 (after one small warm-up plan has been
 * synced in that process, so JIT warm-up is not counted; its time is reported apart). Then one edit and a clean shutdown
 * compact the log (Hocuspocus flushes its debounced store, persistence.compact merges the rows)
 * and the same is measured again. Also timed in-process: store.loadDocument + replay into a Y.Doc.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { createPlan, join as joinPlan } from '../test/helpers.ts';
import { capClient, capEnv, median, spawnServer, tempDir, withTimeout } from './lib.ts';

export interface ColdLoadParams {
	updates: number;
	repeats: number;
}

export interface ColdLoadPhase {
	rows: number;
	logBytes: number;
	/** Connect → synced of a fresh client on a freshly started server, each repetition, ms. */
	syncRunsMs: number[];
	syncMedianMs: number;
	/** store.loadDocument + applying every row to a new Y.Doc, in the benchmark process, ms. */
	loadReplayMedianMs: number;
	/** Connect → synced of the small warm-up plan, the fresh process's first connection, ms. */
	warmupSyncMedianMs: number;
}

export interface ColdLoadResult {
	updates: number;
	seedMs: number;
	docBytes: number;
	before: ColdLoadPhase;
	after: ColdLoadPhase;
}

export async function benchColdLoad(params: ColdLoadParams): Promise<ColdLoadResult> {
	const dataDir = tempDir();
	const env = capEnv('cap-sqlite', dataDir);

	// Create the plan through the API, then stop that server.
	const server = await spawnServer('cap-sqlite', env);
	const plan = await createPlan(server.url, 'Bench cold load');
	const { token } = await joinPlan(server.url, plan, 'editor', 'Bench');
	// A small plan synced first in each fresh process, so the timed sync does not pay for JIT warm-up.
	const warmPlan = await createPlan(server.url, 'Bench warm-up');
	const warmToken = (await joinPlan(server.url, warmPlan, 'editor', 'Bench')).token;
	await server.stop();

	// Append U small updates, each a separate durable row (a map key or an array item each).
	const store = await openSqliteStore(join(dataDir, 'cap.sqlite'));
	let seedMs: number;
	let docBytes: number;
	try {
		const writer = new Y.Doc();
		for (const update of (await store.loadDocument(plan.planId)).updates) Y.applyUpdate(writer, update);
		const pending: Uint8Array[] = [];
		writer.on('update', (update: Uint8Array) => pending.push(update));
		const rows = writer.getMap('keyMoments');
		const log = writer.getArray('bench-log');
		const t0 = performance.now();
		for (let i = 0; i < params.updates; i++) {
			if (i % 2) rows.set(`row-${i % 200}`, { n: i, label: `Action ${i}` });
			else log.push([{ n: i, at: 1_700_000_000_000 + i }]);
			await store.appendUpdate(plan.planId, pending.shift()!);
		}
		seedMs = Math.round(performance.now() - t0);
		docBytes = Y.encodeStateAsUpdate(writer).byteLength;
		writer.destroy();

		const measure = async (): Promise<ColdLoadPhase> => {
			const stored = await store.loadDocument(plan.planId);
			const syncRunsMs: number[] = [];
			const replays: number[] = [];
			const firstSyncs: number[] = [];
			for (let r = 0; r < params.repeats; r++) {
				const t1 = performance.now();
				const doc = new Y.Doc();
				for (const update of (await store.loadDocument(plan.planId)).updates) Y.applyUpdate(doc, update);
				replays.push(performance.now() - t1);
				doc.destroy();

				const fresh = await spawnServer('cap-sqlite', env);
				try {
					const t3 = performance.now();
					const warm = capClient(fresh.url, warmPlan.planId, warmToken);
					await withTimeout(warm.synced, 30_000, 'warm-up sync');
					firstSyncs.push(performance.now() - t3);
					warm.destroy();
					const t2 = performance.now();
					const client = capClient(fresh.url, plan.planId, token);
					await withTimeout(client.synced, 30_000, 'cold load sync');
					syncRunsMs.push(Math.round((performance.now() - t2) * 10) / 10);
					if (client.doc.getArray('bench-log').length !== Math.ceil(params.updates / 2)) {
						throw new Error('cold load: the client did not receive the whole document');
					}
					client.destroy();
				} finally {
					await fresh.stop();
				}
			}
			return {
				rows: stored.updates.length,
				logBytes: stored.updates.reduce((sum, update) => sum + update.byteLength, 0),
				syncRunsMs,
				syncMedianMs: median(syncRunsMs),
				loadReplayMedianMs: median(replays),
				warmupSyncMedianMs: median(firstSyncs)
			};
		};

		const before = await measure();

		// One edit, then a clean shutdown: flushPendingStores → onStoreDocument → compact.
		const compactor = await spawnServer('cap-sqlite', { ...env, BENCH_COMPACT_MS: '100' });
		try {
			const client = capClient(compactor.url, plan.planId, token);
			await withTimeout(client.synced, 30_000, 'compaction client sync');
			client.doc.getMap('keyMoments').set('compact', true);
			await withTimeout(client.acked!(), 10_000, 'compaction edit ack');
			client.destroy();
		} finally {
			await compactor.stop();
		}
		const after = await measure();
		return { updates: params.updates, seedMs, docBytes, before, after };
	} finally {
		await store.close();
	}
}
