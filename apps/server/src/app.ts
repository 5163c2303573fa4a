/**
 * Wires the pieces onto one node:http server: HTTP API and web app, and Hocuspocus on COLLAB_PATH.
 * Tests start it in-process on port 0; main.ts starts it from the environment.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import type { ClusterNode } from './cluster/index.ts';
import { createSyncServer } from './hocuspocus.ts';
import { createHttpHandler } from './http.ts';
import { createLogger, type Logger } from './log.ts';
import { openStore } from './store/index.ts';
import type { Store } from './store/types.ts';
import { createTokens } from './tokens.ts';
import { createMetrics, watchStoreQueue } from './metrics.ts';
import { OutputGate } from './output-gate.ts';
import { attachTransport } from './transport.ts';
import { WriteQueue } from './write-queue.ts';

/** 200 when this process can take traffic, 503 while it starts, stops or lost PostgreSQL or Redis. */
export const READY_PATH = '/readyz';
/** The health endpoint (http.ts answers it, but while the store refuses writes, answered here). */
const HEALTH_PATH = '/healthz';

export interface App {
	/** `http://host:port`, with the port actually bound. */
	url: string;
	port: number;
	store: Store;
	/** The group commit every store write goes through. */
	queue: WriteQueue;
	/** What holds frames to clients until they are stored (for the benchmark's trace). */
	gate: OutputGate;
	httpServer: Server;
	/** Stops accepting, closes sockets, compacts every open document, closes the store. Idempotent. */
	close(): Promise<void>;
}

export interface AppOptions {
	log?: Logger;
	/** Use this store instead of opening one from the config (tests share a store across restarts). */
	store?: Store;
	compactDebounceMs?: number;
}

export async function startApp(config: Config, options: AppOptions = {}): Promise<App> {
	const log = options.log ?? createLogger(config.logLevel);
	const store = options.store ?? (await openStore(config));
	const tokens = createTokens(config.secret, config.tokenTtlMs);
	const metrics = createMetrics();
	const queue = new WriteQueue(store, log);
	queue.onBatch((ms, ok) => metrics.storeBatchSeconds.observe({ outcome: ok ? 'ok' : 'failed' }, ms / 1000));
	const gate = new OutputGate(queue);
	watchStoreQueue(metrics, queue, gate);
	let cluster: ClusterNode | null;
	try {
		// With PostgreSQL: registers this process, refusing to start beside a process it cannot sync with.
		cluster = config.databaseUrl
			? await (await import('./cluster/index.ts')).joinCluster(config, queue, log)
			: null;
	} catch (error) {
		if (!options.store) await store.close();
		throw error;
	}
	const { hocuspocus, persistence } = createSyncServer({
		store,
		queue,
		gate,
		tokens,
		log,
		limits: config.limits,
		metrics,
		compactDebounceMs: options.compactDebounceMs,
		cluster
	});
	let closing: Promise<void> | undefined;
	const handler = createHttpHandler({
		store,
		tokens,
		log,
		publicOrigin: config.publicOrigin,
		webBuildDir: config.webBuildDir,
		limits: config.limits,
		metrics
	});
	const { headersTimeoutMs, requestTimeoutMs } = config.limits;
	const httpOptions = {
		headersTimeout: headersTimeoutMs,
		requestTimeout: requestTimeoutMs,
		// How often Node looks for requests past those timeouts (its default, 30 s, would let them run long).
		connectionsCheckingInterval: Math.max(100, Math.min(headersTimeoutMs / 4, 5_000))
	};
	const httpServer = createServer(httpOptions, (req, res) => {
		// Readiness, for a load balancer (distinct from /healthz, which tells the process is alive).
		if (req.url === READY_PATH) return void readiness(res);
		// The store answers reads but refuses writes (a full disk): nothing typed now can be kept.
		if (req.url === HEALTH_PATH && queue.failingSince !== null) {
			res.writeHead(503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
			res.end(JSON.stringify({ ok: false, degraded: 'store-refuses-writes', since: queue.failingSince }));
			return;
		}
		return handler(req, res);
	});

	async function readiness(res: ServerResponse): Promise<void> {
		let ready = !closing && (cluster?.ready() ?? true);
		if (ready)
			ready = await Promise.race([
				store.ping().then(
					() => true,
					() => false
				),
				new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000).unref())
			]);
		res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
		res.end(JSON.stringify({ ready, closing: Boolean(closing) }));
	}
	const transport = attachTransport(httpServer, hocuspocus, gate, log, config.limits, queue);

	await new Promise<void>((resolve, reject) => {
		httpServer.once('error', reject);
		httpServer.listen(config.port, config.host, () => {
			httpServer.off('error', reject);
			resolve();
		});
	});
	const { port } = httpServer.address() as AddressInfo;
	const host = config.host.includes(':') ? `[${config.host}]` : config.host;

	async function shutdown(): Promise<void> {
		httpServer.close();
		transport.closeAll();
		hocuspocus.closeConnections();
		// Compact now what the debounce would have compacted later. Nothing depends on it for
		// durability (every acknowledged update is already a row); it keeps the log short.
		hocuspocus.flushPendingStores();
		await waitFor(() => hocuspocus.getDocumentsCount() === 0, 5_000);
		await persistence.drain();
		// Gives up this process's plans (others take them over) once its writes are committed.
		await cluster?.close();
		httpServer.closeAllConnections();
		if (!options.store) await store.close();
	}

	return {
		url: `http://${host}:${port}`,
		port,
		store,
		queue,
		gate,
		httpServer,
		close: () => (closing ??= shutdown())
	};
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}
