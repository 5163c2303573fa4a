/**
 * 1. A live room: N clients in one plan, each adding a small record (~60 bytes) once a second at its own
 * random phase, spread over two client processes (room-client.ts), plus one lightly loaded observer pair
 * in this process (one writes about ten times a second, the other reads). The same clients run against Cap and
 * against plain Hocuspocus + SQLite, in the same run.
 *
 * Per write: the time until every other load client has it (its slowest arrival); a write counts as
 * delivered when all N−1 others have it before the drain ends. The observer's latency is its reader's.
 * Server CPU is read from /proc over the measured window (after the warm-up), RSS at its end.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { planDocumentName } from '@cap/protocol';
import { createPlan, join as joinPlan, wsUrl } from '../test/helpers.ts';
import {
	capClient,
	isCap,
	sleep,
	summarize,
	withTimeout,
	type ServerProcess,
	type Summary,
	type Target
} from './lib.ts';
import { now, PAD, ROOT, type DoneMessage, type StartMessage } from './room-client.ts';

const CLIENT_SCRIPT = fileURLToPath(new URL('./room-client.ts', import.meta.url));
const CHURN_SCRIPT = fileURLToPath(new URL('./presence-churner.ts', import.meta.url));
/** The observer's mean interval between writes, ms. */
const OBSERVER_MS = 100;

export interface RoomParams {
	clients: number;
	seconds: number;
	warmupMs: number;
	drainMs: number;
	/** One more connection churning its presence as fast as it may for the whole run (presence.ts). */
	churn?: boolean;
}

export interface RoomRun {
	/** Writes made in the measured window, and how many reached every other client. */
	writes: number;
	delivered: number;
	/** Slowest arrival per delivered write, ms. */
	latency: Summary;
	observer: Summary;
	/** Arrivals per second at the load clients. */
	deliveriesPerSec: number;
	/** Server CPU over the window, percent of one core. */
	cpuPercent: number;
	/** With `churn`: the churning client's own CPU, percent of one core (it shares the machine). */
	churnerCpuPercent?: number;
	rssBytes: number | null;
	/** Every sample (ms), for percentiles over all runs; not written to the results file. */
	samples?: { latency: number[]; observer: number[] };
}

/** CPU time (user + system) of a process, seconds, from /proc. */
function cpuSeconds(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rss(pid: number): number | null {
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : null;
	} catch {
		return null;
	}
}

/** The document and N + 2 tokens: a fresh Cap plan with one editor session each, or a Hocuspocus room. */
async function openRoom(server: ServerProcess, count: number): Promise<{ name: string; tokens: string[] }> {
	if (!isCap(server.target)) {
		return { name: `room-${Math.random().toString(36).slice(2, 10)}`, tokens: Array(count).fill('no-auth') };
	}
	const plan = await createPlan(server.url, 'Bench room');
	const tokens: string[] = [];
	for (let i = 0; i < count; i += 20) {
		const batch = Array.from({ length: Math.min(20, count - i) }, (_, k) =>
			joinPlan(server.url, plan, 'editor', `Client ${i + k}`)
		);
		tokens.push(...(await Promise.all(batch)).map((s) => s.token));
	}
	return { name: planDocumentName(plan.planId), tokens };
}

function next<T>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
	return withTimeout(
		new Promise<T>((resolve, reject) => {
			child.on('message', (message: { type: string }) => message.type === type && resolve(message as T));
			child.once('exit', (code) => reject(new Error(`room client exited (${code}) before '${type}'`)));
		}),
		timeoutMs,
		`room client '${type}'`
	);
}

