/**
 * The SQLite store itself (better-sqlite3, synchronous calls): sqlite.ts runs it in the server's thread
 * (DURABILITY=process) or in a worker thread (DURABILITY=power), so that no fsync blocks the event loop.
 *
 * WAL journal. DURABILITY=process: synchronous=NORMAL, a commit is in the OS's page cache when it
 * returns (survives the process being killed); DURABILITY=power: synchronous=FULL, also fsynced.
 */
import Database from 'better-sqlite3';
import {
	generationsFrom,
	planFromRow,
	planValues,
	versionFromRow,
	versionValues,
	type PlanRow,
	type PlanValues,
	type VersionRow,
	type VersionValues
} from './rows.ts';
import type { Durability, PlanMeta, Store, StoredDocument, WriteJob } from './types.ts';

/** The store's operations as the worker runs them: Store's methods, synchronous. */
export type SqliteDb = {
	[K in Exclude<keyof Store, 'kind' | 'pipeline' | 'compactAside'>]: (
		...args: Parameters<Store[K]>
	) => Awaited<ReturnType<Store[K]>>;
};

export function openSqliteDb(file: string, durability: Durability): SqliteDb {
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	db.pragma(durability === 'power' ? 'synchronous = FULL' : 'synchronous = NORMAL');
	db.pragma('busy_timeout = 5000');
	db.exec(`
		CREATE TABLE IF NOT EXISTS plans (
			id TEXT PRIMARY KEY,
			title TEXT NOT NULL,
			year INTEGER NOT NULL,
			locale TEXT NOT NULL,
			company TEXT,
			currency TEXT,
			created_at INTEGER NOT NULL
		);
		CREATE TABLE IF NOT EXISTS updates (
			seq INTEGER PRIMARY KEY AUTOINCREMENT,
			doc TEXT NOT NULL,
			data BLOB NOT NULL
		);
		CREATE INDEX IF NOT EXISTS updates_doc_seq ON updates (doc, seq);
		CREATE TABLE IF NOT EXISTS join_codes (
			code TEXT PRIMARY KEY,
			plan_id TEXT NOT NULL,
			invite TEXT NOT NULL,
			expires_at INTEGER NOT NULL
		);
		CREATE TABLE IF NOT EXISTS invite_generations (
			plan_id TEXT NOT NULL,
			role TEXT NOT NULL,
			generation INTEGER NOT NULL,
			PRIMARY KEY (plan_id, role)
		);
		CREATE TABLE IF NOT EXISTS versions (
			id TEXT PRIMARY KEY,
			plan_id TEXT NOT NULL,
			name TEXT NOT NULL,
			author_name TEXT NOT NULL,
			author_id TEXT NOT NULL,
			created_at INTEGER NOT NULL,
			restored_from TEXT,
			state BLOB NOT NULL
		);
		CREATE INDEX IF NOT EXISTS versions_plan ON versions (plan_id, created_at);
		CREATE TABLE IF NOT EXISTS set_aside_updates (
			seq INTEGER PRIMARY KEY,
			doc TEXT NOT NULL,
			data BLOB NOT NULL,
			reason TEXT NOT NULL,
			set_aside_at INTEGER NOT NULL
		);
	`);
	const setAsideRow = db.transaction((docName: string, seq: number, reason: string) => {
		const moved = db
			.prepare(
				`INSERT INTO set_aside_updates (seq, doc, data, reason, set_aside_at)
				 SELECT seq, doc, data, ?, ? FROM updates WHERE doc = ? AND seq = ?`
			)
			.run(reason, Date.now(), docName, seq);
		if (moved.changes > 0) db.prepare('DELETE FROM updates WHERE doc = ? AND seq = ?').run(docName, seq);
	});
	const selectGenerations = db.prepare<[string], { role: string; generation: number }>(
		'SELECT role, generation FROM invite_generations WHERE plan_id = ?'
	);
	const bumpGeneration = db.prepare<[string, string], { generation: number }>(
		`INSERT INTO invite_generations (plan_id, role, generation) VALUES (?, ?, 1)
		 ON CONFLICT (plan_id, role) DO UPDATE SET generation = generation + 1 RETURNING generation`
	);
	const insertVersion = db.prepare<VersionValues>(
		`INSERT INTO versions (id, plan_id, name, author_name, author_id, created_at, restored_from, state)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const selectVersions = db.prepare<[string], VersionRow>(
		`SELECT id, plan_id, name, author_name, author_id, created_at, restored_from, length(state) AS bytes
		 FROM versions WHERE plan_id = ? ORDER BY created_at DESC, rowid DESC`
	);
	const selectVersion = db.prepare<[string, string], VersionRow & { state: Buffer }>(
		`SELECT id, plan_id, name, author_name, author_id, created_at, restored_from, length(state) AS bytes, state
		 FROM versions WHERE plan_id = ? AND id = ?`
	);
	const listDocs = db.prepare<[string, string], { doc: string }>(
		'SELECT DISTINCT doc FROM updates WHERE doc >= ? AND doc < ? ORDER BY doc'
	);
	const upsertCode = db.prepare<[string, string, string, number, number]>(
		`INSERT INTO join_codes (code, plan_id, invite, expires_at) VALUES (?, ?, ?, ?)
		 ON CONFLICT (code) DO UPDATE SET plan_id = excluded.plan_id, invite = excluded.invite,
		   expires_at = excluded.expires_at WHERE join_codes.expires_at <= ?`
	);
	const selectCode = db.prepare<
		[string, number],
		{ code: string; plan_id: string; invite: string; expires_at: number }
	>('SELECT * FROM join_codes WHERE code = ? AND expires_at > ?');
	const countCodes = db.prepare<[string, number], { n: number }>(
		'SELECT COUNT(*) AS n FROM join_codes WHERE plan_id = ? AND expires_at > ?'
	);

	const insertPlan = db.prepare<PlanValues>(
		'INSERT INTO plans (id, title, year, locale, company, currency, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
	);
	const selectPlan = db.prepare<[string], PlanRow>('SELECT * FROM plans WHERE id = ?');
	const selectBytes = db.prepare<[string], { bytes: number }>(
		'SELECT coalesce(sum(length(data)), 0) AS bytes FROM updates WHERE doc = ?'
	);
	const insertUpdate = db.prepare<[string, Buffer]>('INSERT INTO updates (doc, data) VALUES (?, ?)');
	const insertAt = db.prepare<[number, string, Buffer]>(
		'INSERT INTO updates (seq, doc, data) VALUES (?, ?, ?)'
	);
	const selectUpdates = db.prepare<[string], { seq: number; data: Buffer }>(
		'SELECT seq, data FROM updates WHERE doc = ? ORDER BY seq'
	);
	const countUpTo = db.prepare<[string, number], { n: number }>(
		'SELECT COUNT(*) AS n FROM updates WHERE doc = ? AND seq <= ?'
	);
	const deleteUpTo = db.prepare<[string, number]>('DELETE FROM updates WHERE doc = ? AND seq <= ?');
	const maxSeq = db.prepare<[string], { m: number | null }>(
		'SELECT MAX(seq) AS m FROM updates WHERE doc = ?'
	);

	const createPlan = db.transaction((meta: PlanMeta, update: Uint8Array) => {
		insertPlan.run(...planValues(meta));
		insertUpdate.run(meta.id, Buffer.from(update));
	});

	function compact(docName: string, state: Uint8Array, upToSeq: number | undefined): void {
		const bound = upToSeq ?? maxSeq.get(docName)?.m ?? 0;
		if ((countUpTo.get(docName, bound)?.n ?? 0) <= 1) return;
		deleteUpTo.run(docName, bound);
		// The snapshot takes the number of the last row it replaces, so it still sorts before later rows.
		insertAt.run(bound, docName, Buffer.from(state));
	}

	const writeBatch = db.transaction((jobs: WriteJob[]): number[] =>
		jobs.map((job) => {
			if (job.kind === 'append')
				return Number(insertUpdate.run(job.doc, Buffer.from(job.update)).lastInsertRowid);
			compact(job.doc, job.state, job.upToSeq);
			return 0;
		})
	);

	return {
		createPlan(meta, initialUpdate) {
			createPlan(meta, initialUpdate);
		},
		getPlan(id) {
			const row = selectPlan.get(id);
			return row ? planFromRow(row) : null;
		},
		writeBatch,
		appendUpdate(docName, update) {
			return writeBatch([{ kind: 'append', doc: docName, update }])[0]!;
		},
		documentBytes(docName) {
			return selectBytes.get(docName)?.bytes ?? 0;
		},
		loadDocument(docName): StoredDocument {
			const rows = selectUpdates.all(docName);
			return {
				updates: rows.map((row) => new Uint8Array(row.data)),
				seqs: rows.map((row) => row.seq),
				lastSeq: rows.at(-1)?.seq ?? 0
			};
		},
		setAside(docName, seq, reason) {
			setAsideRow(docName, seq, reason);
		},
		countSetAside() {
			return db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM set_aside_updates').get()!.n;
		},
		compact(docName, mergedState, upToSeq) {
			writeBatch([{ kind: 'compact', doc: docName, state: mergedState, upToSeq }]);
		},
		listDocuments(prefix) {
			// A range rather than LIKE: document names may contain '_', a LIKE wildcard.
			return listDocs.all(prefix, `${prefix}\uffff`).map((row) => row.doc);
		},
		createJoinCode(entry) {
			const now = Date.now();
			return upsertCode.run(entry.code, entry.planId, entry.invite, entry.expiresAt, now).changes > 0;
		},
		countJoinCodes(planId, now) {
			return countCodes.get(planId, now)?.n ?? 0;
		},
		resolveJoinCode(code, now) {
			const row = selectCode.get(code, now);
			return row
				? { code: row.code, planId: row.plan_id, invite: row.invite, expiresAt: row.expires_at }
				: null;
		},
		ping() {
			db.prepare('SELECT 1').get();
		},
		close() {
			if (db.open) db.close();
		},
		inviteGenerations(planId) {
			return generationsFrom(selectGenerations.all(planId));
		},
		rotateInvite(planId, role) {
			return bumpGeneration.get(planId, role)!.generation;
		},
		saveVersion(v, state) {
			insertVersion.run(...versionValues(v, state));
		},
		listVersions(planId) {
			return selectVersions.all(planId).map(versionFromRow);
		},
		getVersion(planId, id) {
			const row = selectVersion.get(planId, id);
			return row ? { meta: versionFromRow(row), state: new Uint8Array(row.state) } : null;
		}
	};
}
