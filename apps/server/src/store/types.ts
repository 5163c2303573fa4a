/**
 * Persistence behind one small interface, so SQLite and PostgreSQL pass the same contract tests
 * (test/store.contract.ts).
 *
 * A Yjs document is stored as an append-only log of updates: each update the server accepts is one
 * row, committed before anyone is told of it. Writes come in batches (`writeBatch`), one transaction
 * each, so what arrives together is committed together (group commit, see write-queue.ts).
 * Compaction replaces a prefix of a document's log with one merged snapshot; rows appended after it
 * keep their higher sequence numbers and are never touched.
 */
import type { Locale, Role } from '@cap/protocol';

/**
 * What a commit waits for (the DURABILITY setting):
 * - `process`: the commit is handed to the operating system (SQLite WAL, synchronous=NORMAL) or to
 *   PostgreSQL (synchronous_commit=off) without waiting for the disk. Survives the Cap process being
 *   killed (kill -9, crash, out of memory); an operating system crash or a power loss may lose the
 *   last commits (about the last second), never corrupting the store.
 * - `power`: every commit waits until the disk has it (SQLite synchronous=FULL, PostgreSQL
 *   synchronous_commit=on). Also survives a power loss or an operating system crash.
 */
export const DURABILITY_LEVELS = ['process', 'power'] as const;
export type Durability = (typeof DURABILITY_LEVELS)[number];

/**
 * The plan ownership an authoritative write was made under (several processes, cluster/membership.ts):
 * the plan and the epoch its owner took it at. The transaction storing the write checks it against the
 * plan's current epoch, holding the plan's fence lock (`fenceKey`) shared until it commits, and a taking
 * over raises the epoch holding it exclusively: a write made under an ownership that was lost meanwhile
 * is refused (FencedError), never stored after another process took the plan (a fencing token).
 */
export interface Fence {
	planId: string;
	epoch: number;
}

/** The advisory lock key (hashed by PostgreSQL's hashtextextended) guarding a plan's epoch. */
export function fenceKey(schema: string, planId: string): string {
	return `cap-fence:${schema}:${planId}`;
}

/** A batch refused because a write in it was made under an ownership since lost; nothing was stored. */
export class FencedError extends Error {
	readonly fence: Fence;
	readonly current: number | null;
	constructor(fence: Fence, current: number | null) {
		super(
			`refused a write of plan ${fence.planId} made as its owner at epoch ${fence.epoch}: ` +
				`the plan's owner epoch is now ${current ?? 'none'}`
		);
		this.name = 'FencedError';
		this.fence = fence;
		this.current = current;
	}
}

/** One write of a batch. */
export type WriteJob =
	/** `fence`: an authoritative write (the plan owner's), stored only while that ownership is current. */
	| { kind: 'append'; doc: string; update: Uint8Array; fence?: Fence }
	/**
	 * Replaces the document's rows with sequence <= `upToSeq` (default: every row of the document
	 * written before this job, this batch's earlier appends included) by `state`, which must contain
	 * all of them. Nothing happens when there is at most one such row.
	 */
	| { kind: 'compact'; doc: string; state: Uint8Array; upToSeq?: number; fence?: Fence };

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
	/** The sequence number of each update, in the same order. */
	seqs: number[];
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
	/**
	 * How many batches the write queue may have in flight at once (default 1). Each batch is still its
	 * own transaction; the queue reports them settled in the order they were queued. A store whose
	 * commit waits on a round trip (PostgreSQL) overlaps batches so a burst does not wait a round trip
	 * per batch.
	 */
	readonly pipeline?: number;
	/** Records a plan and its document's first update in one transaction. Throws if the id exists. */
	createPlan(meta: PlanMeta, initialUpdate: Uint8Array): Promise<void>;
	getPlan(id: string): Promise<PlanMeta | null>;
	/**
	 * Commits the jobs in one transaction, in order, and resolves once committed with one number per job:
	 * the sequence number of an append, 0 for a compaction. On error nothing of the batch is written.
	 */
	writeBatch(jobs: WriteJob[]): Promise<number[]>;
	/** One append, committed alone; resolves with its sequence number. */
	appendUpdate(docName: string, update: Uint8Array): Promise<number>;
	loadDocument(docName: string): Promise<StoredDocument>;
	/** Bytes the document's committed rows take (what MAX_PLAN_BYTES is checked against). */
	documentBytes(docName: string): Promise<number>;
	/**
	 * Replaces the rows of `docName` with sequence <= `upToSeq` by `mergedState`, which must contain
	 * all of them. Rows above `upToSeq` (appended concurrently) are kept. Does nothing when there is
	 * at most one such row.
	 */
	compact(docName: string, mergedState: Uint8Array, upToSeq: number): Promise<void>;
	/**
	 * Set by a store whose compaction may run beside appends still in flight (PostgreSQL): it locks and
	 * reads the document's committed rows, merges them into `state`, and replaces only the rows it read,
	 * so a row committed before it is in the snapshot even if `state` was taken earlier, and a row
	 * committed after it is kept. The server then compacts outside the write queue's order, and no frame
	 * waits behind a compaction. Unset (SQLite): compaction goes through the write queue.
	 *
	 * With `known`, the sequence numbers of rows the caller knows `state` holds (it loaded them, or its own
	 * appends committed before it took `state`), exactly those rows are replaced, and nothing is read or
	 * merged: merging thousands of rows blocked the event loop for hundreds of milliseconds. Only a process
	 * alone on the database knows every row of a document; with several, they read and merge. Resolves with
	 * the snapshot's sequence number with `known` (undefined when nothing was replaced). With `fence` (the
	 * plan owner's compaction), it rejects with FencedError, replacing nothing, once the ownership is lost.
	 */
	compactAside?(
		docName: string,
		state: Uint8Array,
		known?: readonly number[],
		fence?: Fence
	): Promise<number | undefined>;
	/** Names of the documents with at least one row whose name starts with `prefix` (sorted). */
	listDocuments(prefix: string): Promise<string[]>;
	/**
	 * Records a short join code (workshop QR / typed code) for an invite until `expiresAt` (epoch ms).
	 * Resolves false, writing nothing, when the code is taken by an unexpired entry.
	 */
	createJoinCode(entry: JoinCodeEntry): Promise<boolean>;
	/** The entry of an unexpired code at `now`, or null. */
	resolveJoinCode(code: string, now: number): Promise<JoinCodeEntry | null>;
	/** How many codes of the plan are unexpired at `now`. */
	countJoinCodes(planId: string, now: number): Promise<number>;
	/**
	 * Moves the row `seq` of `docName` out of the document's log into the set-aside table, with why: an
	 * update that cannot be applied is kept for a person to look at, never deleted by a compaction.
	 */
	setAside(docName: string, seq: number, reason: string): Promise<void>;
	/** How many rows are set aside (the health endpoint reports it). */
	countSetAside(): Promise<number>;
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
