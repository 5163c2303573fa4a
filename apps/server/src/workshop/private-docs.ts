/**
 * The participants' private documents of one plan, as the workshop service opens them (WS-5, WS-6):
 * drafts during silent writing, hidden votes and scores. They are opened with Hocuspocus direct
 * connections, so they load and save through the persistence extension like any document.
 *
 * Only what a command needs is opened: a participant's own document when they write an idea, a vote
 * or a score (kept open while the plan is loaded: they will write again), and every document of the
 * plan only for the commands that read them all (reveal, reset, who voted), released again afterwards.
 * Nothing is cached across commands but the open connections and the status counters, so a failed
 * listing or load is simply tried again by the next command.
 *
 * Status counters (the facilitator console asks every 3 seconds who voted, scored, typed, and how many
 * drafts each wrote): read from every document once, then kept by the commands, each change of a kept
 * document updating its participant's entry. A command that writes every document (reveal, reset)
 * forgets them; the next poll reads them all again.
 */
import type { Hocuspocus } from '@hocuspocus/server';
import { privateDocumentName } from '@cap/protocol';
import type * as Y from 'yjs';
import type { CapContext } from '../context.ts';
import type { Store } from '../store/types.ts';
import { refuse } from './refused.ts';

/**
 * A direct connection as `openDirectConnection` returns it: its class has a public `document` (null once
 * disconnected), which the exported `DirectConnection` interface leaves out. Typed from the method, so
 * no cast, and a Hocuspocus release that drops it fails the typecheck.
 */
export type OpenConnection = Awaited<ReturnType<Hocuspocus['openDirectConnection']>>;

function docOf(conn: OpenConnection): Y.Doc | null {
	return conn.document;
}

/** What the facilitator's status shows of one participant's private document, never its content. */
export interface PrivateStatus {
	voted: boolean;
	scored: boolean;
	typing: boolean;
	drafts: number;
}

function statusOf(doc: Y.Doc): PrivateStatus {
	let votes = 0;
	doc.getMap('votes').forEach((n) => (votes += typeof n === 'number' ? n : 0));
	const text = doc.getMap('typing').get('text');
	return {
		voted: votes > 0,
		scored: doc.getMap('scores').size > 0,
		typing: typeof text === 'string' && text !== '',
		drafts: doc.getMap('drafts').size
	};
}

export class PrivateDocs {
	readonly planId: string;
	readonly #hocuspocus: Hocuspocus;
	readonly #store: Store;
	/** Participants whose own document stays open while the plan is loaded. */
	readonly #kept = new Map<string, Promise<OpenConnection>>();
	#released = false;
	/** Each participant's status, once read from every document; null until then, or after a reveal or reset. */
	#status: Map<string, PrivateStatus> | null = null;

	constructor(planId: string, hocuspocus: Hocuspocus, store: Store) {
		this.planId = planId;
		this.#hocuspocus = hocuspocus;
		this.#store = store;
	}

	#connect(participantId: string): Promise<OpenConnection> {
		return this.#hocuspocus.openDirectConnection(privateDocumentName(this.planId, participantId), {
			participantId,
			planId: this.planId,
			documentKind: 'private',
			role: 'viewer',
			name: 'server',
			expiresAt: Number.POSITIVE_INFINITY
		} satisfies CapContext);
	}

	/** A participant's own document, opened once and kept while the plan is loaded. */
	async own(participantId: string): Promise<Y.Doc> {
		let conn = this.#kept.get(participantId);
		if (!conn) {
			conn = this.#connect(participantId);
			this.#kept.set(participantId, conn);
			// Every command writing this participant's document keeps their status entry current.
			void conn.then(
				(opened) => {
					const doc = docOf(opened);
					doc?.on('update', () => this.#status?.set(participantId, statusOf(doc)));
					if (doc) this.#status?.set(participantId, statusOf(doc));
				},
				() => {}
			);
			// A failed open is forgotten, so the next command opens it again.
			conn.catch(() => this.#kept.delete(participantId));
		}
		const doc = docOf(await conn);
		if (!doc || this.#released) refuse('invalid', 'the workshop is closing');
		return doc;
	}

	/**
	 * Runs `use` with every private document of the plan (stored or open), sorted by participant id, then
	 * releases those opened only for it. `use` must read and write synchronously (one atomic section).
	 */
	async withAll<T>(use: (docs: Array<[string, Y.Doc]>) => T): Promise<T> {
		const prefix = privateDocumentName(this.planId, '');
		const stored = (await this.#store.listDocuments(prefix)).map((name) => name.slice(prefix.length));
		const ids = [...new Set([...stored, ...this.#kept.keys()])].sort();
		const extra: OpenConnection[] = [];
		try {
			const docs = await Promise.all(
				ids.map(async (id): Promise<[string, Y.Doc] | null> => {
					if (this.#kept.has(id)) return [id, await this.own(id)];
					const conn = await this.#connect(id);
					extra.push(conn);
					const doc = docOf(conn);
					return doc ? [id, doc] : null;
				})
			);
			if (this.#released) refuse('invalid', 'the workshop is closing');
			return use(docs.filter((d): d is [string, Y.Doc] => d !== null));
		} finally {
			// `use` may have written any of them: the counters are read again at the next poll.
			this.#status = null;
			// Their writes are queued already; disconnecting lets Hocuspocus store and unload them.
			await Promise.allSettled(extra.map((conn) => conn.disconnect()));
		}
	}

	/** Every participant's status: from the counters, or read from every document once. */
	async statuses(): Promise<ReadonlyMap<string, PrivateStatus>> {
		if (this.#status) return this.#status;
		const read = await this.withAll((docs) => new Map(docs.map(([id, doc]) => [id, statusOf(doc)])));
		this.#status = read;
		return read;
	}

	/** Closes every kept document (the plan unloaded). */
	async release(): Promise<void> {
		this.#released = true;
		const conns = await Promise.allSettled([...this.#kept.values()]);
		this.#kept.clear();
		for (const c of conns) if (c.status === 'fulfilled' && docOf(c.value)) await c.value.disconnect();
	}
}
