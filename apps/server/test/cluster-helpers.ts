/**
 * Helpers for tests with several real Cap processes (`node src/main.ts`) on the machine's PostgreSQL
 * and Redis, each test on its own PostgreSQL schema (which also prefixes its Redis channels).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { WORKSHOP_RETRY_MS, type WorkshopClientMessage, type WorkshopServerMessage } from '@cap/protocol';
import * as Y from 'yjs';
import { PG_URL, pgSchema, TEST_SECRET, waitFor, wsUrl, type Harness } from './helpers.ts';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Whether a Redis server answers PING at `url` within two seconds. */
export function redisAnswers(url: string): Promise<boolean> {
	const { hostname, port } = new URL(url);
	return new Promise<boolean>((resolve) => {
		const socket = connect({ host: hostname, port: Number(port || 6379) });
		socket.setTimeout(2_000);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

/** Whether Redis answers. Under CI=true an unreachable Redis fails the run instead of skipping. */
export async function redisAvailable(): Promise<boolean> {
	const ok = await redisAnswers(REDIS_URL);
	if (!ok && process.env.CI) throw new Error(`Redis unreachable at ${REDIS_URL} under CI`);
	if (!ok) console.warn(`Redis unreachable at ${REDIS_URL}: skipping the multi-process tests`);
	return ok;
}

export interface CapProcess {
	child: ChildProcess;
	url: string;
	stderr: () => string;
	/** kill -9, resolved once the process is gone. */
	kill(): Promise<void>;
	/** SIGTERM, resolved with the exit code once the process has stopped by itself. */
	stop(): Promise<number | null>;
}

/** A fresh schema for one test (dropped after it) and the environment of its processes. */
export function clusterEnv(h: Harness, redis = true): Record<string, string> {
	const { schema, drop } = pgSchema();
	h.defer(drop);
	return {
		DATABASE_URL: PG_URL,
		PG_SCHEMA: schema,
		...(redis && { REDIS_URL })
	};
}

/** Starts `node src/main.ts`; rejects with its stderr if it exits before listening. */
export async function spawnCap(h: Harness, env: Record<string, string>): Promise<CapProcess> {
	const child = spawn(process.execPath, ['src/main.ts'], {
		cwd: serverDir,
		env: {
			...process.env,
			PORT: '0',
			CAP_SECRET: TEST_SECRET,
			LOG_LEVEL: 'warn',
			DATA_DIR: h.dir(),
			WEB_BUILD_DIR: join(h.dir(), 'no-web-build'),
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	const gone = () => child.exitCode !== null || child.signalCode !== null;
	h.defer(async () => {
		if (!gone()) child.kill('SIGKILL');
		await exited;
	});
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const url = await waitFor(
		() => {
			if (gone()) throw new Error(`server exited: ${stderr}`);
			return /Cap listening on (http:\/\/\S+)/.exec(stdout)?.[1] ?? '';
		},
		15_000,
		'the server to listen'
	);
	return {
		child,
		url,
		stderr: () => stderr,
		async kill() {
			if (!gone()) child.kill('SIGKILL');
			await exited;
		},
		async stop() {
			if (!gone()) child.kill('SIGTERM');
			return exited;
		}
	};
}

/** Resolves with the exit code and stderr of a process expected to refuse to start. */
export async function refusedStart(
	h: Harness,
	env: Record<string, string>
): Promise<{ code: number | null; stderr: string }> {
	const child = spawn(process.execPath, ['src/main.ts'], {
		cwd: serverDir,
		env: { ...process.env, PORT: '0', CAP_SECRET: TEST_SECRET, LOG_LEVEL: 'warn', DATA_DIR: h.dir(), ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	h.defer(() => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	});
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	let stdout = '';
	child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
	if (stdout.includes('Cap listening')) throw new Error('the process started');
	return { code, stderr };
}

type Without<T> = T extends unknown ? Omit<T, 'id'> : never;
export type Command = Without<WorkshopClientMessage>;

let counter = 0;

/** A participant's connection to one process with a session token (valid on every process). */
export interface Participant {
	provider: HocuspocusProvider;
	doc: Y.Doc;
	/**
	 * Sends a command; resolves with the reply, or null if the connection closed first. An `unavailable`
	 * answer is not final: the command is sent again with the same id, as the web app does.
	 */
	send(command: Command, timeoutMs?: number): Promise<WorkshopServerMessage | null>;
	ok(command: Command): Promise<Extract<WorkshopServerMessage, { ok: true }>>;
	closed: boolean;
}

export function participant(
	h: Harness,
	url: string,
	planId: string,
	token: string,
	doc = new Y.Doc()
): Participant {
	const waiting = new Map<string, (reply: WorkshopServerMessage | null) => void>();
	const provider = new HocuspocusProvider({
		url: wsUrl(url),
		name: planId,
		token,
		document: doc,
		onStateless: ({ payload }) => {
			const reply = JSON.parse(payload) as WorkshopServerMessage;
			const answered = waiting.get(reply.id);
			waiting.delete(reply.id);
			answered?.(reply);
		}
	});
	h.defer(() => provider.destroy());
	const self: Participant = {
		provider,
		doc,
		closed: false,
		send(command, timeoutMs = 20_000) {
			return new Promise((resolve) => {
				const id = `k${++counter}`;
				const timer = setTimeout(() => {
					waiting.delete(id);
					resolve(null);
				}, timeoutMs);
				const payload = JSON.stringify({ ...command, id });
				const answered = (reply: WorkshopServerMessage | null) => {
					// As the web app does: the plan's process did not answer in time, so the same command
					// again after the app's own retry delay, with the same id (it runs at most once), until
					// this send's own timeout.
					if (reply?.t === 'ack' && !reply.ok && reply.error === 'unavailable' && !self.closed) {
						waiting.set(id, answered);
						setTimeout(() => waiting.has(id) && provider.sendStateless(payload), WORKSHOP_RETRY_MS);
						return;
					}
					clearTimeout(timer);
					resolve(reply);
				};
				waiting.set(id, answered);
				provider.sendStateless(payload);
			});
		},
		async ok(command) {
			const reply = await self.send(command);
			if (!reply || reply.t !== 'ack' || !reply.ok)
				throw new Error(`${command.t} refused: ${JSON.stringify(reply)}`);
			return reply;
		}
	};
	provider.on('close', () => {
		self.closed = true;
		// A closed connection answers nothing any more: what was pending has an unknown outcome.
		for (const resolve of waiting.values()) resolve(null);
		waiting.clear();
	});
	return self;
}