export async function benchRoomRun(server: ServerProcess, params: RoomParams): Promise<RoomRun> {
	const { name, tokens } = await openRoom(server, params.clients + 3);
	const half = Math.ceil(params.clients / 2);
	const shares = [tokens.slice(0, half), tokens.slice(half, params.clients)];
	const children = shares.map(() =>
		fork(CLIENT_SCRIPT, [], { execArgv: ['--no-warnings'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
	);
	const [writerToken, readerToken] = tokens.slice(params.clients);
	const writer = capClient(server.url, name, writerToken!);
	const reader = capClient(server.url, name, readerToken!);
	let churnerCpuPercent: number | undefined;
	const churner = params.churn
		? fork(CHURN_SCRIPT, [], { execArgv: ['--no-warnings'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
		: null;
	try {
		if (churner) {
			const churning = next(churner, 'ready', 60_000);
			churner.send({ type: 'start', wsUrl: wsUrl(server.url), docName: name, token: tokens.at(-1)! });
			await churning;
		}
		const ready = children.map((child) => next(child, 'ready', 120_000));
		children.forEach((child, i) =>
			child.send({
				type: 'start',
				wsUrl: wsUrl(server.url),
				docName: name,
				tokens: shares[i]!,
				firstIndex: i * half,
				seconds: params.seconds,
				warmupMs: params.warmupMs,
				drainMs: params.drainMs
			} satisfies StartMessage)
		);
		await Promise.all([...ready, writer.synced, reader.synced]);

		const t0 = now() + 500;
		const end = t0 + params.seconds * 1000;
		const done = children.map((child) =>
			next<DoneMessage>(child, 'done', params.seconds * 1000 + params.drainMs + 60_000)
		);
		for (const child of children) child.send({ type: 'go', t0 });

		// The observer pair: one write a second, its reader's arrival times.
		const observed: number[] = [];
		const readerMap = reader.doc.getMap<{ at: number }>(ROOT);
		readerMap.observe((event) => {
			if (event.transaction.local) return;
			const arrived = now();
			for (const key of event.keysChanged) {
				const value = key.startsWith('observer:') ? readerMap.get(key) : undefined;
				if (value && value.at >= t0 + params.warmupMs) observed.push(arrived - value.at);
			}
		});
		const writerMap = writer.doc.getMap<{ at: number; w: number; pad: string }>(ROOT);
		let n = 0;
		// About ten writes a second at random intervals (50–150 ms): enough samples for a p99 (once a
		// second gave ten per run, so its "p99" was the worst of ten), still light beside the load.
		let observerWrites: ReturnType<typeof setTimeout> | undefined;
		const observe = () => {
			if (now() >= end) return;
			writerMap.set(`observer:${n++}`, { at: now(), w: -1, pad: PAD });
			observerWrites = setTimeout(observe, OBSERVER_MS / 2 + Math.random() * OBSERVER_MS);
		};
		observerWrites = setTimeout(observe, Math.random() * OBSERVER_MS);

		await sleep(t0 + params.warmupMs - now());
		// Several processes behind a proxy (cluster.ts): their CPU and memory summed.
		const pids = server.pids ?? [server.pid];
		const cpuOf = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
		const cpuStart = cpuOf();
		const windowStart = now();
		await sleep(end - now());
		const cpu = cpuOf() - cpuStart;
		const windowSec = (now() - windowStart) / 1000;
		const sizes = pids.map(rss);
		const rssBytes = sizes.includes(null) ? null : sizes.reduce((a, b) => a! + b!, 0);
		clearTimeout(observerWrites);

		const results = await Promise.all(done);
		if (churner) {
			const stopped = next<{ cpuPercent: number }>(churner, 'done', 10_000);
			churner.send({ type: 'stop' });
			churnerCpuPercent = (await stopped).cpuPercent;
		}
		const merged = new Map<string, [number, number]>();
		for (const r of results) {
			for (const [key, max, count] of r.receipts) {
				const m = merged.get(key);
				if (m) {
					m[0] = Math.max(m[0], max);
					m[1] += count;
				} else merged.set(key, [max, count]);
			}
		}
		const writes = results.reduce((s, r) => s + r.writes, 0);
		const full = [...merged.values()].filter(([, count]) => count >= params.clients - 1);
		const arrivals = [...merged.values()].reduce((s, [, count]) => s + count, 0);
		const latencies = full.map(([max]) => max);
		return {
			writes,
			delivered: full.length,
			latency: summarize(latencies),
			observer: summarize(observed),
			samples: { latency: latencies, observer: observed },
			deliveriesPerSec: Math.round(arrivals / (params.seconds - params.warmupMs / 1000)),
			cpuPercent: Math.round((cpu / windowSec) * 100),
			rssBytes,
			...(churnerCpuPercent !== undefined && { churnerCpuPercent })
		};
	} finally {
		writer.destroy();
		reader.destroy();
		for (const child of [...children, ...(churner ? [churner] : [])]) {
			if (child.exitCode === null) child.kill('SIGKILL');
		}
	}
}

export interface RoomResult {
	target: Target;
	clients: number;
	runs: RoomRun[];
	/** Latencies over the samples of all runs; the other figures the median of the runs. */
	median: {
		p50: number;
		p99: number;
		observerP50: number;
		observerP99: number;
		deliveredPercent: number;
		deliveriesPerSec: number;
		cpuPercent: number;
		rssBytes: number;
	};
}

const mid = (values: number[]) => summarize(values).p50;

/** One server's runs as a result: latencies pooled over every sample of every run. */
function resultOf(target: Target, clients: number, runs: RoomRun[]): RoomResult {
	const pooled = {
		latency: summarize(runs.flatMap((r) => r.samples?.latency ?? [])),
		observer: summarize(runs.flatMap((r) => r.samples?.observer ?? []))
	};
	for (const run of runs) delete run.samples;
	return {
		target,
		clients,
		runs,
		median: {
			// Latencies over every sample of every run (a median of per-run p99s would rest on a handful each).
			p50: pooled.latency.p50,
			p99: pooled.latency.p99,
			observerP50: pooled.observer.p50,
			observerP99: pooled.observer.p99,
			deliveredPercent: mid(runs.map((r) => (r.writes ? (100 * r.delivered) / r.writes : 0))),
			deliveriesPerSec: mid(runs.map((r) => r.deliveriesPerSec)),
			cpuPercent: mid(runs.map((r) => r.cpuPercent)),
			rssBytes: mid(runs.map((r) => r.rssBytes ?? NaN))
		}
	};
}

/** `repeats` runs of one room on one server. */
export async function benchRoom(target: Target, server: ServerProcess, params: RoomParams, repeats: number) {
	return (await benchRooms([[target, server]], params, repeats))[0]!;
}

/**
 * The same room on several servers, in rounds: each round runs every server once, starting with a
 * different one each round. The machine's drift over the minutes of a benchmark (other processes, CPU
 * frequency, the page cache) then falls on every server alike instead of on whichever ran last, and
 * run `i` of each server is from the same round, so their ratio is one paired comparison.
 */
export async function benchRooms(
	servers: Array<[Target, ServerProcess]>,
	params: RoomParams,
	repeats: number,
	onRun?: (target: Target, round: number) => void
): Promise<RoomResult[]> {
	const runs = servers.map((): RoomRun[] => []);
	for (let round = 0; round < repeats; round++) {
		for (let k = 0; k < servers.length; k++) {
			const i = (round + k) % servers.length;
			const [target, server] = servers[i]!;
			onRun?.(target, round);
			runs[i]!.push(await benchRoomRun(server, params));
		}
	}
	return servers.map(([target], i) => resultOf(target, params.clients, runs[i]!));
}
