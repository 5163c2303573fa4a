/**
 * One room benchmark, for working on it: `node bench/room-only.ts <clients> <target>...` (after
 * `pnpm run build`), e.g. `node bench/room-only.ts 20 cap-postgres hocuspocus`. Prints each run and the
 * medians; writes nothing (bench/run.ts writes bench-results/).
 */
import { cleanupAll, spawnServer, TARGET_LABELS, type ServerProcess, type Target } from './lib.ts';
import { params, roomRepeats } from './params.ts';
import { benchRooms } from './room.ts';

process.setMaxListeners(0);
const [clientsArg, ...targets] = process.argv.slice(2);
const clients = Number(clientsArg);
if (!Number.isInteger(clients) || clients < 1 || targets.length === 0) {
	console.error(
		'usage: node bench/room-only.ts <clients> <target>... (cap-sqlite, cap-postgres, hocuspocus)'
	);
	process.exit(2);
}
const repeats = Number(process.env.BENCH_REPEATS ?? roomRepeats(clients));
// All the servers are up at once and take turns, round after round, as in bench/run.ts.
const servers: Array<[Target, ServerProcess]> = [];
try {
	for (const target of targets as Target[]) servers.push([target, await spawnServer(target)]);
	const results = await benchRooms(servers, { clients, ...params.room }, repeats);
	for (const result of results) {
		const runs = result.runs.map((r) => `${r.latency.p50.toFixed(1)}/${r.latency.p99.toFixed(1)}`).join('  ');
		const m = result.median;
		console.log(
			`${TARGET_LABELS[result.target]}: p50 ${m.p50.toFixed(1)} p99 ${m.p99.toFixed(1)} observer ${m.observerP50.toFixed(1)}/${m.observerP99.toFixed(1)} cpu ${m.cpuPercent.toFixed(0)}% (runs ${runs})`
		);
	}
} finally {
	await Promise.all(servers.map(([, server]) => server.stop()));
}
await cleanupAll();
