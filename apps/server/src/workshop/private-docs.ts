/**
 * The participants' private documents of one plan, as the workshop service opens them (WS-5, WS-6):
 * drafts during silent writing, hidden votes and scores. They are opened with Hocuspocus direct
 * connections, so they load and save through the persistence extension like any document.
 *
 * Only what a command needs is opened: a participant's own document when they write an idea, a vote
 * or a score (kept open while the plan is loaded: they will write again), and every document of the
 * plan only for the commands that read them all (reveal, reset, who voted), released again afterwards.
 * Nothing is cached across commands but the open connections, so a failed listing or load is simply
 * tried again by the next command.
 */
import type { DirectConnection, Document, Hocuspocus } from '@hocuspocus/server';
import { privateDocumentName } from '@cap/protocol';
import type * as Y from 'yjs';
import type { CapContext } from '../context.ts';
import type { Store } from '../store/types.ts';
import { refuse } from './refused.ts';

/** The document a direct connection holds (null once disconnected); the exported type omits it. */
function docOf(conn: DirectConnection): Document | null {
	return (conn as unknown as { document: Document | null }).document;
}

export class PrivateDocs {
	readonly planId: string;
	readonly #hocuspocus: Hocuspocus;
	readonly #store: Store;
	/** Participants whose own document stays open while the plan is loaded. */
	readonly #kept = new Map<string, Promise<DirectConnection>>();
	#released = false;

	constructor(planId: string, hocuspocus: Hocuspocus, store: Store) {
		this.planId = planId;
		this.#hocuspocus = hocuspocus;
		this.#store = store;
	}

	#connect(participantId: string): Promise<DirectConnection> {
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
		const extra: DirectConnection[] = [];
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
			// Their writes are queued already; disconnecting lets Hocuspocus store and unload them.
			await Promise.allSettled(extra.map((conn) => conn.disconnect()));
		}
	}

	/** Closes every kept document (the plan unloaded). */
	async release(): Promise<void> {
		this.#released = true;
		const conns = await Promise.allSettled([...this.#kept.values()]);
		this.#kept.clear();
		for (const c of conns) if (c.status === 'fulfilled' && docOf(c.value)) await c.value.disconnect();
	}
}
