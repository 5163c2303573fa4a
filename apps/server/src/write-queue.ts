/**
 * Group commit: every write the server makes to the store goes through one queue. Whatever is queued
 * while a batch is being committed goes out together in the next batch, one transaction, so a burst
 * of updates from many connections (or many queued messages of one) costs one commit, not one each.
 * With nothing in flight, a batch leaves on the next turn of the event loop (setImmediate), after the
 * socket reads of the current turn have queued their updates.
 *
 * A store may let several batches be in flight at once (`Store.pipeline`, PostgreSQL): then the next
 * batch leaves while the previous one is still committing, so a burst waits for the commits to overlap,
 * not for one round trip after another. Batches may then finish out of order; they settle in order.
 * A compaction leaves alone, once nothing else is in flight, and nothing leaves while it commits: its
 * snapshot replaces the rows written before it, which must be committed by then.
 *
 * Jobs are numbered in the order they are queued; `settled` counts the jobs whose batch has finished,
 * in order, committed or failed. The output gate (output-gate.ts) holds every frame sent to a client
 * until the jobs queued before it have settled, so nobody hears of an update before it is stored. When a
 * batch fails, its failure listeners run before `settled` moves past it: the persistence extension drops
 * the frames held for its documents first, so a failed write is never acknowledged. Until a write that
 * restores a failed document's whole state commits, `stored(doc)` is false (the Redis relay sends
 * nothing of that document meanwhile, cluster/redis.ts).
 */
import type { Logger } from './log.ts';
import type { Fence, Store, WriteJob } from './store/types.ts';

/** At most this many jobs, or about this many bytes, in one transaction. */
const MAX_BATCH_JOBS = 5_000;
const MAX_BATCH_BYTES = 16 * 1024 * 1024;
/**
 * Backpressure: past this many bytes waiting for the store (queued or in flight), the queue reports
 * pressure and the transport stops reading from clients' sockets (transport.ts), so a store that stops
 * answering makes clients wait, with their changes on their devices, instead of filling this process's
 * memory; below LOW_WATER_BYTES reading resumes.
 */
export const HIGH_WATER_BYTES = 64 * 1024 * 1024;
export const LOW_WATER_BYTES = 16 * 1024 * 1024;

interface Queued {
	/** The job's number: `enqueued` once it was queued. */
	n: number;
	job: WriteJob;
	/** A write of the document's whole state: once committed, its earlier failures are repaired. */
	restores: boolean;
	resolve: (seq: number) => void;
	reject: (error: unknown) => void;
}

type Outcome = { ok: true; seqs: number[] } | { ok: false; error: unknown };

interface InFlight {
	jobs: Queued[];
	/** A compaction batch: nothing else is sent until it settles. */
	barrier: boolean;
	/** Set when the store has answered; the batch settles once every earlier batch has. */
	outcome: Outcome | null;
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
	/** Since when (epoch ms) the store refuses writes: set by a failed batch, cleared by a committed one. */
	failingSince: number | null = null;
	/** Bytes queued or in flight, not yet settled (the backpressure measure). */
	pendingBytes = 0;
	/** True while past HIGH_WATER_BYTES, until back under LOW_WATER_BYTES. */
	pressed = false;
	readonly #pressureListeners = new Set<(pressed: boolean) => void>();

	readonly #store: Store;
	readonly #log: Logger;
	readonly #pipeline: number;
	#queue: Queued[] = [];
	/** Batches sent to the store and not yet settled, oldest first. */
	readonly #inFlight: InFlight[] = [];
	#scheduled = false;
	readonly #settledListeners = new Set<() => void>();
	readonly #failureListeners = new Set<(failure: BatchFailure) => void>();
	readonly #waiters: Array<{ upTo: number; resolve: () => void }> = [];
	readonly #batchListeners = new Set<(ms: number, ok: boolean, jobs: readonly WriteJob[]) => void>();
	/** Numbers of the jobs of the last failed batches, [first, last], newest last. */
	readonly #failed: Array<[number, number]> = [];
	/** Documents with a failed write not yet repaired, with the number of that write's job. */
	readonly #unstored = new Map<string, number>();
	/** Callers of `restored`, with the documents they wait for. */
	readonly #restoreWaiters = new Set<{ docs: Set<string>; resolve: (stored: boolean) => void }>();

	constructor(store: Store, log: Logger) {
		this.#store = store;
		this.#log = log;
		this.#pipeline = Math.max(1, store.pipeline ?? 1);
	}

