/**
 * Who else uses this PostgreSQL schema, and which process owns which plan (README, "Several
 * processes"). Both rest on PostgreSQL advisory locks held by one dedicated connection per process:
 * PostgreSQL releases them the moment that connection ends, so a process that dies (kill -9, crash,
 * lost machine once TCP gives up) frees its locks without anyone having to wait for a lease to expire.
 *
 * - Membership: a process without REDIS_URL takes the schema's lock exclusively, a process with
 *   REDIS_URL takes it shared. So one lone process refuses company, and processes relaying through
 *   Redis accept each other but not a lone one (which would never hear their updates).
 * - Plan ownership (cluster mode): the process holding a plan's lock is that plan's only workshop
 *   authority and the only one that compacts its documents. It writes its id in `plan_owners` so the
 *   others know where to route commands; the lock, not the row, is the truth (a row left by a dead
 *   process is overwritten by the next owner).
 * - A paused owner (SIGSTOP, a stalled VM, a process cut off from PostgreSQL without noticing) keeps
 *   its connection, so its locks. So the lock connection beats: every HEARTBEAT_MS it stamps its rows
 *   in `plan_owners`, each query bounded by a statement timeout; a beat that fails or times out ends
 *   the connection (and with it every lock). A process finding a plan's lock taken by an owner whose
 *   stamp is older than STALE_MS ends that owner's lock connection (pg_terminate_backend) and takes the
 *   plan over. Fencing: each taking of a plan raises its `epoch`; an owner acts on a plan (`owns`, and
 *   `tryOwn` before every command and compaction) only while its last beat, which checks that the row
 *   still names it at its epoch, is younger than LEASE_MS, shorter than STALE_MS: a resumed owner stops
 *   before anyone could take over, and a taken-over one never acts again. The lease is checked before a
 *   write, not inside it: what the owner writes carries its epoch (`fenceOf`), which the transaction
 *   storing it checks under the plan's fence lock (store/types.ts, Fence), so a write made just before
 *   a pause is refused if another process took the plan over meanwhile.
 */
import pg from 'pg';
import type { Logger } from '../log.ts';
import { fenceKey, type Fence } from '../store/types.ts';
import { MembershipError } from './errors.ts';

export type ClusterMode = 'single' | 'redis';

export interface Membership {
	readonly id: string;
	readonly mode: ClusterMode;
	/** False while the dedicated connection is lost (its locks with it). */
	readonly healthy: boolean;
	/**
	 * Takes the plan's lock if free (or already ours), or taken by an owner that stopped beating.
	 * Resolves true when this process owns the plan and may act on it now (fenced: see above).
	 * `onAcquired` listeners run (awaited) before the first true of a new ownership.
	 */
	tryOwn(planId: string): Promise<boolean>;
	/** Whether this process owns the plan and may act on it now (its lease is fresh). */
	owns(planId: string): boolean;
	/** The epoch this process took the plan at (raised at each taking), or null. */
	epochOf(planId: string): number | null;
	/**
	 * The fencing token of the plan's authoritative writes (store/types.ts): this process's epoch, or,
	 * once it lost the plan, the last epoch it held (its writes are then refused), or null if it never held it.
	 */
	fenceOf(planId: string): Fence | null;
	/** The id recorded by the plan's current owner, or null (none, or not recorded yet). */
	holderOf(planId: string): Promise<string | null>;
	/** Gives up a plan (no-op if not held). */
	release(planId: string): Promise<void>;
	onAcquired(listener: (planId: string) => Promise<void>): void;
	/** Releases everything and closes the connection. */
	close(): Promise<void>;
}

const RECONNECT_MS = 1_000;
/** How often the lock connection stamps this process's plans. */
export const HEARTBEAT_MS = 1_000;
/** An owner acts on its plans only this long after its last successful beat. */
export const LEASE_MS = 3_000;
/** A stamp older than this marks its owner as paused or cut off: its plans may be taken over. */
export const STALE_MS = 5_000;
/** Bound of every query on the lock connection (PostgreSQL's statement_timeout, and the client's). */
const STATEMENT_TIMEOUT_MS = 2_000;
/** PostgreSQL's clock, in ms: stamps are compared on one clock, whatever the processes' clocks say. */
const DB_NOW = '(extract(epoch from clock_timestamp()) * 1000)::bigint';

