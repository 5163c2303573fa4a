/**
 * Group commit: every write the server makes to the store goes through one queue. Whatever is queued
 * while a batch is being committed goes out together in the next batch, one transaction, so a burst
 * of updates from many connections (or many queued messages of one) costs one commit, not one each.
 * With nothing in flight, a batch leaves on the next turn of the event loop (setImmediate), after the
 * socket reads of the current turn have queued their updates.
 *
 * Jobs are numbered in the order they are queued; `settled` counts the jobs whose batch has finished,
 * in order, committed or failed. The output gate (output-gate.ts) holds every frame sent to a client
 * until the jobs queued before it have settled, so nobody hears of an update before it is stored.
 */
import type { Logger } from './log.ts';
import type { Store, WriteJob } from './store/types.ts';

/** At most this many jobs, or about this many bytes, in one transaction. */
const MAX_BATCH_JOBS = 5_000;
const MAX_BATCH_BYTES = 16 * 1024 * 1024;

interface Queued {
	job: WriteJob;
	resolve: (seq: number) => void;
	reject: (error: unknown) => void;
}

export interface BatchFailure {
	/** The documents whose writes were in the failed batch: nothing of it was stored. */
	docs: Set<string>;
	error: unknown;
}

export class WriteQueue {
	/** Jobs queued since start. */
	enqueued = 0;
	/** Jobs whose batch has finished (committed or failed), a prefix of the queued ones. */
	settled = 0;
	/** Batches committed, and the jobs they held (for the benchmark's report). */
	readonly stats = { batches: 0, jobs: 0, failures: 0 };

	readonly #store: Store;
	readonly #log: Logger;
	#queue: Queued[] = [];
	#inFlight = false;
	#scheduled = false;
	readonly #settledListeners = new Set<() => void>();
	readonly #failureListeners = new Set<(failure: BatchFailure) => void>();
	readonly #waiters: Array<{ upTo: number; resolve: () => void }> = [];

	constructor(store: Store, log: Logger) {
		this.#store = store;
		this.#log = log;
	}

	/** Queues an append; resolves with its sequence number once its batch is committed. */
	append(doc: string, update: Uint8Array): Promise<number> {
		return this.#push({ kind: 'append', doc, update });
	}

	/** Queues a compaction of `doc` by `state`, which must hold every update queued for it so far. */
	compact(doc: string, state: Uint8Array): Promise<number> {
		return this.#push({ kind: 'compact', doc, state });
	}

	/** Resolves once every job queued so far has settled (committed or failed). */
	drain(): Promise<void> {
		const upTo = this.enqueued;
		if (this.settled >= upTo) return Promise.resolve();
		return new Promise((resolve) => this.#waiters.push({ upTo, resolve }));
	}

	/** Called after each batch settles, with `settled` already advanced. */
	onSettled(listener: () => void): () => void {
		this.#settledListeners.add(listener);
		return () => this.#settledListeners.delete(listener);
	}

	/** Called when a batch could not be committed. */
	onFailure(listener: (failure: BatchFailure) => void): () => void {
		this.#failureListeners.add(listener);
		return () => this.#failureListeners.delete(listener);
	}

	#push(job: WriteJob): Promise<number> {
		this.enqueued++;
		const promise = new Promise<number>((resolve, reject) => this.#queue.push({ job, resolve, reject }));
		this.#schedule();
		return promise;
	}

	#schedule(): void {
		if (this.#inFlight || this.#scheduled || this.#queue.length === 0) return;
		this.#scheduled = true;
		setImmediate(() => {
			this.#scheduled = false;
			void this.#flush();
		});
	}

	async #flush(): Promise<void> {
		if (this.#inFlight || this.#queue.length === 0) return;
		this.#inFlight = true;
		let bytes = 0;
		let count = 0;
		while (count < this.#queue.length && count < MAX_BATCH_JOBS && bytes < MAX_BATCH_BYTES) {
			const job = this.#queue[count]!.job;
			bytes += job.kind === 'append' ? job.update.byteLength : job.state.byteLength;
			count++;
		}
		const batch = this.#queue.splice(0, count);
		try {
			const seqs = await this.#store.writeBatch(batch.map((q) => q.job));
			this.stats.batches++;
			this.stats.jobs += batch.length;
			this.#settle(batch.length);
			batch.forEach((q, i) => q.resolve(seqs[i] ?? 0));
		} catch (error) {
			this.stats.failures++;
			this.#log.error('a batch of writes failed; nothing of it was stored', {
				jobs: batch.length,
				error: String(error)
			});
			const docs = new Set(batch.map((q) => q.job.doc));
			this.#settle(batch.length);
			for (const listener of this.#failureListeners) listener({ docs, error });
			for (const q of batch) q.reject(error);
		} finally {
			this.#inFlight = false;
			this.#schedule();
		}
	}

	#settle(count: number): void {
		this.settled += count;
		for (const listener of this.#settledListeners) listener();
		for (let i = this.#waiters.length - 1; i >= 0; i--) {
			const waiter = this.#waiters[i]!;
			if (waiter.upTo <= this.settled) {
				this.#waiters.splice(i, 1);
				waiter.resolve();
			}
		}
	}
}
