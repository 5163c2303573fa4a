/** Benchmark plumbing: server processes, Cap and y-websocket clients, statistics. */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { planDocumentName } from '@cap/protocol';
import pg from 'pg';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createPlan, join as joinPlan, PG_URL, TEST_SECRET, wsUrl } from '../test/helpers.ts';
import type { ServerMemory, ServerMessage } from './server-process.ts';

export type Target = 'cap-sqlite' | 'cap-postgres' | 'hocuspocus' | 'ref';

export const TARGET_LABELS: Record<Target, string> = {
	'cap-sqlite': 'Cap + SQLite',
	'cap-postgres': 'Cap + PostgreSQL',
	hocuspocus: 'plain Hocuspocus + SQLite',
	ref: 'y-websocket ref (in-memory)'
};

export const isCap = (target: Target) => target === 'cap-sqlite' || target === 'cap-postgres';

const SERVER_SCRIPT = fileURLToPath(new URL('./server-process.ts', import.meta.url));

export interface ServerProcess {
	target: Target;
	url: string;
	pid: number;
	/** Every process serving `url` when it is a proxy in front of several (cluster.ts). */
	pids?: number[];
	/** The environment it was started with (to start it again on the same data). */
	env: Record<string, string>;
	memory(): Promise<ServerMemory>;
	/** kill -9, and resolves once the process is gone. */
	kill(): Promise<void>;
	stop(): Promise<void>;
}

/** Everything to undo at the end of the run, even after a failure. */
const cleanups: Array<() => unknown> = [];
export function defer(fn: () => unknown): void {
	cleanups.push(fn);
}
export async function cleanupAll(): Promise<void> {
	for (const fn of cleanups.reverse()) {
		try {
			await fn();
		} catch (error) {
			console.warn('cleanup failed:', error);
		}
	}
	cleanups.length = 0;
}

export function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'cap-bench-'));
	defer(() => rmSync(dir, { recursive: true, force: true }));
	return dir;
}

/** A fresh PostgreSQL schema for one Cap server, dropped at the end of the run. */
export function pgSchema(): string {
	const schema = `cap_bench_${Math.random().toString(36).slice(2, 10)}`;
	defer(async () => {
		const client = new pg.Client({ connectionString: PG_URL });
		await client.connect();
		await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
		await client.end();
	});
	return schema;
}

export async function postgresReachable(): Promise<boolean> {
	const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2_000 });
	try {
		await client.connect();
		await client.query('SELECT 1');
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => {});
	}
}

/** Every benchmark client comes from 127.0.0.1: one address, hundreds of people, so its limits are lifted. */
export const ONE_ADDRESS_ENV = {
	JOIN_RATE: '100000/m',
	MAX_CONNECTIONS_PER_ADDRESS: '100000',
	MAX_SOCKETS_PER_ADDRESS: '100000'
};

/** Environment of a Cap server process for `target`, with its own data directory or schema. */
export function capEnv(target: Target, dataDir = tempDir()): Record<string, string> {
	return {
		DATA_DIR: dataDir,
		...ONE_ADDRESS_ENV,
		PLAN_CREATION_RATE: '100000/m',
		...(target === 'cap-postgres' ? { DATABASE_URL: PG_URL, PG_SCHEMA: pgSchema() } : {})
	};
}

/** The environment of a new server of `target`: its own data directory (and schema). */
export function serverEnv(target: Target): Record<string, string> {
	if (target === 'ref') return {};
	if (target === 'hocuspocus') return { DATA_DIR: tempDir() };
	return capEnv(target);
}

/** Forks server-process.ts and waits until it listens. */
export async function spawnServer(
	target: Target,
	env: Record<string, string> = serverEnv(target)
): Promise<ServerProcess> {
	const child = fork(SERVER_SCRIPT, [], {
		execArgv: [
			'--expose-gc',
			'--no-warnings',
			// BENCH_PROFILE=dir writes a V8 CPU profile of each server process there (chrome://inspect).
			...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [])
		],
		env: {
			...process.env,
			BENCH_SERVER: isCap(target) ? 'cap' : target,
			PORT: '0',
			HOST: '127.0.0.1',
			CAP_SECRET: TEST_SECRET,
			LOG_LEVEL: 'silent',
			WEB_BUILD_DIR: join(tmpdir(), 'cap-bench-no-web-build'),
			...env
		},
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const kill = () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	};
	defer(kill);
	const next = <T extends ServerMessage['type']>(type: T, timeout = 15_000) =>
		new Promise<Extract<ServerMessage, { type: T }>>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`server ${target}: no '${type}' message`)), timeout);
			const onMessage = (message: ServerMessage) => {
				if (message.type !== type) return;
				clearTimeout(timer);
				child.off('message', onMessage);
				resolve(message as Extract<ServerMessage, { type: T }>);
			};
			child.on('message', onMessage);
			child.once('exit', () => reject(new Error(`server ${target} exited`)));
		});
	const ready = await next('ready');
	let stopping: Promise<void> | undefined;
	return {
		target,
		url: ready.url,
		pid: child.pid ?? -1,
		env,
		async kill() {
			kill();
			await exited;
		},
		async memory() {
			child.send({ type: 'mem' });
			const { type: _type, ...memory } = await next('mem');
			return memory;
		},
		stop() {
			stopping ??= (async () => {
				if (child.connected) child.send({ type: 'stop' });
				const timer = setTimeout(kill, 15_000);
				await exited;
				clearTimeout(timer);
			})();
			return stopping;
		}
	};
}

