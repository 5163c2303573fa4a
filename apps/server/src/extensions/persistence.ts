/**
 * Durable persistence: no update the server has acknowledged can be lost, even to `kill -9`, and the
 * event loop never waits for the disk.
 *
 * - Every change of a loaded document, whoever made it (a client's update once the guard accepted it,
 *   the workshop service, a migration), is queued for the store in the document's `update` event,
 *   synchronously, as it is applied in memory (write-queue.ts commits what is queued together).
 * - Nothing acknowledges a change before it is committed: the output gate (output-gate.ts) holds every
 *   frame to a client until the writes queued before it are committed. So memory may run ahead of the
 *   disk, but its author does not hear of it; after a crash the sender, never acknowledged, sends the
 *   change again. The one exception, copies to editors of a change any editor could send back
 *   (early-relay.ts, SPEC AUTH-6), leaves them nothing the restarted server would refuse from them.
 * - Compaction (Hocuspocus's debounced onStoreDocument) queues the merged document after every write
 *   it contains, in the same queue: the store replaces the rows written before it, which the snapshot
 *   all holds, and keeps any row queued after it. PostgreSQL (`Store.compactAside`) compacts beside
 *   the queue instead, so no acknowledgement or broadcast waits behind a compaction: it replaces the
 *   rows this process knows the snapshot holds, or, with several processes, merges what it replaces.
 * - If a batch cannot be committed, nothing of it is acknowledged: the documents it touched drop their
 *   held frames and close their connections, before anything held is released (write-queue.ts). The
 *   changes stay in the server's memory, and a second later the document's whole state is queued again
 *   (`restores`), and again after each failure, until it is stored. Clients that reconnect meanwhile
 *   sync with that memory, so they do not need to resend: their unacknowledged changes are already
 *   there, and reach the store with the next successful retry. Should the process die first, the clients
 *   still hold those changes and send them to the restarted server, which lacks them, when they sync.
 */
import {
	isTransactionOrigin,
	type afterLoadDocumentPayload,
	type Extension,
	type Hocuspocus,
	type onConnectPayload,
	type onLoadDocumentPayload,
	type onStoreDocumentPayload
} from '@hocuspocus/server';
import { isPlanOrigin } from '@cap/plan-model';
import { CLOSE_CODES, CLOSE_REASONS, parseDocumentName } from '@cap/protocol';
import * as Y from 'yjs';
import { refusal } from '../context.ts';
import type { Logger } from '../log.ts';
import { closeSocketOf } from '../transport.ts';
import { GatedSocket } from '../output-gate.ts';
import { FencedError, type Fence, type Store } from '../store/types.ts';
import type { WriteQueue } from '../write-queue.ts';

/** Origin of updates replayed from the store while loading: they are already persisted. */
const LOAD_ORIGIN = Symbol('cap-load');

const planOf = (name: string) => parseDocumentName(name)?.planId ?? name;

/** How long a document whose writes failed waits before its state is queued again. */
const RETRY_MS = 1_000;

export interface PersistenceExtension extends Extension {
	/** Lets the extension reach open documents (to recover from a failed batch). */
	attach(hocuspocus: Hocuspocus): void;
	/** Resolves when every write queued so far, and every compaction running, has settled (shutdown). */
	drain(): Promise<void>;
	/**
	 * Bytes a loaded document takes in the store: its rows at load, plus every update queued since, or
	 * its last compacted snapshot plus what was queued after it (MAX_PLAN_BYTES is checked against it).
	 * A process that does not compact the document (another owns its plan) counts it again from the
	 * store at each debounce, and `recount` does so on demand: the owner's compactions shrink it there.
	 */
	storedBytes(documentName: string): number;
	/** Counts the document's stored bytes again from the store, once what is queued has settled. */
	recount(documentName: string): Promise<number>;
	/**
	 * Applies the stored rows to the open document of that name, if any (a process taking over a plan
	 * catches up with what the previous owner committed; applying known updates changes nothing).
	 */
	refresh(documentName: string): Promise<void>;
}

export interface PersistenceOptions {
	/** Told about each stored update set aside at load (metrics). */
	onSetAside?: (documentName: string) => void;
	/**
	 * Several processes: whether this one may compact the document now (it owns the document's plan,
	 * cluster/membership.ts). Unset: always.
	 */
	mayCompact?: (documentName: string) => Promise<boolean>;
	/**
	 * Several processes: the fencing token of the document's plan (Membership.fenceOf), carried by this
	 * process's authoritative writes to it (the workshop service's, its compactions, and the whole-state
	 * retries that may contain them), or null when this process never owned the plan.
	 */
	fenceOf?: (documentName: string) => Fence | null;
	/** Called when writes of a plan were refused by their fence, after its documents were dropped here. */
	onFenced?: (planId: string) => Promise<void>;
}

