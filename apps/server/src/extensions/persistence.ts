/**
 * Durable persistence: no update the server has acknowledged can be lost, even to `kill -9`.
 *
 * Hocuspocus handles one connection's messages strictly in order and, for a sync message, awaits the
 * `beforeSync` hook before it applies the update, broadcasts it and answers the SyncStatus ack
 * (MessageReceiver.readSyncMessage). So `beforeSync` appends the raw update to the store and only
 * returns once it is committed: the ack, and every other client's copy, come after the disk write.
 * If the write fails the hook throws, Hocuspocus closes that connection without acking, and the
 * provider resends the change when it reconnects.
 *
 * Changes made on the server (migrations, later the workshop authority) are not messages; an update
 * listener appends them as they happen.
 *
 * The log is compacted on Hocuspocus's debounced onStoreDocument: the merged document replaces every
 * row the in-memory document is known to contain (`appliedSeq`). While any update is between "append
 * started" and "applied" (`pending`), compaction is skipped, since such a row could be committed yet
 * absent from the merged state; the next debounce tries again.
 */
import type {
	afterHandleMessagePayload,
	afterLoadDocumentPayload,
	beforeSyncPayload,
	Connection,
	Extension,
	onLoadDocumentPayload,
	onStoreDocumentPayload
} from '@hocuspocus/server';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { Store } from '../store/types.ts';

/** y-protocols sync message types that carry a document update. */
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** Origin of updates replayed from the store while loading: they are already persisted. */
const LOAD_ORIGIN = Symbol('cap-load');

interface DocState {
	/** Every stored row up to this sequence is contained in the in-memory document. */
	appliedSeq: number;
	/** Appends started whose update is not yet known to be in the in-memory document. */
	pending: number;
}

export interface PersistenceExtension extends Extension {
	/** Resolves when every server-side append started so far has settled (used at shutdown). */
	drain(): Promise<void>;
}

function isConnectionOrigin(origin: unknown): boolean {
	return (
		typeof origin === 'object' && origin !== null && (origin as { source?: unknown }).source === 'connection'
	);
}

/** `[0, 0]` is Yjs's empty update: a client with nothing new still answers SyncStep1 with it. */
function isEmptyUpdate(update: Uint8Array): boolean {
	return update.length <= 2 && update.every((byte) => byte === 0);
}

export function persistenceExtension(store: Store, log: Logger): PersistenceExtension {
	// Keyed by the document object, not its name: an unloading document and its reloaded successor
	// must not share state.
	const docs = new WeakMap<Y.Doc, DocState>();
	/** The append a connection's in-flight message made, settled by afterHandleMessage. */
	const inFlight = new WeakMap<Connection, { state: DocState; seq: number }>();
	const serverAppends = new Set<Promise<unknown>>();

	return {
		extensionName: 'cap-persistence',
		// Load before the loader extension migrates what was loaded.
		priority: 200,

		async onLoadDocument({ documentName, document }: onLoadDocumentPayload) {
			const stored = await store.loadDocument(documentName);
			Y.transact(
				document,
				() => {
					for (const update of stored.updates) {
						try {
							Y.applyUpdate(document, update, LOAD_ORIGIN);
						} catch (error) {
							// Rows are validated before they are written; a bad one must still not lock a plan.
							log.error('skipping unreadable stored update', { doc: documentName, error: String(error) });
						}
					}
				},
				LOAD_ORIGIN
			);
			docs.set(document, { appliedSeq: stored.lastSeq, pending: 0 });
		},

		async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload) {
			const state = docs.get(document);
			if (!state) return;
			document.on('update', (update: Uint8Array, origin: unknown) => {
				// Client updates were stored by beforeSync before they were applied.
				if (isConnectionOrigin(origin) || origin === LOAD_ORIGIN) return;
				state.pending++;
				const append = store
					.appendUpdate(documentName, update)
					.then((seq) => {
						state.appliedSeq = Math.max(state.appliedSeq, seq);
					})
					.catch((error: unknown) => {
						log.error('could not store a server-side update', { doc: documentName, error: String(error) });
					})
					.finally(() => {
						state.pending--;
						serverAppends.delete(append);
					});
				serverAppends.add(append);
			});
		},

		async beforeSync({ type, payload, connection, document, documentName }: beforeSyncPayload) {
			if (type !== SYNC_STEP_2 && type !== SYNC_UPDATE) return;
			// Hocuspocus drops a read-only connection's updates (and nacks them): nothing to store.
			if (connection.readOnly || isEmptyUpdate(payload)) return;
			const state = docs.get(document);
			if (!state) throw new Error(`document ${documentName} is not loaded`);
			state.pending++;
			let seq: number;
			try {
				seq = await store.appendUpdate(documentName, payload);
			} catch (error) {
				state.pending--;
				log.error('could not store an update; closing the connection unacknowledged', {
					doc: documentName,
					error: String(error)
				});
				throw error;
			}
			inFlight.set(connection, { state, seq });
		},

		async afterHandleMessage({ connection }: afterHandleMessagePayload) {
			const entry = inFlight.get(connection);
			if (!entry) return;
			inFlight.delete(connection);
			entry.state.appliedSeq = Math.max(entry.state.appliedSeq, entry.seq);
			entry.state.pending--;
		},

		async onStoreDocument({ documentName, document }: onStoreDocumentPayload) {
			const state = docs.get(document);
			if (!state || state.pending > 0) return;
			// Read the bound and encode in the same tick, so the snapshot holds every row up to it.
			const upToSeq = state.appliedSeq;
			const merged = Y.encodeStateAsUpdate(document);
			await store.compact(documentName, merged, upToSeq);
			log.debug('compacted', { doc: documentName, upToSeq, bytes: merged.byteLength });
		},

		async drain() {
			await Promise.allSettled([...serverAppends]);
		}
	};
}