export async function openMembership(options: {
	url: string;
	schema: string;
	mode: ClusterMode;
	id: string;
	log: Logger;
}): Promise<Membership> {
	const { url, schema, mode, id, log } = options;
	const owners = `"${schema}".plan_owners`;
	const memberKey = `cap-processes:${schema}`;
	const planKey = (planId: string) => `cap-plan:${schema}:${planId}`;
	/** Plans this process owns, with the epoch it took each at. */
	const owned = new Map<string, number>();
	/** The last epoch this process held each plan at, kept after losing it: its late writes carry it. */
	const heldAt = new Map<string, number>();
	/** performance.now() of the last beat that confirmed every owned plan (the lease starts there). */
	let lastBeat = performance.now();
	let beating: Promise<void> | null = null;
	/** Questions on the wire, by plan: whether this process can own it, and who holds it. */
	const trying = new Map<string, Promise<boolean>>();
	const asking = new Map<string, Promise<string | null>>();
	/** When each plan's owner was last checked for staleness (performance.now()). */
	const staleChecked = new Map<string, number>();
	const listeners: Array<(planId: string) => Promise<void>> = [];
	/** One lock operation at a time on the one connection (advisory locks count re-entries). */
	let chain: Promise<unknown> = Promise.resolve();
	let client: pg.Client | null = null;
	let closed = false;

	function serial<T>(fn: () => Promise<T>): Promise<T> {
		const run = chain.then(fn, fn);
		chain = run.catch(() => {});
		return run;
	}

	async function connect(): Promise<pg.Client> {
		const c = new pg.Client({
			connectionString: url,
			keepAlive: true,
			connectionTimeoutMillis: STATEMENT_TIMEOUT_MS * 2,
			statement_timeout: STATEMENT_TIMEOUT_MS,
			query_timeout: STATEMENT_TIMEOUT_MS + 500
		});
		await c.connect();
		const fn = mode === 'single' ? 'pg_try_advisory_lock' : 'pg_try_advisory_lock_shared';
		const { rows } = await c.query<{ ok: boolean }>(`SELECT ${fn}(hashtextextended($1, 0)) AS ok`, [
			memberKey
		]);
		if (!rows[0]!.ok) {
			await c.end().catch(() => {});
			throw new MembershipError(
				mode === 'single'
					? `another Cap process uses this PostgreSQL database (schema ${schema}). Several processes ` +
							'must all set REDIS_URL, which relays their updates (README, "Several processes").'
					: `a Cap process without REDIS_URL uses this PostgreSQL database (schema ${schema}): it would ` +
							'never hear this one. Stop it, or give it REDIS_URL too (README, "Several processes").'
			);
		}
		c.on('error', (error) => lost(c, error));
		c.on('end', () => lost(c, new Error('connection ended')));
		lastBeat = performance.now();
		return c;
	}

	/** The lease: whether this process may act on the plans it holds right now. */
	const fresh = () => client !== null && performance.now() - lastBeat < LEASE_MS;

	/**
	 * Stamps this process's plans and checks that each still names it at its epoch; a plan taken over
	 * meanwhile is dropped. A failed or timed-out beat ends the connection: its locks go with it.
	 */
	function beat(): Promise<void> {
		beating ??= (async () => {
			const c = client;
			if (!c) return;
			const started = performance.now();
			try {
				const { rows } = await c.query<{ plan_id: string; epoch: string }>(
					`UPDATE ${owners} SET beat = ${DB_NOW}, pid = pg_backend_pid() WHERE holder = $1 RETURNING plan_id, epoch`,
					[id]
				);
				const current = new Map(rows.map((r) => [r.plan_id, Number(r.epoch)]));
				for (const [planId, epoch] of owned) {
					if (current.get(planId) !== epoch) {
						owned.delete(planId);
						log.warn('plan taken over by another process; no longer acting on it', { plan: planId });
					}
				}
				if (client === c) lastBeat = started;
			} catch (error) {
				log.error('the cluster locks connection missed its beat; ending it', { error: String(error) });
				lost(c, error);
				await c.end().catch(() => {});
			}
		})().finally(() => (beating = null));
		return beating;
	}

	function lost(c: pg.Client, error: unknown): void {
		if (client !== c || closed) return;
		client = null;
		c.removeAllListeners('error');
		c.on('error', () => {});
		// Every advisory lock went with the connection: nothing is owned any more.
		owned.clear();
		log.error('lost the PostgreSQL connection holding the cluster locks; reconnecting', {
			error: String(error)
		});
		const retry = async () => {
			if (closed || client) return;
			try {
				client = await connect();
				log.info('cluster locks connection restored');
			} catch (e) {
				log.error('cannot restore the cluster locks connection', { error: String(e) });
				setTimeout(() => void retry(), RECONNECT_MS).unref();
			}
		};
		setTimeout(() => void retry(), RECONNECT_MS).unref();
	}

	client = await connect();
	try {
		await client.query(
			`SELECT pg_advisory_xact_lock(hashtextextended('cap-schema:${schema}', 0));
			 CREATE TABLE IF NOT EXISTS ${owners} (plan_id TEXT PRIMARY KEY, holder TEXT NOT NULL, since BIGINT NOT NULL);
			 ALTER TABLE ${owners} ADD COLUMN IF NOT EXISTS epoch BIGINT NOT NULL DEFAULT 0;
			 ALTER TABLE ${owners} ADD COLUMN IF NOT EXISTS beat BIGINT NOT NULL DEFAULT 0;
			 ALTER TABLE ${owners} ADD COLUMN IF NOT EXISTS pid INTEGER`
		);
	} catch (error) {
		await client.end().catch(() => {});
		throw error;
	}
	const heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
	heartbeat.unref();

	/**
	 * The plan's lock is taken: if its owner's stamp is stale, end that owner's lock connection (its
	 * locks go with it) so that the next try takes the plan. Resolves true when it did.
	 */
	async function takeOverStale(c: pg.Client, planId: string): Promise<boolean> {
		// A stamp moves once a second: looking more often than that tells nothing new.
		const now = performance.now();
		if (now - (staleChecked.get(planId) ?? -Infinity) < HEARTBEAT_MS) return false;
		staleChecked.set(planId, now);
		if (staleChecked.size > 10_000) staleChecked.clear();
		const { rows } = await c.query<{ holder: string; pid: number | null }>(
			`SELECT holder, pid FROM ${owners} WHERE plan_id = $1 AND beat < ${DB_NOW} - $2`,
			[planId, STALE_MS]
		);
		const stale = rows[0];
		if (!stale?.pid || stale.holder === id) return false;
		log.warn('the owner of a plan stopped beating; taking the plan over', {
			plan: planId,
			owner: stale.holder
		});
		const ended = await c.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [stale.pid]);
		// A write of the paused owner caught between its fence check and its commit holds the plan's fence
		// lock (store/types.ts, Fence): ended too, it is rolled back, and the epoch can be raised.
		await c.query(
			`SELECT pg_terminate_backend(l.pid) FROM pg_locks l
			 WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.pid <> pg_backend_pid()
			   AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended($1, 0)`,
			[fenceKey(schema, planId)]
		);
		return ended.rows[0]?.ok === true;
	}

	/** Takes the plan's lock if free; resolves with the new epoch, or null. */
	async function acquire(c: pg.Client, planId: string): Promise<number | null> {
		const lock = () =>
			c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [
				planKey(planId)
			]);
		let { rows } = await lock();
		if (!rows[0]!.ok && (await takeOverStale(c, planId))) {
			// The ended backend lets go of its locks as it exits, a moment later.
			for (let i = 0; i < 20 && !rows[0]!.ok; i++) {
				await new Promise((resolve) => setTimeout(resolve, 25));
				({ rows } = await lock());
			}
		}
		if (!rows[0]!.ok) return null;
		// The epoch is raised holding the plan's fence lock: no write fenced with the previous epoch is
		// between its check and its commit meanwhile (store/types.ts, Fence).
		await c.query('BEGIN');
		try {
			await c.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [fenceKey(schema, planId)]);
			const taken = await c.query<{ epoch: string }>(
				`INSERT INTO ${owners} (plan_id, holder, since, epoch, beat, pid) VALUES ($1, $2, $3, 1, ${DB_NOW}, pg_backend_pid())
				 ON CONFLICT (plan_id) DO UPDATE SET holder = EXCLUDED.holder, since = EXCLUDED.since,
				   epoch = ${owners}.epoch + 1, beat = EXCLUDED.beat, pid = EXCLUDED.pid
				 RETURNING epoch`,
				[planId, id, Date.now()]
			);
			await c.query('COMMIT');
			return Number(taken.rows[0]!.epoch);
		} catch (error) {
			await c.query('ROLLBACK').catch(() => {});
			throw error;
		}
	}

	const membership: Membership = {
		id,
		mode,
		get healthy() {
			return client !== null;
		},
		owns: (planId) => owned.has(planId) && fresh(),
		epochOf: (planId) => owned.get(planId) ?? null,
		fenceOf(planId) {
			const epoch = heldAt.get(planId);
			return epoch === undefined ? null : { planId, epoch };
		},
		onAcquired(listener) {
			listeners.push(listener);
		},
		async tryOwn(planId) {
			if (owned.has(planId) && fresh()) return true;
			// Past the lease (this process was paused, or PostgreSQL is slow): a beat says whether it still owns it.
			if (owned.has(planId)) {
				await beat();
				return owned.has(planId) && fresh();
			}
			// Many commands of one plan ask at once (each forwarded one checks every OWNER_CHECK_MS): one
			// question per plan is on the wire at a time, and they all get its answer.
			const asked = trying.get(planId);
			if (asked) return asked;
			const asking = serial(async () => {
				if (owned.has(planId)) return fresh();
				const c = client;
				if (!c) return false;
				const epoch = await acquire(c, planId);
				if (epoch === null) return false;
				owned.set(planId, epoch);
				heldAt.set(planId, epoch);
				try {
					for (const listener of listeners) await listener(planId);
				} catch (error) {
					// Not caught up: do not act as the owner on a stale copy.
					owned.delete(planId);
					await c.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [planKey(planId)]);
					throw error;
				}
				log.debug('owning plan', { plan: planId });
				return true;
			}).finally(() => trying.delete(planId));
			trying.set(planId, asking);
			return asking;
		},
		holderOf(planId) {
			const asked = asking.get(planId);
			if (asked) return asked;
			const question = (async () => {
				const c = client;
				if (!c) return null;
				const { rows } = await c.query<{ holder: string }>(
					`SELECT holder FROM ${owners} WHERE plan_id = $1`,
					[planId]
				);
				return rows[0]?.holder ?? null;
			})().finally(() => asking.delete(planId));
			asking.set(planId, question);
			return question;
		},
		release(planId) {
			return serial(async () => {
				heldAt.delete(planId);
				if (!owned.delete(planId)) return;
				// Taken over meanwhile: the lock went with the old connection, the row names the new owner.
				const c = client;
				if (!c) return;
				await c.query(`DELETE FROM ${owners} WHERE plan_id = $1 AND holder = $2`, [planId, id]);
				await c.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [planKey(planId)]);
				log.debug('released plan', { plan: planId });
			});
		},
		async close() {
			clearInterval(heartbeat);
			await serial(async () => {
				closed = true;
				const c = client;
				client = null;
				owned.clear();
				if (!c) return;
				await c.query(`DELETE FROM ${owners} WHERE holder = $1`, [id]).catch(() => {});
				// Ending the session releases every advisory lock it holds.
				await c.end().catch(() => {});
			});
		}
	};
	return membership;
}
