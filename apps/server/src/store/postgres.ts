/**
 * PostgreSQL store (pg). A batch of writes is one transaction: consecutive appends are one multi-row
 * INSERT, and a batch of appends only is that one statement, committed on its own (one round trip).
 * Batches go through their own small pool of connections, so several can be in flight at once
 * (`pipeline`: the write queue overlaps their round trips and settles them in order) and reads never
 * wait behind them. DURABILITY=power keeps PostgreSQL's synchronous_commit (the WAL is flushed before
 * the commit returns); DURABILITY=process turns it off on those write connections only: the commit is
 * in PostgreSQL's memory, safe from a Cap crash, and on disk within PostgreSQL's wal_writer_delay.
 * Tables live in a configurable schema so tests (or tenants) can isolate. pg's I/O never blocks the
 * event loop.
 */
import pg from 'pg';
import * as Y from 'yjs';
import {
	generationsFrom,
	planFromRow,
	planValues,
	versionFromRow,
	versionValues,
	type PlanRow,
	type VersionRow
} from './rows.ts';
import {
	fenceKey,
	FencedError,
	type Durability,
	type Fence,
	type Store,
	type StoredDocument,
	type WriteJob
} from './types.ts';

/** Batches in flight at once, each on its own connection (see write-queue.ts). */
const PIPELINE = 3;
/** PG_TIMEOUT's default: the longest wait to connect, and for one statement. */
export const PG_TIMEOUT_MS = 10_000;

/**
 * Every connection's bounds: connecting, one statement on the server (statement_timeout), an answer on
 * the client (query_timeout: a server or network that stops answering), a transaction left open.
 */
export function pgTimeouts(timeoutMs: number) {
	return {
		connectionTimeoutMillis: timeoutMs,
		statement_timeout: timeoutMs,
		query_timeout: timeoutMs + 1_000,
		idle_in_transaction_session_timeout: timeoutMs * 2
	};
}

