/**
 * Server benchmarks: `pnpm run bench` in apps/server (`node bench/run.ts`). Measures only, asserts
 * no timing. Writes bench-results/server.json and server.md at the repo root (overwritten each run).
 * BENCH_QUICK=1 shrinks every parameter for a smoke run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { benchColdLoad, type ColdLoadResult } from './coldload.ts';
import { benchFanout, type FanoutResult } from './fanout.ts';
import { benchLatency, type LatencyResult } from './latency.ts';
import { cleanupAll, postgresReachable, TARGET_LABELS, type Target } from './lib.ts';
import { benchMemory, type MemoryResult } from './memory.ts';

const quick = Boolean(process.env.BENCH_QUICK);
const params = {
	latency: { ops: quick ? 50 : 500, warmup: quick ? 5 : 25, maxMs: 20_000 },
	fanout: {
		clients: quick ? 5 : 20,
		editsPerClient: quick ? 10 : 50,
		repeats: quick ? 1 : 5,
		timeoutMs: 30_000
	},
	coldLoad: { updates: quick ? 500 : 5_000, repeats: quick ? 2 : 7 },
	memory: { documents: quick ? 5 : 50, clientsPerDocument: 3, editsPerDocument: 20 }
};
const RESULTS_DIR = fileURLToPath(new URL('../../../bench-results/', import.meta.url));

// Hundreds of providers in one process each add an exit listener (y-websocket) or timers.
process.setMaxListeners(0);

const ms = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(2));
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const kb = (bytes: number) => (bytes / 1024).toFixed(0);

function table(header: string[], rows: string[][]): string {
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
	const started = Date.now();
	const pg = await postgresReachable();
	if (!pg) console.warn('PostgreSQL unreachable at 127.0.0.1:5432: skipping Cap + PostgreSQL');
	const latencyTargets: Target[] = pg ? ['cap-sqlite', 'cap-postgres', 'ref'] : ['cap-sqlite', 'ref'];

	const latency: LatencyResult[] = [];
	for (const target of latencyTargets) {
		console.log(`ack latency: ${TARGET_LABELS[target]}…`);
		latency.push(await benchLatency(target, params.latency));
	}
	const fanout: FanoutResult[] = [];
	for (const target of ['cap-sqlite', 'ref'] as const) {
		console.log(`fan-out: ${TARGET_LABELS[target]}…`);
		fanout.push(await benchFanout(target, params.fanout));
	}
	console.log('cold load: Cap + SQLite…');
	const coldLoad = await benchColdLoad(params.coldLoad);
	const memory: MemoryResult[] = [];
	for (const target of ['cap-sqlite', 'ref'] as const) {
		console.log(`memory: ${TARGET_LABELS[target]}…`);
		memory.push(await benchMemory(target, params.memory));
	}

	const meta = {
		date: new Date().toISOString(),
		node: process.version,
		platform: `${process.platform} ${process.arch}`,
		cpus: availableParallelism(),
		cpuModel: cpus()[0]?.model ?? 'unknown',
		quick,
		durationSec: Math.round((Date.now() - started) / 1000),
		reference:
			'@y/websocket-server 0.1.1 (setupWSConnection, in-memory, no persistence) + y-websocket 3.1.0 client',
		parameters: params
	};
	mkdirSync(RESULTS_DIR, { recursive: true });
	const markdown = render(meta, latency, fanout, coldLoad, memory);
	await writeFormatted('server.json', JSON.stringify({ ...meta, latency, fanout, coldLoad, memory }));
	await writeFormatted('server.md', markdown);
	console.log(`\n${markdown}`);
	console.log(`written: ${RESULTS_DIR}server.json, server.md`);
}

/** bench-results is committed: write it as the repo's Prettier would, so format:check passes. */
async function writeFormatted(name: string, text: string): Promise<void> {
	const file = `${RESULTS_DIR}${name}`;
	const options = (await prettier.resolveConfig(file)) ?? {};
	writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
}

