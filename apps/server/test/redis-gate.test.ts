/** The Redis relay's gate (cluster/redis.ts), on the machine's Redis, with a store the test fails or commits. */
import { randomUUID } from 'node:crypto';
import * as encoding from 'lib0/encoding';
import { Redis } from 'ioredis';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gatedRedis } from '../src/cluster/redis.ts';
import { createLogger } from '../src/log.ts';
import type { Store, WriteJob } from '../src/store/types.ts';
import { WriteQueue } from '../src/write-queue.ts';
import { redisAvailable, REDIS_URL } from './cluster-helpers.ts';
import { Harness, waitFor } from './helpers.ts';

let enabled = false;
beforeAll(async () => {
	enabled = await redisAvailable();
});
const h = new Harness();
afterEach(() => h.cleanup());

/** A store whose batches wait until the test commits (or fails) them. */
function heldStore() {
	const batches: Array<{ jobs: WriteJob[]; commit: () => void; fail: (e: Error) => void }> = [];
	const store = {
		writeBatch: (jobs: WriteJob[]) =>
			new Promise<number[]>((resolve, reject) => {
				batches.push({ jobs, commit: () => resolve(jobs.map((_, i) => i + 1)), fail: reject });
			})
	} as unknown as Store;
	return { store, batches };
}

/** A message as @hocuspocus/extension-redis publishes it: its sender's id, then the document's name. */
function relayMessage(sender: string, documentName: string, body: string): Buffer {
	const encoder = encoding.createEncoder();
	encoding.writeVarString(encoder, documentName);
	encoding.writeVarString(encoder, body);
	const message = encoding.toUint8Array(encoder);
	return Buffer.concat([Buffer.from([sender.length]), Buffer.from(sender), Buffer.from(message)]);
}

describe('Redis relay gate', () => {
	it('relays nothing of a document whose batch failed, until its whole state is stored again', async () => {
		if (!enabled) return;
		const { store, batches } = heldStore();
		const queue = new WriteQueue(store, createLogger('silent'));
		const channel = `cap-test:${randomUUID()}`;
		const pub = gatedRedis(REDIS_URL, queue);
		const sub = new Redis(REDIS_URL);
		h.defer(() => {
			pub.disconnect(false);
			sub.disconnect(false);
		});
		const heard: string[] = [];
		sub.on('messageBuffer', (_channel: Buffer, data: Buffer) =>
			heard.push(data.subarray(3).toString('latin1'))
		);
		await sub.subscribe(channel);

		void queue.append('plan-a', new Uint8Array([1])).catch(() => {});
		const failed = pub.publish(channel, relayMessage('p1', 'plan-a', 'lost edit'));
		await waitFor(() => batches.length === 1);
		batches[0]!.fail(new Error('disk full'));
		await failed;
		// The whole state, queued again by the persistence extension, is committed: relaying resumes.
		void queue.append('plan-a', new Uint8Array([1, 2]), true);
		const kept = pub.publish(channel, relayMessage('p1', 'plan-a', 'kept edit'));
		await waitFor(() => batches.length === 2);
		batches[1]!.commit();
		await kept;
		await waitFor(() => heard.length === 1, 5_000, 'the relayed message');
		expect(heard[0]).toContain('kept edit');
		expect(heard.join()).not.toContain('lost edit');
	});
});
