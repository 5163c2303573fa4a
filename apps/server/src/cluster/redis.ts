/**
 * Redis connections of a cluster process. What one process publishes reports changes of its
 * documents, so, like every frame to a client (output-gate.ts), a publish leaves only once the writes
 * queued before it are committed: another process can never show its clients a change that a crash
 * of this one would lose. If one of those writes failed, a message about its document (the document
 * name @hocuspocus/extension-redis puts after its sender's id) is not sent at all until the document's
 * whole state is stored again (WriteQueue.stored): the peers get what they missed at the next
 * exchange. Publishes of one connection keep their order.
 */
import * as decoding from 'lib0/decoding';
import { Redis, type Callback } from 'ioredis';
import type { WriteQueue } from '../write-queue.ts';

/** ioredis's client, with `publish` gated behind the write queue (a subclass: no patched method). */
export class GatedRedis extends Redis {
	readonly #queue: WriteQueue;
	#chain: Promise<unknown> = Promise.resolve();

	constructor(url: string, queue: WriteQueue) {
		super(url, { maxRetriesPerRequest: 3, enableAutoPipelining: true });
		this.#queue = queue;
		// A lost connection is retried by ioredis; /readyz reports it meanwhile (status !== 'ready').
		this.on('error', () => {});
	}

	/** Resolves with the number of receivers, 0 when the message was held back (its document unstored). */
	override publish(
		channel: string | Buffer,
		message: string | Buffer,
		callback?: Callback<number>
	): Promise<number> {
		const upTo = this.#queue.enqueued;
		const doc = relayedDocument(message);
		const sent = this.#chain
			.then(() => this.#queue.settledUpTo(upTo))
			.then(() => (doc !== null && !this.#queue.stored(doc) ? 0 : super.publish(channel, message)));
		this.#chain = sent.catch(() => {});
		if (callback)
			sent.then(
				(n) => callback(null, n),
				(error: Error) => callback(error)
			);
		return sent;
	}
}

export function gatedRedis(url: string, queue: WriteQueue): GatedRedis {
	return new GatedRedis(url, queue);
}

/** The document a relay message is about: [sender id length][sender id][varString name]..., or null. */
export function relayedDocument(message: string | Buffer): string | null {
	if (typeof message === 'string' || message.length < 2) return null;
	try {
		const decoder = decoding.createDecoder(message.subarray(1 + message[0]!));
		return decoding.readVarString(decoder);
	} catch {
		return null;
	}
}
