/**
 * 1. Ack latency. Client A sets one key of a Y.Map, one change at a time; client B watches.
 * - `ack`: Hocuspocus-based servers, from the local change to the server's SyncStatus ack (provider's
 *   unsyncedChanges back to 0): for Cap after the update is committed, for plain Hocuspocus at once.
 * - `peer`: from the local change until B's document holds it (A → server → B), both servers.
 * The next change is made only once both are in (sequential: throughput = 1 / round trip).
 */
import { performance } from 'node:perf_hooks';
import {
	openDocument,
	spawnServer,
	summarize,
	whenDoc,
	withTimeout,
	type Client,
	type Summary,
	type Target
} from './lib.ts';

export interface LatencyParams {
	ops: number;
	warmup: number;
	/** Stop early (and report fewer samples) after this long. */
	maxMs: number;
}

export interface LatencyResult {
	target: Target;
	ops: number;
	durationMs: number;
	opsPerSec: number;
	ack: Summary | null;
	peer: Summary;
}

export async function benchLatency(target: Target, params: LatencyParams): Promise<LatencyResult> {
	const server = await spawnServer(target);
	const clients: Client[] = [];
	try {
		const document = await openDocument(server, 'Bench latency');
		const a = document.connect();
		const b = document.connect();
		clients.push(a, b);
		await withTimeout(Promise.all([a.synced, b.synced]), 10_000, 'latency clients sync');
		const mapA = a.doc.getMap<number>('keyMoments');
		const mapB = b.doc.getMap<number>('keyMoments');

		const acks: number[] = [];
		const peers: number[] = [];
		const total = params.warmup + params.ops;
		const started = performance.now();
		let measuredStart = started;
		for (let i = 0; i < total; i++) {
			if (i === params.warmup) measuredStart = performance.now();
			const t0 = performance.now();
			mapA.set('k', i);
			const ack = a.acked?.().then(() => performance.now() - t0);
			const peer = whenDoc(b.doc, () => mapB.get('k') === i, 5_000).then(() => performance.now() - t0);
			const [ackMs, peerMs] = await Promise.all([ack, peer]);
			if (i >= params.warmup) {
				if (ackMs !== undefined) acks.push(ackMs);
				peers.push(peerMs);
			}
			if (performance.now() - started > params.maxMs) break;
		}
		const durationMs = performance.now() - measuredStart;
		return {
			target,
			ops: peers.length,
			durationMs: Math.round(durationMs),
			opsPerSec: Math.round((peers.length / durationMs) * 1000),
			ack: acks.length ? summarize(acks) : null,
			peer: summarize(peers)
		};
	} finally {
		for (const client of clients) client.destroy();
		await server.stop();
	}
}
