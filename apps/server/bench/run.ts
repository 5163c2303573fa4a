/**
 * Server benchmarks: `pnpm run bench` in apps/server (`node bench/run.ts`, after `pnpm run build`: Cap
 * runs from its build, as `npm start` runs it). Measures only, asserts no timing. Writes
 * bench-results/server.json and server.md at the repo root (overwritten each run). Every figure of Cap
 * is set beside plain Hocuspocus + SQLite measured in the same run with the same clients, and the goals
 * of the "live speed" work are checked as ratios to it. BENCH_QUICK=1 shrinks every parameter for a
 * smoke run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { benchBurst, medianBurst, type BurstResult } from './burst.ts';
import { benchColdLoad, type ColdLoadResult } from './coldload.ts';
import { benchLatency, type LatencyResult } from './latency.ts';
import {
	cleanupAll,
	postgresReachable,
	spawnServer,
	TARGET_LABELS,
	type ServerProcess,
	type Target
} from './lib.ts';
import { benchPerUpdate, type PerUpdateResult } from './per-update.ts';
import { params, roomRepeats } from './params.ts';
import { benchRooms, type RoomResult } from './room.ts';
import type { ServerMemory } from './server-process.ts';
import { renderMarkdown } from './report.ts';

const quick = Boolean(process.env.BENCH_QUICK);
const RESULTS_DIR = fileURLToPath(new URL('../../../bench-results/', import.meta.url));

// Hundreds of providers in one process each add an exit listener (y-websocket) or timers.
process.setMaxListeners(0);

export interface Results {
	meta: Record<string, unknown>;
	room: RoomResult[];
	burst: BurstResult[];
	perUpdate: PerUpdateResult[];
	idle: Array<{ target: Target; memory: ServerMemory }>;
	latency: LatencyResult[];
	coldLoad: ColdLoadResult;
}

async function idleMemory(target: Target): Promise<{ target: Target; memory: ServerMemory }> {
	const server = await spawnServer(target);
	try {
		// Idle means settled: sample (after gc) until two readings in a row agree within 1 MiB.
		let memory = await server.memory();
		for (let i = 0; i < 20; i++) {
			const next = await server.memory();
			const settled = Math.abs(next.rss - memory.rss) < 1024 * 1024;
			memory = next;
			if (settled) break;
		}
		return { target, memory };
	} finally {
		await server.stop();
	}
}

async function main(): Promise<void> {
	const started = Date.now();
	const pg = await postgresReachable();
	if (!pg) console.warn('PostgreSQL unreachable at 127.0.0.1:5432: skipping Cap + PostgreSQL');
	const capTargets: Target[] = pg ? ['cap-sqlite', 'cap-postgres'] : ['cap-sqlite'];
	const log = (line: string) => console.log(`[bench ${Math.round((Date.now() - started) / 1000)} s] ${line}`);

	const room: RoomResult[] = [];
	for (const clients of params.room.sizes) {
		// Every server of this size is up at once and they take turns, round after round (bench/room.ts).
		const targets = [...capTargets, 'hocuspocus'] as Target[];
		const servers: Array<[Target, ServerProcess]> = [];
		try {
			for (const target of targets) servers.push([target, await spawnServer(target)]);
			const repeats = roomRepeats(clients);
			room.push(
				...(await benchRooms(servers, { clients, ...params.room }, repeats, (target, round) =>
					log(`room of ${clients}, round ${round + 1} of ${repeats}: ${TARGET_LABELS[target]}…`)
				))
			);
		} finally {
			await Promise.all(servers.map(([, server]) => server.stop()));
		}
	}
	// One burst ends within a millisecond or two of its last write, so a single one is at the mercy of
	// whatever else the machine does then: each server bursts several times, the servers taking turns.
	const burstTargets = [...capTargets, 'hocuspocus'] as Target[];
	const burstRuns = new Map<Target, BurstResult[]>(burstTargets.map((t) => [t, []]));
	for (let round = 0; round < params.burst.repeats; round++) {
		for (let i = 0; i < burstTargets.length; i++) {
			const target = burstTargets[(i + round) % burstTargets.length]!;
			log(`burst, round ${round + 1} of ${params.burst.repeats}: ${TARGET_LABELS[target]}…`);
			burstRuns.get(target)!.push(await benchBurst(target, params.burst.updates));
		}
	}
	const burst = burstTargets.map((target) => medianBurst(burstRuns.get(target)!));
	const perUpdate: PerUpdateResult[] = [];
	for (const records of params.perUpdate.records) {
		for (const target of ['cap-sqlite', 'hocuspocus'] as Target[]) {
			log(`per update, ${records} records: ${TARGET_LABELS[target]}…`);
			perUpdate.push(await benchPerUpdate(target, records, params.perUpdate.count));
		}
	}
	const idle = [];
	for (const target of ['cap-sqlite', 'hocuspocus'] as Target[]) idle.push(await idleMemory(target));
	const latency: LatencyResult[] = [];
	for (const target of [...capTargets, 'hocuspocus', 'ref'] as Target[]) {
		log(`ack latency: ${TARGET_LABELS[target]}…`);
		latency.push(await benchLatency(target, params.latency));
	}
	log('cold load: Cap + SQLite…');
	const coldLoad = await benchColdLoad(params.coldLoad);

	const results: Results = {
		meta: {
			date: new Date().toISOString(),
			node: process.version,
			platform: `${process.platform} ${process.arch}`,
			cpus: availableParallelism(),
			cpuModel: cpus()[0]?.model ?? 'unknown',
			quick,
			durationSec: Math.round((Date.now() - started) / 1000),
			parameters: params
		},
		room,
		burst,
		perUpdate,
		idle,
		latency,
		coldLoad
	};
	mkdirSync(RESULTS_DIR, { recursive: true });
	const markdown = renderMarkdown(results);
	await writeFormatted('server.json', JSON.stringify(results));
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

try {
	await main();
} finally {
	await cleanupAll();
}
// Providers' reconnect timers must not keep the process alive once everything is measured.
process.exit(process.exitCode ?? 0);
