/**
 * Persistence behind one small interface, so SQLite and PostgreSQL pass the same contract tests
 * (test/store.contract.ts).
 *
 * A Yjs document is stored as an append-only log of updates: each update the server accepts is one
 * row, written (and fsynced) before the client is told it is saved. Compaction later replaces a
 * prefix of the log with one merged snapshot; rows appended meanwhile keep their higher sequence
 * numbers and are never touched.
 */
import type { Locale, Role } from '@cap/protocol';

export interface PlanMeta {
	id: string;
	title: string;
	year: number;
	locale: Locale;
	company?: string;
	currency?: string;
	/** Epoch milliseconds. */
	createdAt: number;
}

export interface StoredDocument {
	/** The document's updates in log order (a compacted snapshot first, if any). */
	updates: Uint8Array[];
	/** The highest sequence number read, 0 when the document has no rows. */
	lastSeq: number;
}

export interface JoinCodeEntry {
	code: string;
	planId: string;
	invite: string;
	expiresAt: number;
}

export interface Store {
	readonly kind: 'sqlite' | 'postgres';
	/** Records a plan and its document's first update in one transaction. Throws if the id exists. */
	createPlan(meta: PlanMeta, initialUpdate: Uint8Array): Promise<void>;
	getPlan(id: string): Promise<PlanMeta | null>;
	/** Durably appends one update to a document's log; resolves with its sequence number once committed. */
	appendUpdate(docName: string, update: Uint8Array): Promise<number>;
	loadDocument(docName: string): Promise<StoredDocument>;
	/**
	 * Replaces the rows of `docName` with sequence <= `upToSeq` by `mergedState`, which must contain
	 * all of them. Rows above `upToSeq` (appended concurrently) are kept. Does nothing when there is
	 * at most one such row.
	 */
	compact(docName: string, mergedState: Uint8Array, upToSeq: number): Promise<void>;
	/** Names of the documents with at least one row whose name starts with `prefix` (sorted). */
	listDocuments(prefix: string): Promise<string[]>;
	/**
	 * Records a short join code (workshop QR / typed code) for an invite until `expiresAt` (epoch ms).
	 * Resolves false, writing nothing, when the code is taken by an unexpired entry.
	 */
	createJoinCode(entry: JoinCodeEntry): Promise<boolean>;
	/** The entry of an unexpired code at `now`, or null. */
	resolveJoinCode(code: string, now: number): Promise<JoinCodeEntry | null>;
	/** Resolves when the database answers a query; rejects otherwise. */
	ping(): Promise<void>;
	close(): Promise<void>;
	/**
	 * The current generation of each role's invite of a plan (0 until rotated). An invite signed with an
	 * older generation no longer lets anyone new join.
	 */
	inviteGenerations(planId: string): Promise<Record<Role, number>>;
	/** Moves one role's invite to the next generation atomically; resolves with the new generation. */
	rotateInvite(planId: string, role: Role): Promise<number>;
	/** Stores a named version: a full copy of the plan document's state, untouched by compaction. */
	saveVersion(version: VersionMeta, state: Uint8Array): Promise<void>;
	/** The plan's versions, newest first, without their state. */
	listVersions(planId: string): Promise<VersionMeta[]>;
	/** One version with its state, or null. */
	getVersion(planId: string, id: string): Promise<{ meta: VersionMeta; state: Uint8Array } | null>;
}

export interface VersionMeta {
	id: string;
	planId: string;
	name: string;
	/** Who named it (display name and participant id from the session). */
	authorName: string;
	authorId: string;
	/** Epoch milliseconds. */
	createdAt: number;
	/** Size of the stored state in bytes. */
	bytes: number;
	/** Set when this version records a restore: the id of the version restored. */
	restoredFrom?: string;
}
