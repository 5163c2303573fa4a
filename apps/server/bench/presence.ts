/**
 * Presence churn: the edit latency of a live room of 20 editors (room.ts; BENCH_PRESENCE_CLIENTS) while one more connection
 * changes its presence as fast as UPDATE_RATE lets it, against the same room without it, on Cap with
 * SQLite. Runs take turns (with, without, …) so drift falls on both alike. Goal: with churn within 1.2×
 * of without, at p50 and p95. `node bench/presence.ts` in apps/server, after `pnpm run build`; writes
 * bench-results/presence.json and presence.md. BENCH_QUICK=1 for a smoke run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { cleanupAll, spawnServer, summarize, type Summary } from './lib.ts';
import { params } from './params.ts';
import { benchRoomRun, type RoomRun } from './room.ts';

process.setMaxListeners(0);
const quick = Boolean(process.env.BENCH_QUICK);
const RESULTS_DIR = fileURLToPath(new URL('../../../bench-results/', import.meta.url));
const CLIENTS = Number(process.env.BENCH_PRESENCE_CLIENTS ?? 20);
const ROUNDS = quick ? 1 : 3;
const GOAL = 1.2;

const server = await spawnServer('cap-sqlite');
const runs: Record<'quiet' | 'churn', RoomRun[]> = { quiet: [], churn: [] };
try {
	for (let round = 0; round < ROUNDS; round++) {
		// Alternate which goes first, so neither always runs on a warmer or a busier machine.
		const order = round % 2 === 0 ? (['quiet', 'churn'] as const) : (['churn', 'quiet'] as const);
		for (const kind of order) {
			console.log(`[presence bench] round ${round + 1} of ${ROUNDS}: ${kind}…`);
			runs[kind].push(
				await benchRoomRun(server, { clients: CLIENTS, ...params.room, churn: kind === 'churn' })
			);
		}
	}
} finally {
	await server.stop();
	await cleanupAll();
}

const pooled = (kind: 'quiet' | 'churn'): Summary =>
	summarize(runs[kind].flatMap((r) => r.samples?.latency ?? []));
const quiet = pooled('quiet');
const churn = pooled('churn');
const ratio = { p50: churn.p50 / quiet.p50, p95: churn.p95 / quiet.p95 };
const met = ratio.p50 <= GOAL && ratio.p95 <= GOAL;
const cpu = (kind: 'quiet' | 'churn') => summarize(runs[kind].map((r) => r.cpuPercent)).p50;
const results = {
	meta: {
		date: new Date().toISOString(),
		clients: CLIENTS,
		rounds: ROUNDS,
		seconds: params.room.seconds,
		goal: GOAL
	},
	quiet,
	churn,
	ratio,
	met,
	cpuPercent: { quiet: cpu('quiet'), churn: cpu('churn') },
	churnerCpuPercent: summarize(runs.churn.map((r) => r.churnerCpuPercent ?? NaN)).p50
};
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(`${RESULTS_DIR}presence.json`, `${JSON.stringify(results, null, '\t')}\n`);
const ms = (x: number) => `${x.toFixed(1)} ms`;
writeFileSync(
	`${RESULTS_DIR}presence.md`,
	`# Presence churn

${results.meta.date}: a live room of ${CLIENTS} editors on Cap + SQLite, each writing once a second (bench/room.ts),
with and without one more connection changing its presence as fast as UPDATE_RATE allows (about 290
messages a second), ${ROUNDS} rounds taking turns. Latency: until every other editor has a write.

| room | writes measured | p50 | p95 | p99 | server CPU |
| --- | --- | --- | --- | --- | --- |
| without churn | ${quiet.n} | ${ms(quiet.p50)} | ${ms(quiet.p95)} | ${ms(quiet.p99)} | ${cpu('quiet')} % |
| with churn | ${churn.n} | ${ms(churn.p50)} | ${ms(churn.p95)} | ${ms(churn.p99)} | ${cpu('churn')} % |

The churning client itself used ${results.churnerCpuPercent} % of a core, on the same machine as the room's clients and the server
(${availableParallelism()} cores).

Ratio with / without: p50 ${ratio.p50.toFixed(2)}×, p95 ${ratio.p95.toFixed(2)}× (goal: within ${GOAL}×): **${met ? 'met' : 'not met'}**.
`
);
console.log(
	`[presence bench] p50 ${ratio.p50.toFixed(2)}x, p95 ${ratio.p95.toFixed(2)}x: ${met ? 'met' : 'not met'}`
);
