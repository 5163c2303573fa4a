/**
 * 2. Fan-out convergence. N clients of one document each make K edits (one Y.Map key per edit, one
 * update message each, yielding to the event loop between edits) all at once. Measured: from the
 * first edit until every client's map holds all N×K keys. Each repetition uses a fresh document.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTick } from 'node:timers/promises';
import { median, openDocument, spawnServer, whenDoc, withTimeout, type Client, type Target } from './lib.ts';

export interface FanoutParams {
	clients: number;
	editsPerClient: number;
	repeats: number;
	timeoutMs: number;
}

export interface FanoutResult {
	target: Target;
	/** Time to full convergence of each repetition, ms. */
	runsMs: number[];
	medianMs: number;
	/** Edits made (N×K) per second of the median run. */
	editsPerSec: number;
	/** Edit deliveries (N×K edits × N clients, counting the author's) per second of the median run. */
	deliveriesPerSec: number;
}

export async function benchFanout(target: Target, params: FanoutParams): Promise<FanoutResult> {
	const server = await spawnServer(target);
	const runsMs: number[] = [];
	try {
		for (let run = 0; run < params.repeats; run++) runsMs.push(await oneRun(target, server, params, run));
	} finally {
		await server.stop();
	}
	const medianMs = median(runsMs);
	const edits = params.clients * params.editsPerClient;
	return {
		target,
		runsMs,
		medianMs,
		editsPerSec: Math.round((edits / medianMs) * 1000),
		deliveriesPerSec: Math.round(((edits * params.clients) / medianMs) * 1000)
	};
}

async function oneRun(
	target: Target,
	server: Awaited<ReturnType<typeof spawnServer>>,
	params: FanoutParams,
	run: number
): Promise<number> {
	const document = await openDocument(server, `Bench fan-out ${run}`);
	const clients: Client[] = [];
	try {
		for (let c = 0; c < params.clients; c++) clients.push(document.connect());
		await withTimeout(Promise.all(clients.map((client) => client.synced)), 15_000, `${target} fan-out sync`);
		const expected = params.clients * params.editsPerClient;
		const maps = clients.map((client) => client.doc.getMap<number>('fanout'));
		const t0 = performance.now();
		const converged = clients.map((client, c) =>
			whenDoc(client.doc, () => maps[c]!.size === expected, params.timeoutMs)
		);
		const editing = clients.map(async (_client, c) => {
			for (let k = 0; k < params.editsPerClient; k++) {
				maps[c]!.set(`${c}:${k}`, k);
				await nextTick();
			}
		});
		await Promise.all([...editing, ...converged]);
		return Math.round((performance.now() - t0) * 10) / 10;
	} finally {
		for (const client of clients) client.destroy();
	}
}