function render(
	meta: { date: string; node: string; cpus: number; cpuModel: string; durationSec: number; quick: boolean },
	latency: LatencyResult[],
	fanout: FanoutResult[],
	cold: ColdLoadResult,
	memory: MemoryResult[]
): string {
	const p = params;
	return `# Cap server benchmarks

${meta.date} · Node ${meta.node} · ${meta.cpus} CPUs (${meta.cpuModel}) · run took ${meta.durationSec} s${meta.quick ? ' · QUICK parameters' : ''}

Servers run in their own process on 127.0.0.1; clients run in the benchmark process. The reference is
@y/websocket-server 0.1.1 with y-websocket 3.1.0 clients, **in memory, no durability**: it
acknowledges nothing and loses everything on a crash. Cap writes every update durably (SQLite WAL
\`synchronous=FULL\`, or a PostgreSQL commit) before it acks or relays it.

## 1. Ack latency (${p.latency.ops} sequential Y.Map sets, ms)

\`ack\`: change → server ack (after the durable write). \`peer\`: change → visible in a second client.

${table(
	['server', 'ack p50', 'ack p95', 'ack p99', 'peer p50', 'peer p95', 'peer p99', 'ops/s'],
	latency.map((r) => [
		TARGET_LABELS[r.target],
		ms(r.ack?.p50),
		ms(r.ack?.p95),
		ms(r.ack?.p99),
		ms(r.peer.p50),
		ms(r.peer.p95),
		ms(r.peer.p99),
		String(r.opsPerSec)
	])
)}

## 2. Fan-out convergence (${p.fanout.clients} clients × ${p.fanout.editsPerClient} edits, one document)

${table(
	['server', 'median ms', 'runs ms', 'edits/s', 'deliveries/s'],
	fanout.map((r) => [
		TARGET_LABELS[r.target],
		ms(r.medianMs),
		r.runsMs.map((x) => x.toFixed(0)).join(', '),
		String(r.editsPerSec),
		String(r.deliveriesPerSec)
	])
)}

## 3. Cold load (Cap + SQLite, ${cold.updates} appended updates, document ${kb(cold.docBytes)} KiB)

Fresh server process each run; connect → synced of the big plan, median of ${p.coldLoad.repeats}, measured
after a small warm-up plan was synced in that process (its time: \`first-conn\`). \`load+replay\`:
store.loadDocument + applying every row to a Y.Doc, in-process. Seeding (${cold.updates} fsynced appends) took ${cold.seedMs} ms.

${table(
	['log', 'rows', 'log KiB', 'sync median ms', 'sync runs ms', 'load+replay ms', 'first-conn ms'],
	(['before', 'after'] as const).map((phase) => [
		phase === 'before' ? 'before compaction' : 'after compaction',
		String(cold[phase].rows),
		kb(cold[phase].logBytes),
		ms(cold[phase].syncMedianMs),
		cold[phase].syncRunsMs.map((x) => x.toFixed(0)).join(', '),
		ms(cold[phase].loadReplayMedianMs),
		ms(cold[phase].warmupSyncMedianMs)
	])
)}

## 4. Memory (${p.memory.documents} documents × ${p.memory.clientsPerDocument} clients, ${p.memory.editsPerDocument} edits each; after gc)

${table(
	[
		'server',
		'idle RSS MiB',
		'loaded RSS MiB',
		'idle heap MiB',
		'loaded heap MiB',
		'RSS KiB/doc',
		'heap KiB/doc'
	],
	memory.map((r) => [
		TARGET_LABELS[r.target],
		mb(r.idle.rss),
		mb(r.loaded.rss),
		mb(r.idle.heapUsed),
		mb(r.loaded.heapUsed),
		kb(r.rssPerDocument),
		kb(r.heapPerDocument)
	])
)}
`;
}

try {
	await main();
} finally {
	await cleanupAll();
}
// Providers' reconnect timers must not keep the process alive once everything is measured.
process.exit(process.exitCode ?? 0);
