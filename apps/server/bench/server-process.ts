/**
 * One benchmarked server in its own process (forked by lib.ts with --expose-gc), so its CPU and
 * memory are not mixed with the benchmark's clients. BENCH_SERVER picks it:
 * - `cap`: startApp from the environment (DATA_DIR / DATABASE_URL + PG_SCHEMA, ...);
 * - `ref`: the y-websocket reference, @y/websocket-server's setupWSConnection on a `ws` server,
 *   documents in memory only (no persistence, nothing is written anywhere);
 * - `hocuspocus`: plain Hocuspocus (its own Server) with @hocuspocus/extension-sqlite in DATA_DIR, the
 *   engine Cap builds on, with the persistence its documentation offers: the whole document stored on
 *   Hocuspocus's debounced onStoreDocument, acknowledgements sent before anything is stored.
 * Cap runs from its build (dist/, `pnpm --filter @cap/server build`), as `npm start` runs it.
 * IPC: sends {type:'ready', url}; answers {type:'mem'} with memory after gc, {type:'stop'} by closing.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as AppModule from '../src/app.ts';
import type * as ConfigModule from '../src/config.ts';

export interface ServerMemory {
	rss: number;
	heapUsed: number;
	heapTotal: number;
	external: number;
	arrayBuffers: number;
	/** VmRSS from /proc/self/status, bytes (same figure as rss, read by the kernel). */
	vmRss: number | null;
}

export type ServerMessage =
	{ type: 'ready'; url: string } | ({ type: 'mem' } & ServerMemory) | { type: 'stopped' };

// Each kind imports only its own code, so the idle figures do not include the other's modules.
async function startReference(): Promise<{ url: string; close: () => Promise<void> }> {
	const { docs, setupWSConnection } = await import('@y/websocket-server/utils');
	const { WebSocketServer } = await import('ws');
	const server = createServer((_req, res) => res.end('y-websocket reference'));
	const wss = new WebSocketServer({ noServer: true });
	server.on('upgrade', (req, socket, head) => {
		wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		async close() {
			for (const ws of wss.clients) ws.terminate();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			for (const doc of docs.values()) doc.destroy();
			docs.clear();
		}
	};
}

async function startHocuspocus(): Promise<{ url: string; close: () => Promise<void> }> {
	const { Server } = await import('@hocuspocus/server');
	const { SQLite } = await import('@hocuspocus/extension-sqlite');
	const { join } = await import('node:path');
	const server = new Server({
		port: 0,
		address: '127.0.0.1',
		quiet: true,
		// The same store debounce as Cap's compaction (BENCH_COMPACT_MS), so both store as often.
		debounce: Number(process.env.BENCH_COMPACT_MS ?? 2_000),
		maxDebounce: Number(process.env.BENCH_COMPACT_MS ?? 2_000) * 5,
		extensions: [new SQLite({ database: join(process.env.DATA_DIR ?? '.', 'hocuspocus.sqlite') })]
	});
	await server.listen();
	return { url: `http://127.0.0.1:${server.address.port}`, close: () => server.destroy() };
}

async function startCap(): Promise<{ url: string; close: () => Promise<void> }> {
	// The built server, as `npm start` runs it (see rolldown.config.mjs).
	const dist = '../dist/';
	const { startApp } = (await import(`${dist}app.js`)) as typeof AppModule;
	const { loadConfig } = (await import(`${dist}config.js`)) as typeof ConfigModule;
	const app = await startApp(loadConfig(process.env), {
		compactDebounceMs: Number(process.env.BENCH_COMPACT_MS ?? 2_000)
	});
	// BENCH_TRACE=1: at stop, print the commit time of the store's batches (where the latency goes).
	const batches: Array<{ ms: number; compaction: boolean }> = [];
	if (process.env.BENCH_TRACE)
		app.queue.onBatch((ms, _ok, jobs) =>
			batches.push({ ms, compaction: jobs.some((j) => j.kind === 'compact') })
		);
	return {
		url: app.url,
		close: async () => {
			if (batches.length)
				console.log(`${traceSummary(batches)}; ${app.gate.relayedEarly} frames relayed early`);
			await app.close();
		}
	};
}

function traceSummary(batches: Array<{ ms: number; compaction: boolean }>): string {
	const q = (values: number[], p: number) => {
		const sorted = [...values].sort((a, b) => a - b);
		return sorted.length
			? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2)
			: '-';
	};
	const appends = batches.filter((b) => !b.compaction).map((b) => b.ms);
	const compactions = batches.filter((b) => b.compaction).map((b) => b.ms);
	return `[trace] ${appends.length} append batches p50 ${q(appends, 0.5)} p99 ${q(appends, 0.99)} max ${q(appends, 1)} ms; ${compactions.length} compactions p50 ${q(compactions, 0.5)} max ${q(compactions, 1)} ms`;
}

/** The process's write system calls and bytes so far (/proc/self/io), for BENCH_TRACE. */
function ioSummary(): string {
	try {
		const io = readFileSync('/proc/self/io', 'utf8');
		const field = (name: string) =>
			/^(\w+): (\d+)$/m.exec(io.split('\n').find((l) => l.startsWith(name + ':')) ?? '')?.[2];
		return `${field('syscw')} write calls, ${field('wchar')} bytes written, ${field('syscr')} read calls`;
	} catch {
		return 'no /proc/self/io';
	}
}

function vmRss(): number | null {
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
		return match ? Number(match[1]) * 1024 : null;
	} catch {
		return null;
	}
}

function send(message: ServerMessage): void {
	process.send?.(message);
}

const kind = process.env.BENCH_SERVER;
const server =
	kind === 'ref'
		? await startReference()
		: kind === 'hocuspocus'
			? await startHocuspocus()
			: await startCap();
process.on('message', (message: { type: string }) => {
	if (message.type === 'mem') {
		const gc = (globalThis as { gc?: () => void }).gc;
		gc?.();
		gc?.();
		send({ type: 'mem', ...process.memoryUsage(), vmRss: vmRss() });
	} else if (message.type === 'stop') {
		if (process.env.BENCH_TRACE) console.log(`[trace] ${kind ?? 'cap'} ${ioSummary()}`);
		void server.close().finally(() => {
			send({ type: 'stopped' });
			process.disconnect();
			// A pool or timer left behind must not keep the benchmark waiting.
			setTimeout(() => process.exit(0), 200).unref();
		});
	}
});
send({ type: 'ready', url: server.url });