	/**
	 * Queues an append; resolves with its sequence number once its batch is committed. `restores`: the
	 * update is the document's whole state, so once committed it repairs the document's failed writes.
	 * `fence`: an authoritative write, stored only while the ownership it was made under is current
	 * (store/types.ts); otherwise its batch fails with FencedError.
	 */
	append(doc: string, update: Uint8Array, restores = false, fence?: Fence): Promise<number> {
		return this.#push({ kind: 'append', doc, update, ...(fence && { fence }) }, restores);
	}

	/**
	 * Forgets the failed writes of `doc`: its copy in memory was dropped (a write of a lost ownership,
	 * refused by its fence) and will be loaded again from the store, which then holds all of it.
	 */
	dropped(doc: string): void {
		this.#unstored.delete(doc);
		for (const waiter of [...this.#restoreWaiters]) {
			if (waiter.docs.has(doc)) this.#endRestoreWaiter(waiter, false);
		}
	}

	/**
	 * After `committed(from, to)` said false (a command's writes failed): resolves true once every document
	 * with a write that failed since job `from` has had its whole state stored again (the persistence
	 * extension queues it again until it is), so those writes are stored after all; false if one of those
	 * documents was dropped instead (they never will be).
	 */
	restored(from: number): Promise<boolean> {
		const docs = new Set([...this.#unstored].filter(([, n]) => n > from).map(([doc]) => doc));
		if (docs.size === 0) return Promise.resolve(true);
		return new Promise((resolve) => this.#restoreWaiters.add({ docs, resolve }));
	}

	#endRestoreWaiter(waiter: { docs: Set<string>; resolve: (stored: boolean) => void }, stored: boolean) {
		this.#restoreWaiters.delete(waiter);
		waiter.resolve(stored);
	}

	/** Queues a compaction of `doc` by `state`, which must hold every update queued for it so far. */
	compact(doc: string, state: Uint8Array): Promise<number> {
		return this.#push({ kind: 'compact', doc, state }, true);
	}

	/** False while a write of `doc` failed and no write of its whole state has been committed since. */
	stored(doc: string): boolean {
		return !this.#unstored.has(doc);
	}

	/** Resolves once the jobs queued so far (not those queued later) have settled. */
	settledUpTo(upTo = this.enqueued): Promise<void> {
		if (this.settled >= upTo) return Promise.resolve();
		return new Promise((resolve) => this.#waiters.push({ upTo, resolve }));
	}

	/** Resolves once every job queued so far has settled (committed or failed). */
	drain(): Promise<void> {
		return this.settledUpTo(this.enqueued);
	}

	/**
	 * Resolves once jobs `from + 1` to `to` (numbers as `enqueued` counted them) have settled: true if
	 * they were all committed, false if one of them was in a failed batch. A command that wrote jobs
	 * `from + 1..to` answers ok only on true (nothing acknowledged without storage).
	 */
	async committed(from: number, to: number): Promise<boolean> {
		if (to <= from) return true;
		if (this.settled < to) {
			await new Promise<void>((resolve) => this.#waiters.push({ upTo: to, resolve }));
		}
		return !this.#failed.some(([first, last]) => first <= to && last > from);
	}

	/** Called with each batch's commit time (ms), whether it was committed, and its jobs. */
	onBatch(listener: (ms: number, ok: boolean, jobs: readonly WriteJob[]) => void): () => void {
		this.#batchListeners.add(listener);
		return () => this.#batchListeners.delete(listener);
	}

	/** Called after each batch settles, with `settled` already advanced. */
	onSettled(listener: () => void): () => void {
		this.#settledListeners.add(listener);
		return () => this.#settledListeners.delete(listener);
	}

	/** Jobs waiting to be sent to the store. */
	get depth(): number {
		return this.#queue.length;
	}

	/** Batches sent to the store and not yet settled. */
	get batchesInFlight(): number {
		return this.#inFlight.length;
	}

	/** Called with true when pending bytes pass HIGH_WATER_BYTES, false once back under LOW_WATER_BYTES. */
	onPressure(listener: (pressed: boolean) => void): () => void {
		this.#pressureListeners.add(listener);
		return () => this.#pressureListeners.delete(listener);
	}

	#measure(bytes: number): void {
		this.pendingBytes += bytes;
		const pressed = this.pressed ? this.pendingBytes > LOW_WATER_BYTES : this.pendingBytes > HIGH_WATER_BYTES;
		if (pressed === this.pressed) return;
		this.pressed = pressed;
		this.#log.warn(
			pressed
				? 'writes pile up: not reading from clients until the store catches up'
				: 'reading from clients again',
			{
				pendingBytes: this.pendingBytes
			}
		);
		for (const listener of this.#pressureListeners) listener(pressed);
	}

	/** Called when a batch could not be committed. */
	onFailure(listener: (failure: BatchFailure) => void): () => void {
		this.#failureListeners.add(listener);
		return () => this.#failureListeners.delete(listener);
	}

	#push(job: WriteJob, restores = false): Promise<number> {
		this.enqueued++;
		const n = this.enqueued;
		const promise = new Promise<number>((resolve, reject) =>
			this.#queue.push({ n, job, restores, resolve, reject })
		);
		this.#measure(jobBytes(job));
		this.#schedule();
		return promise;
	}

	/** True when a new batch may leave now. */
	#canSend(): boolean {
		if (this.#queue.length === 0) return false;
		// A batch that finished early but waits to settle no longer holds a connection.
		if (this.#inFlight.filter((batch) => !batch.outcome).length >= this.#pipeline) return false;
		if (this.#inFlight.some((batch) => batch.barrier)) return false;
		// A compaction at the head waits until everything before it is committed.
		return !(this.#queue[0]!.job.kind === 'compact' && this.#inFlight.length > 0);
	}

	#schedule(): void {
		if (this.#scheduled || !this.#canSend()) return;
		this.#scheduled = true;
		setImmediate(() => {
			this.#scheduled = false;
			while (this.#canSend()) this.#send();
		});
	}

	#send(): void {
		let bytes = 0;
		let count = 0;
		let barrier = false;
		// With other batches in flight, stop before a compaction: it must go once they are committed.
		const pipelined = this.#pipeline > 1;
		while (count < this.#queue.length && count < MAX_BATCH_JOBS && bytes < MAX_BATCH_BYTES) {
			const job = this.#queue[count]!.job;
			if (job.kind === 'compact' && pipelined) {
				if (count > 0 || this.#inFlight.length > 0) break;
				barrier = true;
			}
			bytes += jobBytes(job);
			count++;
			if (barrier) break;
		}
		const batch: InFlight = { jobs: this.#queue.splice(0, count), barrier, outcome: null };
		this.#inFlight.push(batch);
		const started = performance.now();
		const jobs = batch.jobs.map((q) => q.job);
		const timed = (ok: boolean) => {
			const ms = performance.now() - started;
			for (const listener of this.#batchListeners) listener(ms, ok, jobs);
		};
		this.#store.writeBatch(jobs).then(
			(seqs) => {
				timed(true);
				this.#finished(batch, { ok: true, seqs });
			},
			(error: unknown) => {
				timed(false);
				this.#finished(batch, { ok: false, error });
			}
		);
	}

	#finished(batch: InFlight, outcome: Outcome): void {
		batch.outcome = outcome;
		// Settle in queue order: a batch that finished early waits for the ones sent before it.
		while (this.#inFlight[0]?.outcome) {
			const done = this.#inFlight.shift()!;
			this.#settleBatch(done.jobs, done.outcome!);
		}
		this.#schedule();
	}

	#settleBatch(batch: Queued[], outcome: Outcome): void {
		if (outcome.ok) {
			this.stats.batches++;
			this.stats.jobs += batch.length;
			this.failingSince = null;
			for (const q of batch) {
				const failedAt = this.#unstored.get(q.job.doc);
				if (q.restores && failedAt !== undefined && q.n > failedAt) this.#unstored.delete(q.job.doc);
			}
			for (const waiter of [...this.#restoreWaiters]) {
				if ([...waiter.docs].every((doc) => !this.#unstored.has(doc))) this.#endRestoreWaiter(waiter, true);
			}
			this.#settle(batch.length, batchBytes(batch));
			batch.forEach((q, i) => q.resolve(outcome.seqs[i] ?? 0));
			return;
		}
		const { error } = outcome;
		this.stats.failures++;
		this.failingSince ??= Date.now();
		this.#log.error('a batch of writes failed; nothing of it was stored', {
			jobs: batch.length,
			error: String(error)
		});
		const docs = new Set(batch.map((q) => q.job.doc));
		this.#failed.push([batch[0]!.n, batch.at(-1)!.n]);
		if (this.#failed.length > 1_000) this.#failed.shift();
		for (const q of batch) this.#unstored.set(q.job.doc, q.n);
		// Before `settled` moves: the listeners drop what the gate holds for these documents, which
		// settling would release (acknowledgements of writes that were not stored).
		for (const listener of this.#failureListeners) listener({ docs, error });
		this.#settle(batch.length, batchBytes(batch));
		for (const q of batch) q.reject(error);
	}

	#settle(count: number, bytes = 0): void {
		this.#measure(-bytes);
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

function jobBytes(job: WriteJob): number {
	return job.kind === 'append' ? job.update.byteLength : job.state.byteLength;
}

function batchBytes(batch: Queued[]): number {
	return batch.reduce((sum, q) => sum + jobBytes(q.job), 0);
}
