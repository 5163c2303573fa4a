/**
 * 2. A burst: one client writes 1,000 small records in one second (one a millisecond, each its own
 * update). Measured: from its last write until another client holds all 1,000, and until the writer's
 * provider has every acknowledgement. Then the server is killed (kill -9) the moment the last
 * acknowledgement arrives, started again on the same data, and a new client counts what survived.
 */
import { performance } from 'node:perf_hooks';
import { capClient, median, sleep, spawnServer, whenDoc, withTimeout, type Target } from './lib.ts';
import { seededPlan } from './seed.ts';
import { seededServer } from './seeded-server.ts';

export interface BurstResult {
	target: Target;
	updates: number;
	/** Last write → the other client holds every record, ms. */
	deliveredMs: number;
	/** Last write → every acknowledgement received, ms (null: the server never acknowledged them all). */
	ackedMs: number | null;
	/** Records found after kill -9 and a restart. */
	survived: number;
	/** Set on a median of several bursts (medianBurst): each of them. */
	runs?: BurstResult[];
}

/** The median delivery and acknowledgement times of several bursts of one server, and the fewest kept. */
export function medianBurst(runs: BurstResult[]): BurstResult {
	const acked = runs.map((r) => r.ackedMs);
	return {
		target: runs[0]!.target,
		updates: runs[0]!.updates,
		deliveredMs: median(runs.map((r) => r.deliveredMs)),
		ackedMs: acked.some((a) => a === null) ? null : median(acked as number[]),
		survived: Math.min(...runs.map((r) => r.survived)),
		runs
	};
}

export async function benchBurst(target: Target, updates: number): Promise<BurstResult> {
	const { server, docName, session } = await seededServer(target, seededPlan(0));
	const writerToken = (await session('editor')).token;
	const readerToken = (await session('viewer')).token;
	const writer = capClient(server.url, docName, writerToken);
	const reader = capClient(server.url, docName, readerToken);
	try {
		await withTimeout(Promise.all([writer.synced, reader.synced]), 15_000, 'burst sync');
		const map = writer.doc.getMap<number>('keyMoments');
		const readerMap = reader.doc.getMap('keyMoments');
		const received = whenDoc(reader.doc, () => readerMap.size >= updates, 60_000);
		const t0 = performance.now();
		for (let i = 0; i < updates; i++) {
			map.set(`burst:${i}`, i);
			const due = t0 + i + 1;
			if (performance.now() < due) await sleep(due - performance.now());
		}
		const last = performance.now();
		await received;
		const deliveredMs = performance.now() - last;
		let ackedMs: number | null = null;
		try {
			await withTimeout(writer.acked!(), 60_000, 'burst acks');
			ackedMs = performance.now() - last;
		} catch {
			ackedMs = null;
		}
		await server.kill();
		writer.destroy();
		reader.destroy();

		const again = await spawnServer(target, server.env);
		const counter = capClient(again.url, docName, readerToken);
		try {
			await withTimeout(counter.synced, 30_000, 'burst recount');
			const survived = [...counter.doc.getMap('keyMoments').keys()].filter((k) =>
				k.startsWith('burst:')
			).length;
			return {
				target,
				updates,
				deliveredMs: round(deliveredMs),
				ackedMs: ackedMs && round(ackedMs),
				survived
			};
		} finally {
			counter.destroy();
			await again.stop();
		}
	} finally {
		writer.destroy();
		reader.destroy();
		await server.stop();
	}
}

const round = (ms: number) => Math.round(ms * 10) / 10;
