/**
 * Several Cap processes on one PostgreSQL (README, "Several processes"). With DATABASE_URL, every
 * process registers in PostgreSQL (membership.ts): without REDIS_URL it must be alone, with REDIS_URL
 * it joins the others. With REDIS_URL:
 * - Hocuspocus's Redis extension (@hocuspocus/extension-redis) relays document updates and presence
 *   between the processes, its publishes gated behind this process's commits (redis.ts);
 * - each plan has one owner, the process holding its PostgreSQL advisory lock: it alone runs the
 *   plan's workshop commands (router.ts) and compacts the plan's documents;
 * - PostgreSQL holds the plans; each process appends only the updates it received from its own
 *   clients or made itself, never what Redis relayed.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import type { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { WriteQueue } from '../write-queue.ts';
import { openMembership, type Membership } from './membership.ts';
import { MembershipError } from './errors.ts';
import type { CommandRouter } from './router.ts';
import type { AnswerStore } from '../workshop/answers.ts';

export interface ClusterNode {
	membership: Membership;
	/** Set with REDIS_URL. */
	relay: {
		extension: RedisExtension;
		router: CommandRouter;
		/** First answers of workshop commands, shared by every process (workshop/answers.ts). */
		answers: AnswerStore;
	} | null;
	/** Whether the cluster side can serve (lock connection up, Redis connected). */
	ready(): boolean;
	/** Stops relaying and listening, releases every plan and the membership. */
	close(): Promise<void>;
}

/** Null for SQLite: one process by construction (the file is local). */
export async function joinCluster(
	config: Pick<Config, 'databaseUrl' | 'pgSchema' | 'redisUrl'>,
	queue: WriteQueue,
	log: Logger
): Promise<ClusterNode | null> {
	if (!config.databaseUrl) return null;
	const id = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
	const membership = await openMembership({
		url: config.databaseUrl,
		schema: config.pgSchema,
		mode: config.redisUrl ? 'redis' : 'single',
		id,
		log
	});
	if (!config.redisUrl) {
		return { membership, relay: null, ready: () => membership.healthy, close: () => membership.close() };
	}
	// Loaded only in this mode, so a lone process does not carry the Redis client in memory.
	const [
		{ Redis: RedisExtensionClass },
		{ Redis: RedisClient },
		{ gatedRedis },
		{ CommandRouter: Router },
		{ RedisAnswers }
	] = await Promise.all([
		import('@hocuspocus/extension-redis'),
		import('ioredis'),
		import('./redis.ts'),
		import('./router.ts'),
		import('../workshop/answers.ts')
	]);
	/**
	 * The extension as it is, but for its store lock: who compacts a plan is decided by plan ownership
	 * (membership.ts), which also survives the owner's death; its Redis lock would only add a round trip.
	 */
	class RelayExtension extends RedisExtensionClass {
		override async onStoreDocument(): Promise<void> {}
	}
	const url = config.redisUrl;
	const prefix = `cap:${config.pgSchema}`;
	const clients: Redis[] = [];
	const extension = new RelayExtension({
		identifier: id,
		prefix,
		createClient: () => {
			const client = gatedRedis(url, queue);
			clients.push(client);
			return client;
		},
		// Wait this long for a peer's state when opening a document another process has open.
		awaitInitialSyncTimeout: 2_000,
		disconnectDelay: 300
	});
	const pub = gatedRedis(url, queue);
	const sub = new RedisClient(url, { maxRetriesPerRequest: 3 });
	sub.on('error', () => {});
	clients.push(pub, sub);
	const router = new Router({ membership, pub, sub, prefix, log });
	try {
		// Start only once Redis answers: a process that cannot relay must not take clients.
		await Promise.all(clients.map((client) => connected(client, 10_000)));
	} catch (error) {
		for (const client of clients) client.disconnect(false);
		await membership.close();
		throw new MembershipError(`cannot reach Redis at REDIS_URL: ${String(error)}`);
	}
	return {
		membership,
		// Reads and writes of answers are not publishes: the gate does not hold them.
		relay: { extension, router, answers: new RedisAnswers(pub, prefix) },
		ready: () => membership.healthy && clients.every((c) => c.status === 'ready'),
		async close() {
			await router.drain();
			await membership.close();
			await extension.onDestroy();
			pub.disconnect(false);
			sub.disconnect(false);
		}
	};
}

/** Resolves once the client is connected; rejects at its first error (a supervisor restarts us). */
function connected(client: Redis, timeoutMs: number): Promise<void> {
	if (client.status === 'ready') return Promise.resolve();
	return new Promise((resolve, reject) => {
		const settle = (error?: Error) => {
			clearTimeout(timer);
			client.off('ready', ready);
			client.off('error', failed);
			if (error) reject(error);
			else resolve();
		};
		const ready = () => settle();
		const failed = (error: Error) => settle(error);
		const timer = setTimeout(() => settle(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
		client.once('ready', ready);
		client.once('error', failed);
	});
}
