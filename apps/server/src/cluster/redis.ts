/**
 * Redis connections of a cluster process. What one process publishes reports changes of its
 * documents, so, like every frame to a client (output-gate.ts), a publish leaves only once the writes
 * queued before it are committed: another process can never show its clients a change that a crash
 * of this one would lose. Publishes of one connection keep their order.
 */
import { Redis } from 'ioredis';
import type { WriteQueue } from '../write-queue.ts';

export function gatedRedis(url: string, queue: WriteQueue): Redis {
	const redis = new Redis(url, { maxRetriesPerRequest: 3, enableAutoPipelining: true });
	// A lost connection is retried by ioredis; /readyz reports it meanwhile (status !== 'ready').
	redis.on('error', () => {});
	const publish = redis.publish.bind(redis) as (
		channel: string | Buffer,
		message: string | Buffer
	) => Promise<number>;
	let chain: Promise<unknown> = Promise.resolve();
	(redis as unknown as { publish: typeof publish }).publish = (channel, message) => {
		const stored = queue.drain();
		const sent = chain.then(() => stored).then(() => publish(channel, message));
		chain = sent.catch(() => {});
		return sent;
	};
	return redis;
}