export function persistenceExtension(
	store: Store,
	queue: WriteQueue,
	log: Logger,
	options: PersistenceOptions = {}
): PersistenceExtension {
	let hocuspocus: Hocuspocus | null = null;
	const sizes = new Map<string, number>();
	/** Bytes queued for a document while its size is being read from the store, by document. */
	const recounting = new Map<string, { added: number }>();
	/** Compactions running beside the write queue (Store.compactAside), by document: one at a time each. */
	const compacting = new Map<string, Promise<unknown>>();
	/**
	 * Alone on its store, the process knows every row of a loaded document: those it loaded and the appends
	 * it committed, each already in the document when it was queued. A compaction beside the queue then
	 * replaces exactly the rows known when it takes its snapshot (Store.compactAside's `known`), reading
	 * and merging nothing. With several processes (`mayCompact`), others write rows too: it reads and merges.
	 */
	const known = options.mayCompact ? null : new Map<string, number[]>();
	/**
	 * Documents whose copy here is being dropped (their authority writes were refused by their fence,
	 * dropPlan): no connection may join them until they unload, nor are they relayed meanwhile.
	 */
	const dropped = new Set<string>();

	queue.onFailure(({ docs, error }) => {
		if (error instanceof FencedError) dropPlan(error);
		for (const name of docs) {
			const document = hocuspocus?.documents.get(name);
			if (!document) continue;
			if (error instanceof FencedError && planOf(name) === error.fence.planId) continue;
			for (const connection of document.getConnections()) {
				if (connection.webSocket instanceof GatedSocket) connection.webSocket.abort(1011, 'store-failed');
			}
			const retry = setTimeout(() => {
				if (document.isDestroyed) return;
				// The whole state holds whatever the authority wrote: fenced like the authority's writes.
				const fence = options.fenceOf?.(name) ?? undefined;
				queue.append(name, Y.encodeStateAsUpdate(document), true, fence).catch(() => {});
			}, RETRY_MS);
			retry.unref();
		}
	});

	return {
		extensionName: 'cap-persistence',
		// Load before the loader extension migrates what was loaded.
		priority: 200,

		attach(instance) {
			hocuspocus = instance;
		},

		async onLoadDocument({ documentName, document, requestHeaders }: onLoadDocumentPayload) {
			try {
				await load(documentName, document);
			} catch (error) {
				// The store does not answer: the connection closes with `store-failed` and the provider
				// connects again by itself (Hocuspocus alone would answer "permission denied", never asked again).
				log.warn('cannot load a document from the store', { doc: documentName, error: String(error) });
				closeSocketOf(requestHeaders, CLOSE_CODES.storeFailed, CLOSE_REASONS.storeFailed);
				throw error;
			}
		},

		async refresh(documentName) {
			const document = hocuspocus?.documents.get(documentName);
			if (document && !document.isDestroyed) await load(documentName, document);
		},

		async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload) {
			document.on('update', (update: Uint8Array, origin: unknown) => {
				// Replayed rows are stored already, and so is what another process relayed through Redis:
				// its origin process stored it before publishing it (cluster/redis.ts).
				if (origin === LOAD_ORIGIN || (isTransactionOrigin(origin) && origin.source === 'redis')) return;
				sizes.set(documentName, (sizes.get(documentName) ?? 0) + update.byteLength);
				const counting = recounting.get(documentName);
				if (counting) counting.added += update.byteLength;
				// The list of this load of the document: a row committed for an earlier load is not vouched for.
				const rows = known?.get(documentName);
				// The authority's own writes (the workshop service's) are fenced (store/types.ts, Fence): a
				// process that lost the plan meanwhile never stores them. Everyone else's edits are not.
				const fence =
					isPlanOrigin(origin) && origin.kind === 'server' ? options.fenceOf?.(documentName) : null;
				// Failures are handled for the whole batch by the queue's failure listener.
				queue.append(documentName, update, false, fence ?? undefined).then(
					(seq) => rows?.push(seq),
					() => {}
				);
			});
		},

		async onStoreDocument({ documentName, document }: onStoreDocumentPayload) {
			if (options.mayCompact && !(await options.mayCompact(documentName))) {
				// Another process compacts it: what it left is read from the store.
				await recount(documentName).catch((error: unknown) =>
					log.warn('cannot count a document from the store', { doc: documentName, error: String(error) })
				);
				return;
			}
			const merged = Y.encodeStateAsUpdate(document);
			// What is queued after this snapshot is counted on top of it as it arrives.
			sizes.set(documentName, merged.byteLength);
			if (store.compactAside) {
				// Beside the appends (PostgreSQL): frames never wait behind a compaction. A failure loses
				// nothing (the rows stay); the next debounce compacts again.
				if (compacting.has(documentName)) return;
				const rows = known?.get(documentName);
				// Every row known now is in `merged`: each was applied before it was queued, and queued before now.
				const taken = rows ? [...rows] : undefined;
				const done = store.compactAside(
					documentName,
					merged,
					taken,
					options.fenceOf?.(documentName) ?? undefined
				);
				compacting.set(documentName, done);
				try {
					const snapshot = await done;
					if (rows && taken) {
						const replaced = new Set(taken);
						const kept = rows.filter((seq) => !replaced.has(seq));
						rows.length = 0;
						if (snapshot !== undefined) rows.push(snapshot);
						rows.push(...kept);
					}
				} catch (error) {
					log.warn('compaction failed; the rows are kept', { doc: documentName, error: String(error) });
					return;
				} finally {
					compacting.delete(documentName);
				}
			} else {
				await queue.compact(documentName, merged);
			}
			log.debug('compacted', { doc: documentName, bytes: merged.byteLength });
		},

		async onConnect({ documentName, requestHeaders }: onConnectPayload) {
			// A dropped copy is on its way out: the client connects again once it is gone, and loads the store's.
			if (!dropped.has(documentName)) return;
			closeSocketOf(requestHeaders, CLOSE_CODES.storeFailed, CLOSE_REASONS.storeFailed);
			throw refusal(CLOSE_REASONS.storeFailed, CLOSE_CODES.storeFailed);
		},

		async afterUnloadDocument({ documentName }) {
			// Loaded again, the document is the store's: what failed for the dropped copy is forgotten.
			if (dropped.delete(documentName)) queue.dropped(documentName);
			sizes.delete(documentName);
			known?.delete(documentName);
		},

		storedBytes: (documentName) => sizes.get(documentName) ?? 0,
		recount,

		async drain() {
			await Promise.allSettled([...compacting.values()]);
			await queue.drain();
		}
	};

	/**
	 * Writes of a plan this process lost were refused by their fence: its copies of the plan's documents
	 * hold the refused authority writes, so they are dropped, never stored. Their connections close
	 * (`store-failed`) and the documents unload; reconnecting, each client loads the stored documents and
	 * sends again what it typed and was not acknowledged (nothing of the refused batch was).
	 */
	function dropPlan(error: FencedError): void {
		const planId = error.fence.planId;
		log.warn('refused writes made as the owner of a plan another process has taken over; dropping its copy', {
			plan: planId,
			epoch: error.fence.epoch,
			current: error.current
		});
		const names = [...(hocuspocus?.documents.keys() ?? [])].filter((name) => planOf(name) === planId);
		for (const name of names) {
			dropped.add(name);
			const document = hocuspocus!.documents.get(name)!;
			for (const connection of document.getConnections()) {
				if (connection.webSocket instanceof GatedSocket) connection.webSocket.abort(1011, 'store-failed');
			}
		}
		void (options.onFenced?.(planId) ?? Promise.resolve()).then(
			() => {
				for (const name of names) {
					const document = hocuspocus?.documents.get(name);
					if (document) void hocuspocus!.unloadDocument(document);
				}
			},
			(e: unknown) => log.warn('cannot close a dropped plan', { plan: planId, error: String(e) })
		);
	}

	async function recount(documentName: string): Promise<number> {
		// Whatever was queued before is in the store by then (or failed); what is queued meanwhile is added.
		await queue.settledUpTo(queue.enqueued);
		const counting = { added: 0 };
		recounting.set(documentName, counting);
		try {
			const bytes = (await store.documentBytes(documentName)) + counting.added;
			if (hocuspocus?.documents.has(documentName)) sizes.set(documentName, bytes);
			return bytes;
		} finally {
			if (recounting.get(documentName) === counting) recounting.delete(documentName);
		}
	}

	async function load(documentName: string, document: Y.Doc): Promise<void> {
		const stored = await store.loadDocument(documentName);
		const unreadable: Array<{ seq: number; error: string }> = [];
		const applied: number[] = [];
		let bytes = 0;
		Y.transact(
			document,
			() => {
				stored.updates.forEach((update, i) => {
					try {
						// Check that it decodes before applying it, so a bad row leaves nothing half-applied.
						Y.decodeUpdate(update);
						Y.applyUpdate(document, update, LOAD_ORIGIN);
						bytes += update.byteLength;
						applied.push(stored.seqs[i]!);
					} catch (error) {
						unreadable.push({ seq: stored.seqs[i]!, error: String(error) });
					}
				});
			},
			LOAD_ORIGIN
		);
		// Rows are validated before they are written; a bad one must still not lock a plan, and must
		// never be lost: it leaves the log (so no compaction deletes it) for the set-aside table.
		for (const { seq, error } of unreadable) {
			log.error('setting aside an unreadable stored update', { doc: documentName, seq, error });
			await store.setAside(documentName, seq, error.slice(0, 500));
			options.onSetAside?.(documentName);
		}
		sizes.set(documentName, bytes);
		known?.set(documentName, applied);
	}
}
