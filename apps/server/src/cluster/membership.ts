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
 */
import pg from 'pg';
import type { Logger } from '../log.ts';
import { MembershipError } from './errors.ts';

export type ClusterMode = 'single' | 'redis';

export interface Membership {
	readonly id: string;
	readonly mode: ClusterMode;
	/** False while the dedicated connection is lost (its locks with it). */
	readonly healthy: boolean;
	/**
	 * Takes the plan's lock if free (or already ours). Resolves true when this process owns the plan.
	 * `onAcquired` listeners run (awaited) before the first true of a new ownership.
	 */
	tryOwn(planId: string): Promise<boolean>;
	owns(planId: string): boolean;
	/** The id recorded by the plan's current owner, or null (none, or not recorded yet). */
	holderOf(planId: string): Promise<string | null>;
	/** Gives up a plan (no-op if not held). */
	release(planId: string): Promise<void>;
	onAcquired(listener: (planId: string) => Promise<void>): void;
	/** Releases everything and closes the connection. */
	close(): Promise<void>;
}

const RECONNECT_MS = 1_000;

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
	const owned = new Set<string>();
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
		const c = new pg.Client({ connectionString: url, keepAlive: true });
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
		return c;
	}

	function lost(c: pg.Client, error: unknown): void {
		if (client !== c || closed) return;
		client = null;
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
			 CREATE TABLE IF NOT EXISTS ${owners} (plan_id TEXT PRIMARY KEY, holder TEXT NOT NULL, since BIGINT NOT NULL)`
		);
	} catch (error) {
		await client.end().catch(() => {});
		throw error;
	}

	const membership: Membership = {
		id,
		mode,
		get healthy() {
			return client !== null;
		},
		owns: (planId) => owned.has(planId),
		onAcquired(listener) {
			listeners.push(listener);
		},
		tryOwn(planId) {
			if (owned.has(planId)) return Promise.resolve(true);
			return serial(async () => {
				if (owned.has(planId)) return true;
				const c = client;
				if (!c) return false;
				const { rows } = await c.query<{ ok: boolean }>(
					'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok',
					[planKey(planId)]
				);
				if (!rows[0]!.ok) return false;
				await c.query(
					`INSERT INTO ${owners} (plan_id, holder, since) VALUES ($1, $2, $3)
					 ON CONFLICT (plan_id) DO UPDATE SET holder = EXCLUDED.holder, since = EXCLUDED.since`,
					[planId, id, Date.now()]
				);
				owned.add(planId);
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
			});
		},
		async holderOf(planId) {
			const c = client;
			if (!c) return null;
			const { rows } = await c.query<{ holder: string }>(`SELECT holder FROM ${owners} WHERE plan_id = $1`, [
				planId
			]);
			return rows[0]?.holder ?? null;
		},
		release(planId) {
			return serial(async () => {
				if (!owned.delete(planId)) return;
				const c = client;
				if (!c) return;
				await c.query(`DELETE FROM ${owners} WHERE plan_id = $1 AND holder = $2`, [planId, id]);
				await c.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [planKey(planId)]);
				log.debug('released plan', { plan: planId });
			});
		},
		async close() {
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
