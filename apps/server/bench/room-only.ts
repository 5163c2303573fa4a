/**
 * One room benchmark, for working on it: `node bench/room-only.ts <clients> <target>...` (after
 * `pnpm run build`), e.g. `node bench/room-only.ts 20 cap-postgres hocuspocus`. Prints each run and the
 * medians; writes nothing (bench/run.ts writes bench-results/).
 */
import { cleanupAll, spawnServer, TARGET_LABELS, type Target } from './lib.ts';
import { params } from './params.ts';
import { benchRoom } from './room.ts';

process.setMaxListeners(0);
const [clientsArg, ...targets] = process.argv.slice(2);
const clients = Number(clientsArg);
if (!Number.isInteger(clients) || clients < 1 || targets.length === 0) {
	console.error(
		'usage: node bench/room-only.ts <clients> <target>... (cap-sqlite, cap-postgres, hocuspocus)'
	);
	process.exit(2);
}
const repeats = Number(process.env.BENCH_REPEATS ?? params.room.repeats);
for (const target of targets as Target[]) {
	const server = await spawnServer(target);
	try {
		const result = await benchRoom(target, server, { clients, ...params.room }, repeats);
		const runs = result.runs.map((r) => `${r.latency.p50.toFixed(1)}/${r.latency.p99.toFixed(1)}`).join('  ');
		const m = result.median;
		console.log(
			`${TARGET_LABELS[target]}: p50 ${m.p50.toFixed(1)} p99 ${m.p99.toFixed(1)} observer ${m.observerP50.toFixed(1)}/${m.observerP99.toFixed(1)} cpu ${m.cpuPercent.toFixed(0)}% (runs ${runs})`
		);
	} finally {
		await server.stop();
	}
}
await cleanupAll();
