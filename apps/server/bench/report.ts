/** bench-results/server.md: the figures of one run, and the goals checked as ratios to the reference. */
import type { RoomResult, RoomRun } from './room.ts';
import type { BurstResult } from './burst.ts';
import type { Results } from './run.ts';
import { TARGET_LABELS, type Target } from './lib.ts';

const REF: Target = 'hocuspocus';
const ms = (x: number | null | undefined) =>
	x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(1);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? a / b : NaN);
const x = (r: number) => (Number.isNaN(r) ? '—' : `${r.toFixed(2)}×`);

function table(header: string[], rows: string[][]): string {
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * The spread of a ratio over the rounds: run `i` of each server is from round `i` (bench/room.ts), so
 * each round gives one paired ratio; shown as its lowest and highest.
 */
function spread(cap: RoomResult, ref: RoomResult, pick: (run: RoomRun) => number): string {
	const n = Math.min(cap.runs.length, ref.runs.length);
	if (n < 2) return '';
	const ratios = Array.from({ length: n }, (_, i) => ratio(pick(cap.runs[i]!), pick(ref.runs[i]!)));
	return ` (rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×)`;
}

interface Goal {
	goal: string;
	measured: string;
	met: boolean;
}

/** ` (a, b, c)`: each burst of a median of several, or nothing for a single one. */
function eachRun(b: BurstResult, show: (run: BurstResult) => string): string {
	return b.runs && b.runs.length > 1 ? ` (${b.runs.map(show).join(', ')})` : '';
}

function goals(r: Results): Goal[] {
	const out: Goal[] = [];
	const room = (target: Target, clients: number) =>
		r.room.find((g) => g.target === target && g.clients === clients);
	for (const target of ['cap-sqlite', 'cap-postgres'] as Target[]) {
		for (const clients of [20, 100]) {
			const cap = room(target, clients);
			const ref = room(REF, clients);
			if (!cap || !ref) continue;
			const p50 = ratio(cap.median.p50, ref.median.p50);
			const p99 = ratio(cap.median.p99, ref.median.p99);
			out.push({
				goal: `${TARGET_LABELS[target]}, ${clients} clients: p50 and p99 ≤ 1.2× the reference`,
				measured: `p50 ${x(p50)}${spread(cap, ref, (run) => run.latency.p50)}, p99 ${x(p99)}${spread(cap, ref, (run) => run.latency.p99)}`,
				met: p50 <= 1.2 && p99 <= 1.2
			});
		}
		const cap = room(target, 300);
		const ref = room(REF, 300);
		if (cap && ref) {
			const o50 = ratio(cap.median.observerP50, ref.median.observerP50);
			const o99 = ratio(cap.median.observerP99, ref.median.observerP99);
			out.push({
				goal: `${TARGET_LABELS[target]}, 300 clients: every write delivered, observer ≤ 2× the reference`,
				measured: `${cap.median.deliveredPercent.toFixed(1)} % delivered; observer p50 ${x(o50)}${spread(cap, ref, (run) => run.observer.p50)}, p99 ${x(o99)}${spread(cap, ref, (run) => run.observer.p99)}`,
				met: cap.median.deliveredPercent >= 100 && o50 <= 2 && o99 <= 2
			});
		}
	}
	const per = (target: Target, records: number) =>
		r.perUpdate.find((p) => p.target === target && p.records === records);
	const empty = per('cap-sqlite', 0);
	const big = per('cap-sqlite', 10_000);
	if (empty && big) {
		const rec = ratio(big.recordMs, empty.recordMs);
		const com = ratio(big.commentMs, empty.commentMs);
		out.push({
			goal: 'Cap: server time per update with 10,000 records ≤ 1.5× an empty plan',
			measured: `record ${x(rec)}, comment ${x(com)}`,
			met: rec <= 1.5 && com <= 1.5
		});
	}
	const refBurst = r.burst.find((b) => b.target === REF);
	for (const b of r.burst.filter((b) => b.target !== REF)) {
		const refMs = refBurst?.deliveredMs ?? NaN;
		const d = ratio(b.deliveredMs, refMs);
		// When the reference has everything there as the last write leaves (under a millisecond), a ratio
		// means nothing: within 1 ms of the last write counts as keeping up.
		const keptUp = b.deliveredMs <= Math.max(1.5 * refMs, 1);
		out.push({
			goal: `${TARGET_LABELS[b.target]}: burst delivered ≤ 1.5× the reference (or within 1 ms), ${b.updates} of ${b.updates} kept after kill -9`,
			measured: `${ms(b.deliveredMs)} ms vs ${ms(refMs)} ms${Number.isNaN(d) ? '' : ` (${x(d)})`}, ${b.survived} kept`,
			met: keptUp && b.survived === b.updates
		});
	}
	const idle = (t: Target) => r.idle.find((i) => i.target === t)?.memory.rss ?? NaN;
	const idleRatio = ratio(idle('cap-sqlite'), idle(REF));
	out.push({
		goal: 'Cap: memory with nothing open ≤ 1.3× the reference (same Node)',
		measured: `${mb(idle('cap-sqlite'))} MiB vs ${mb(idle(REF))} MiB (${x(idleRatio)})`,
		met: idleRatio <= 1.3
	});
	const bigRef = per(REF, 10_000);
	if (big && bigRef) {
		const m = ratio(big.memory.rss, bigRef.memory.rss);
		out.push({
			goal: 'Cap: memory with the 10,000-record plan open ≤ 1.3× the reference',
			measured: `${mb(big.memory.rss)} MiB vs ${mb(bigRef.memory.rss)} MiB (${x(m)})`,
			met: m <= 1.3
		});
	}
	return out;
}

export function renderMarkdown(r: Results): string {
	const meta = r.meta as {
		date: string;
		node: string;
		cpus: number;
		cpuModel: string;
		durationSec: number;
		quick: boolean;
	};
	const p = r.meta.parameters as {
		room: { seconds: number; warmupMs: number; repeats: number; repeatsLarge: number; largeFrom: number };
		perUpdate: { count: number };
		burst: { repeats: number };
	};
	return `# Cap server benchmarks

${meta.date} · Node ${meta.node} · ${meta.cpus} CPUs (${meta.cpuModel}) · run took ${meta.durationSec} s${meta.quick ? ' · QUICK parameters' : ''}

Servers run in their own process on 127.0.0.1, clients in other processes; Cap runs from its build
(\`dist/\`, as \`npm start\` runs it) with its defaults (SQLite, \`DURABILITY=process\`). The reference is
**plain Hocuspocus + SQLite** (\`@hocuspocus/server\` 4 with \`@hocuspocus/extension-sqlite\`), measured in the
same run with the same clients: it stores each document whole on a debounce and acknowledges before
storing anything, so it keeps nothing of a burst killed with kill -9. The y-websocket reference server
(in memory) appears in the ack latency table.

## Goals (ratios to the reference in this run)

${table(
	['goal', 'measured', 'met'],
	goals(r).map((g) => [g.goal, g.measured, g.met ? 'yes' : '**no**'])
)}

## 1. A live room (${p.room.seconds} s, first ${p.room.warmupMs / 1000} s not counted, ${p.room.repeats} rounds; ${p.room.repeatsLarge} from ${p.room.largeFrom} clients)

The servers of one room size are all up and take turns: each round runs every server once, starting
with a different one, so the machine's drift falls on all of them alike; a goal's \`rounds\` figure is
the lowest and highest of the ratios of runs of the same round.

Each client adds a ~60-byte record once a second at its own random phase; clients are split over two
processes; an observer pair in a third process writes about ten times a second (every 50–150 ms).
\`p50\`/\`p99\`: until every other client has a write (ms), over the writes of all runs. \`observer\`: the
pair's latency (ms), over its writes of all runs (about 100 a run). CPU, arrivals and RSS: the median of
the runs; CPU is the server's, % of one core.

${table(
	[
		'clients',
		'server',
		'p50',
		'p99',
		'observer p50',
		'observer p99',
		'delivered',
		'arrivals/s',
		'CPU',
		'RSS MiB'
	],
	r.room.map((g) => [
		String(g.clients),
		TARGET_LABELS[g.target],
		ms(g.median.p50),
		ms(g.median.p99),
		ms(g.median.observerP50),
		ms(g.median.observerP99),
		`${g.median.deliveredPercent.toFixed(1)} %`,
		String(g.median.deliveriesPerSec),
		`${g.median.cpuPercent} %`,
		mb(g.median.rssBytes)
	])
)}

## 2. A burst of ${r.burst[0]?.updates ?? 0} updates in one second, then kill -9

Each server bursts ${p.burst.repeats} times, the servers taking turns; times are the median of its bursts
(each burst in brackets), \`kept\` the fewest any of them kept.

${table(
	['server', 'delivered after last write, ms', 'all acknowledged after last write, ms', 'kept after kill -9'],
	r.burst.map((b) => [
		TARGET_LABELS[b.target],
		`${ms(b.deliveredMs)}${eachRun(b, (run) => ms(run.deliveredMs))}`,
		`${ms(b.ackedMs)}${eachRun(b, (run) => ms(run.ackedMs))}`,
		`${b.survived} of ${b.updates}`
	])
)}

## 3. Server time per update as the plan grows (CPU ms per update, ${p.perUpdate.count} of each), memory with it open

Records: ideas (a tenth with a comment thread), a fifth as many actions, two published votes per idea.
\`record\`: an editor adds a small record; \`comment\`: a commenter answers a thread (an editor on plain
Hocuspocus, which has no roles). RSS and heap after gc, the plan open with three clients.

${table(
	['records', 'plan KiB', 'server', 'record ms', 'comment ms', 'RSS MiB', 'heap MiB'],
	r.perUpdate.map((u) => [
		String(u.records),
		String(u.docKiB),
		TARGET_LABELS[u.target],
		u.recordMs.toFixed(3),
		u.commentMs.toFixed(3),
		mb(u.memory.rss),
		mb(u.memory.heapUsed)
	])
)}

Memory with nothing open (after gc): ${r.idle.map((i) => `${TARGET_LABELS[i.target]} ${mb(i.memory.rss)} MiB RSS, ${mb(i.memory.heapUsed)} MiB heap`).join('; ')}.

## 4. Ack latency (sequential Y.Map sets, ms)

\`ack\`: change → server acknowledgement (Cap: after the commit). \`peer\`: change → visible in a second client.

${table(
	['server', 'ack p50', 'ack p99', 'peer p50', 'peer p99', 'ops/s'],
	r.latency.map((l) => [
		TARGET_LABELS[l.target],
		ms(l.ack?.p50),
		ms(l.ack?.p99),
		ms(l.peer.p50),
		ms(l.peer.p99),
		String(l.opsPerSec)
	])
)}

## 5. Cold load (Cap + SQLite, ${r.coldLoad.updates} appended updates)

Fresh server process each run, connect → synced of the plan, median; \`load+replay\`: reading the log and
applying it in-process.

${table(
	['log', 'rows', 'log KiB', 'sync median ms', 'load+replay ms'],
	(['before', 'after'] as const).map((phase) => [
		phase === 'before' ? 'before compaction' : 'after compaction',
		String(r.coldLoad[phase].rows),
		(r.coldLoad[phase].logBytes / 1024).toFixed(0),
		ms(r.coldLoad[phase].syncMedianMs),
		ms(r.coldLoad[phase].loadReplayMedianMs)
	])
)}
`;
}