/** A collaborative client: a Y.Doc kept in sync with one server document. */
export interface Client {
	doc: Y.Doc;
	/** Resolves once the first sync with the server is complete. */
	synced: Promise<void>;
	/** Cap only: resolves when the server has acknowledged every change sent so far. */
	acked?: () => Promise<void>;
	setPresence(name: string): void;
	destroy(): void;
}

export function capClient(url: string, name: string, token: string, doc = new Y.Doc()): Client {
	const provider = new HocuspocusProvider({ url: wsUrl(url), name, token, document: doc });
	const synced = new Promise<void>((resolve) => {
		if (provider.isSynced) resolve();
		else provider.on('synced', () => resolve());
	});
	return {
		doc,
		synced,
		acked: () =>
			new Promise<void>((resolve) => {
				if (provider.unsyncedChanges === 0) return resolve();
				const onChange = ({ number }: { number: number }) => {
					if (number !== 0) return;
					provider.off('unsyncedChanges', onChange);
					resolve();
				};
				provider.on('unsyncedChanges', onChange);
			}),
		setPresence: (user) => provider.setAwarenessField('user', { name: user, color: '#336699' }),
		destroy: () => provider.destroy()
	};
}

export function refClient(url: string, room: string, doc = new Y.Doc()): Client {
	// disableBc: otherwise clients of one process would sync through BroadcastChannel, not the server.
	const provider = new WebsocketProvider(url.replace(/^http/, 'ws'), room, doc, { disableBc: true });
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
	});
	return {
		doc,
		synced,
		setPresence: (user) => provider.awareness.setLocalStateField('user', { name: user, color: '#336699' }),
		destroy: () => provider.destroy()
	};
}

/** Opens one document on `server`: a new Cap plan (with one editor token) or a reference room. */
export async function openDocument(
	server: ServerProcess,
	label: string
): Promise<{ name: string; connect: () => Client }> {
	if (server.target === 'ref') {
		const room = `${label}-${Math.random().toString(36).slice(2, 10)}`;
		return { name: room, connect: () => refClient(server.url, room) };
	}
	if (server.target === 'hocuspocus') {
		const room = `${label}-${Math.random().toString(36).slice(2, 10)}`;
		return { name: room, connect: () => capClient(server.url, room, 'no-auth') };
	}
	const plan = await createPlan(server.url, label);
	const { token } = await joinPlan(server.url, plan, 'editor', 'Bench');
	const name = planDocumentName(plan.planId);
	return { name, connect: () => capClient(server.url, name, token) };
}

/** Resolves when `condition` holds, checked after each update of `doc`; rejects after `timeout`. */
export function whenDoc(doc: Y.Doc, condition: () => boolean, timeout = 10_000): Promise<void> {
	return new Promise((resolve, reject) => {
		if (condition()) return resolve();
		const timer = setTimeout(() => {
			doc.off('update', check);
			reject(new Error('timed out waiting for a document condition'));
		}, timeout);
		function check() {
			if (!condition()) return;
			clearTimeout(timer);
			doc.off('update', check);
			resolve();
		}
		doc.on('update', check);
	});
}

export function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`timed out: ${label}`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Summary {
	n: number;
	min: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	mean: number;
}

/** Percentiles by nearest rank, milliseconds rounded to 0.001. */
export function summarize(samples: number[]): Summary {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
	const round = (x: number) => Math.round(x * 1000) / 1000;
	const mean = sorted.reduce((sum, x) => sum + x, 0) / (sorted.length || 1);
	return {
		n: sorted.length,
		min: round(sorted[0] ?? NaN),
		p50: round(at(0.5)),
		p95: round(at(0.95)),
		p99: round(at(0.99)),
		max: round(sorted.at(-1) ?? NaN),
		mean: round(mean)
	};
}

export function median(values: number[]): number {
	return summarize(values).p50;
}