export async function openPostgresStore(
	url: string,
	schema = 'public',
	durability: Durability = 'process',
	timeoutMs = PG_TIMEOUT_MS
): Promise<Store> {
	if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
	const pool = new pg.Pool({ connectionString: url, max: 10, ...pgTimeouts(timeoutMs) });
	// The write queue's connections: at most PIPELINE batches in flight, each on its own connection.
	const writers = new pg.Pool({
		connectionString: url,
		max: PIPELINE,
		...pgTimeouts(timeoutMs),
		...(durability === 'process' && { options: '-c synchronous_commit=off' })
	});
	// An idle client losing its connection must not crash the process; the next query reconnects.
	pool.on('error', () => {});
	writers.on('error', () => {});
	const plans = `"${schema}".plans`;
	const updates = `"${schema}".updates`;
	const codes = `"${schema}".join_codes`;
	const generations = `"${schema}".invite_generations`;
	const versions = `"${schema}".versions`;
	const setAsideTable = `"${schema}".set_aside_updates`;
	const owners = `"${schema}".plan_owners`;
	try {
		// One statement list is one transaction: the lock keeps processes starting together from racing
		// on CREATE … IF NOT EXISTS (which is not atomic in PostgreSQL).
		await pool.query(`
			SELECT pg_advisory_xact_lock(hashtextextended('cap-schema:${schema}', 0));
			CREATE SCHEMA IF NOT EXISTS "${schema}";
			CREATE TABLE IF NOT EXISTS ${plans} (
				id TEXT PRIMARY KEY,
				title TEXT NOT NULL,
				year INTEGER NOT NULL,
				locale TEXT NOT NULL,
				company TEXT,
				currency TEXT,
				created_at BIGINT NOT NULL
			);
			CREATE TABLE IF NOT EXISTS ${updates} (
				seq BIGSERIAL PRIMARY KEY,
				doc TEXT NOT NULL,
				data BYTEA NOT NULL
			);
			CREATE INDEX IF NOT EXISTS updates_doc_seq ON ${updates} (doc, seq);
			CREATE TABLE IF NOT EXISTS ${codes} (
				code TEXT PRIMARY KEY,
				plan_id TEXT NOT NULL,
				invite TEXT NOT NULL,
				expires_at BIGINT NOT NULL
			);
			CREATE TABLE IF NOT EXISTS ${generations} (
				plan_id TEXT NOT NULL,
				role TEXT NOT NULL,
				generation INTEGER NOT NULL,
				PRIMARY KEY (plan_id, role)
			);
			CREATE TABLE IF NOT EXISTS ${versions} (
				id TEXT PRIMARY KEY,
				plan_id TEXT NOT NULL,
				name TEXT NOT NULL,
				author_name TEXT NOT NULL,
				author_id TEXT NOT NULL,
				created_at BIGINT NOT NULL,
				restored_from TEXT,
				state BYTEA NOT NULL
			);
			CREATE INDEX IF NOT EXISTS versions_plan ON ${versions} (plan_id, created_at);
			CREATE TABLE IF NOT EXISTS ${setAsideTable} (
				seq BIGINT PRIMARY KEY,
				doc TEXT NOT NULL,
				data BYTEA NOT NULL,
				reason TEXT NOT NULL,
				set_aside_at BIGINT NOT NULL
			);
		`);
	} catch (error) {
		await Promise.all([pool.end(), writers.end()]);
		throw error;
	}

	async function transaction<T>(fn: (client: pg.PoolClient) => Promise<T>, from: pg.Pool = pool): Promise<T> {
		const client = await from.connect();
		let result: T;
		try {
			await client.query('BEGIN');
			result = await fn(client);
			await client.query('COMMIT');
		} catch (error) {
			await client.query('ROLLBACK').catch(() => {});
			// A connection that timed out may still be busy or dead: never hand it out again.
			client.release(error instanceof Error ? error : new Error(String(error)));
			throw error;
		}
		client.release();
		return result;
	}

	/** Inserts consecutive appends with one statement; resolves with their sequence numbers in order. */
	async function insertRun(
		client: pg.Pool | pg.PoolClient,
		run: Extract<WriteJob, { kind: 'append' }>[]
	): Promise<number[]> {
		// Sequence numbers are drawn in row order, so sorting them gives each row its own.
		// Named statements are prepared once per connection: no parsing or planning per batch.
		if (run.length === 1) {
			const { rows } = await client.query<{ seq: string }>({
				name: `cap-append-one:${schema}`,
				text: `INSERT INTO ${updates} (doc, data) VALUES ($1, $2) RETURNING seq`,
				values: [run[0]!.doc, Buffer.from(run[0]!.update)]
			});
			return [Number(rows[0]!.seq)];
		}
		const { rows } = await client.query<{ seq: string }>({
			name: `cap-append-many:${schema}`,
			text: `INSERT INTO ${updates} (doc, data)
			 SELECT d, u FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS t(d, u, o) ORDER BY o
			 RETURNING seq`,
			values: [run.map((j) => j.doc), run.map((j) => Buffer.from(j.update))]
		});
		return rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
	}

	/**
	 * The fencing token (types.ts, Fence): holds each plan's fence lock shared until the transaction ends,
	 * so no taking over raises the epoch before this transaction commits, and checks the epoch under it.
	 */
	async function checkFences(client: pg.PoolClient, fences: readonly Fence[]): Promise<void> {
		const seen = new Set<string>();
		for (const fence of fences) {
			const key = `${fence.planId}:${fence.epoch}`;
			if (seen.has(key)) continue;
			seen.add(key);
			await client.query('SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))', [
				fenceKey(schema, fence.planId)
			]);
			const { rows } = await client.query<{ epoch: string }>(
				`SELECT epoch FROM ${owners} WHERE plan_id = $1`,
				[fence.planId]
			);
			const current = rows[0] ? Number(rows[0].epoch) : null;
			if (current !== fence.epoch) throw new FencedError(fence, current);
		}
	}

	async function writeBatch(jobs: WriteJob[]): Promise<number[]> {
		// Appends only: one statement is its own transaction, all or nothing.
		const appends = jobs.filter((job) => job.kind === 'append');
		const fences = jobs.flatMap((job) => (job.fence ? [job.fence] : []));
		if (appends.length === jobs.length && fences.length === 0) return insertRun(writers, appends);
		return transaction(async (client) => {
			await checkFences(client, fences);
			const out: number[] = [];
			for (let i = 0; i < jobs.length;) {
				const job = jobs[i]!;
				if (job.kind === 'compact') {
					await compactWith(client, job.doc, job.state, job.upToSeq);
					out.push(0);
					i++;
					continue;
				}
				let end = i;
				while (end < jobs.length && jobs[end]!.kind === 'append') end++;
				out.push(...(await insertRun(client, jobs.slice(i, end) as Extract<WriteJob, { kind: 'append' }>[])));
				i = end;
			}
			return out;
		}, writers);
	}

	/**
	 * Compaction that is safe with several processes writing one document (README, "Several
	 * processes"): the rows being replaced are locked and read, merged with `state`, and only the rows
	 * read are deleted. A row appended by another process that this one never applied is therefore in
	 * the snapshot, and one committed after the read is simply kept.
	 */
	async function compactWith(client: pg.PoolClient, docName: string, state: Uint8Array, upToSeq?: number) {
		// Lock the rows being replaced so two compactions of one document cannot interleave.
		const { rows } = await client.query<{ seq: string; data: Buffer }>(
			`SELECT seq, data FROM ${updates} WHERE doc = $1 ${upToSeq === undefined ? '' : 'AND seq <= $2'} ORDER BY seq FOR UPDATE`,
			upToSeq === undefined ? [docName] : [docName, upToSeq]
		);
		// A row that does not decode stays where it is (loading sets it aside); the others are merged.
		const readable = rows.filter((row) => {
			try {
				Y.decodeUpdate(row.data);
				return true;
			} catch {
				return false;
			}
		});
		if (readable.length <= 1) return;
		const merged = Y.mergeUpdates([...readable.map((row) => new Uint8Array(row.data)), state]);
		const seqs = readable.map((row) => row.seq);
		const bound = readable.at(-1)!.seq;
		await client.query(`DELETE FROM ${updates} WHERE doc = $1 AND seq = ANY($2::bigint[])`, [docName, seqs]);
		// The snapshot reuses the number of the last row it replaces, so it sorts before later rows.
		await client.query(`INSERT INTO ${updates} (seq, doc, data) VALUES ($1, $2, $3)`, [
			bound,
			docName,
			Buffer.from(merged)
		]);
	}

	return {
		kind: 'postgres',
		pipeline: PIPELINE,
		writeBatch,
		async createPlan(meta, initialUpdate) {
			await transaction(async (client) => {
				await client.query(
					`INSERT INTO ${plans} (id, title, year, locale, company, currency, created_at)
					 VALUES ($1, $2, $3, $4, $5, $6, $7)`,
					planValues(meta)
				);
				await client.query(`INSERT INTO ${updates} (doc, data) VALUES ($1, $2)`, [
					meta.id,
					Buffer.from(initialUpdate)
				]);
			});
		},
		async getPlan(id) {
			const { rows } = await pool.query<PlanRow>(`SELECT * FROM ${plans} WHERE id = $1`, [id]);
			return rows[0] ? planFromRow(rows[0]) : null;
		},
		async appendUpdate(docName, update) {
			return (await writeBatch([{ kind: 'append', doc: docName, update }]))[0]!;
		},
		async documentBytes(docName) {
			const { rows } = await pool.query<{ bytes: string }>(
				`SELECT coalesce(sum(octet_length(data)), 0) AS bytes FROM ${updates} WHERE doc = $1`,
				[docName]
			);
			return Number(rows[0]!.bytes);
		},
		async loadDocument(docName): Promise<StoredDocument> {
			const { rows } = await pool.query<{ seq: string; data: Buffer }>(
				`SELECT seq, data FROM ${updates} WHERE doc = $1 ORDER BY seq`,
				[docName]
			);
			return {
				updates: rows.map((row) => new Uint8Array(row.data)),
				seqs: rows.map((row) => Number(row.seq)),
				lastSeq: rows.length ? Number(rows.at(-1)!.seq) : 0
			};
		},
		async setAside(docName, seq, reason) {
			// One statement: the row leaves the log and lands in the set-aside table together.
			await pool.query(
				`WITH moved AS (DELETE FROM ${updates} WHERE doc = $1 AND seq = $2 RETURNING seq, doc, data)
				 INSERT INTO ${setAsideTable} (seq, doc, data, reason, set_aside_at)
				 SELECT seq, doc, data, $3, $4 FROM moved`,
				[docName, seq, reason, Date.now()]
			);
		},
		async countSetAside() {
			const { rows } = await pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${setAsideTable}`);
			return Number(rows[0]!.n);
		},
		async compact(docName, mergedState, upToSeq) {
			await writeBatch([{ kind: 'compact', doc: docName, state: mergedState, upToSeq }]);
		},
		// On the general pool, not the write connections: appends never wait for a free connection.
		async compactAside(docName, state, known, fence) {
			const fenced = async (client: pg.PoolClient) => {
				if (fence) await checkFences(client, [fence]);
			};
			if (!known) {
				await transaction(async (client) => {
					await fenced(client);
					await compactWith(client, docName, state);
				});
				return undefined;
			}
			if (known.length <= 1) return undefined;
			return transaction(async (client) => {
				await fenced(client);
				const { rows } = await client.query<{ seq: string }>(
					`DELETE FROM ${updates} WHERE doc = $1 AND seq = ANY($2::bigint[]) RETURNING seq`,
					[docName, known]
				);
				if (rows.length === 0) return undefined;
				// The snapshot reuses the number of the last row it replaces, so it sorts before later rows.
				const bound = Math.max(...rows.map((row) => Number(row.seq)));
				await client.query(`INSERT INTO ${updates} (seq, doc, data) VALUES ($1, $2, $3)`, [
					bound,
					docName,
					Buffer.from(state)
				]);
				return bound;
			});
		},
		async listDocuments(prefix) {
			const { rows } = await pool.query<{ doc: string }>(
				`SELECT DISTINCT doc FROM ${updates} WHERE doc >= $1 AND doc < $2 ORDER BY doc`,
				[prefix, `${prefix}\uffff`]
			);
			return rows.map((row) => row.doc);
		},
		async createJoinCode(entry) {
			const { rowCount } = await pool.query(
				`INSERT INTO ${codes} (code, plan_id, invite, expires_at) VALUES ($1, $2, $3, $4)
				 ON CONFLICT (code) DO UPDATE SET plan_id = EXCLUDED.plan_id, invite = EXCLUDED.invite,
				   expires_at = EXCLUDED.expires_at WHERE ${codes}.expires_at <= $5`,
				[entry.code, entry.planId, entry.invite, entry.expiresAt, Date.now()]
			);
			return (rowCount ?? 0) > 0;
		},
		async countJoinCodes(planId, now) {
			const { rows } = await pool.query<{ n: string }>(
				`SELECT COUNT(*) AS n FROM ${codes} WHERE plan_id = $1 AND expires_at > $2`,
				[planId, now]
			);
			return Number(rows[0]?.n ?? 0);
		},
		async resolveJoinCode(code, now) {
			const { rows } = await pool.query<{
				code: string;
				plan_id: string;
				invite: string;
				expires_at: string;
			}>(`SELECT * FROM ${codes} WHERE code = $1 AND expires_at > $2`, [code, now]);
			const row = rows[0];
			return row
				? { code: row.code, planId: row.plan_id, invite: row.invite, expiresAt: Number(row.expires_at) }
				: null;
		},
		async ping() {
			await pool.query('SELECT 1');
		},
		async close() {
			await Promise.all([pool.end(), writers.end()]);
		},
		async inviteGenerations(planId) {
			const { rows } = await pool.query<{ role: string; generation: number }>(
				`SELECT role, generation FROM ${generations} WHERE plan_id = $1`,
				[planId]
			);
			return generationsFrom(rows);
		},
		async rotateInvite(planId, role) {
			const { rows } = await pool.query<{ generation: number }>(
				`INSERT INTO ${generations} AS g (plan_id, role, generation) VALUES ($1, $2, 1)
				 ON CONFLICT (plan_id, role) DO UPDATE SET generation = g.generation + 1 RETURNING generation`,
				[planId, role]
			);
			return Number(rows[0]!.generation);
		},
		async saveVersion(v, state) {
			await pool.query(
				`INSERT INTO ${versions} (id, plan_id, name, author_name, author_id, created_at, restored_from, state)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
				versionValues(v, state)
			);
		},
		async listVersions(planId) {
			const { rows } = await pool.query<VersionRow>(
				`SELECT id, plan_id, name, author_name, author_id, created_at, restored_from,
				   octet_length(state) AS bytes
				 FROM ${versions} WHERE plan_id = $1 ORDER BY created_at DESC, id DESC`,
				[planId]
			);
			return rows.map(versionFromRow);
		},
		async getVersion(planId, id) {
			const { rows } = await pool.query<VersionRow & { state: Buffer }>(
				`SELECT id, plan_id, name, author_name, author_id, created_at, restored_from,
				   octet_length(state) AS bytes, state
				 FROM ${versions} WHERE plan_id = $1 AND id = $2`,
				[planId, id]
			);
			const row = rows[0];
			return row ? { meta: versionFromRow(row), state: new Uint8Array(row.state) } : null;
		}
	};
}
