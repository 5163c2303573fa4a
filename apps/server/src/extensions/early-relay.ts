/**
 * The early relay (SPEC AUTH-6): the copy of a client's plan update reaches the editors and
 * facilitators in the room as soon as Hocuspocus broadcasts it, without waiting for the store; everyone
 * else's copy, and every acknowledgement, still waits (output-gate.ts).
 *
 * Why this keeps "no acknowledged edit is lost on kill -9" and leaves no browser with an edit it cannot
 * give back: the guard vouches for an update only when every editor and facilitator may write each of its
 * changes, whoever they are (plan-model's `checkPlanUpdate`: nothing on the workshop board). If the
 * process dies before the commit, the author, never acknowledged, sends it again; an editor who received
 * it early sends it too when they reconnect (a provider sends whatever the server lacks), and the guard
 * accepts it from them. A copy leaves early only to a socket holding nothing but acknowledgements, so it
 * never overtakes an earlier copy: whatever the update builds on, that editor already had.
 *
 * Hocuspocus merges the updates of one turn of the event loop and broadcasts them in `Document.flush`;
 * the relay wraps each plan document's `flush`, and lets its frames out early only when every change
 * merged into it since the last flush was vouched for. A change from anywhere else (the workshop service,
 * a migration, another process through Redis) keeps the whole flush behind the store.
 */
import { isTransactionOrigin, type Connection, type Document, type Extension } from '@hocuspocus/server';
import { can, parseDocumentName } from '@cap/protocol';
import type * as Y from 'yjs';
import type { CapContext } from '../context.ts';
import { GatedSocket, type OutputGate } from '../output-gate.ts';

export interface EarlyRelay extends Extension {
	/**
	 * The guard's verdict on the update `connection` is about to apply: `true` when every editor may write
	 * it (AUTH-6). Called for every sync message before it is applied, so no verdict outlives its update.
	 */
	vouch(connection: Connection, editorsMayWrite: boolean): void;
}

export function earlyRelayExtension(gate: OutputGate): EarlyRelay {
	/** Connections whose next applied update the guard vouched for. */
	const vouched = new WeakSet<Connection>();

	return {
		extensionName: 'cap-early-relay',
		// Its listeners go on after the stored log is replayed (persistence, 200) and before the loader
		// (100) migrates an older plan: the migration is the server's change, and keeps its flush held.
		priority: 150,

		vouch(connection, editorsMayWrite) {
			if (editorsMayWrite) vouched.add(connection);
			else vouched.delete(connection);
		},

		async afterLoadDocument({ documentName, document }) {
			if (parseDocumentName(documentName)?.kind !== 'plan') return;
			/** Every change waiting for the next flush was vouched for. */
			let allVouched = true;
			document.on('afterTransactionCleanup', (tr: Y.Transaction) => {
				const origin: unknown = tr.origin;
				const connection =
					isTransactionOrigin(origin) && origin.source === 'connection' ? origin.connection : null;
				// Consumed by the transaction that applies it, whatever it changed.
				const ok = connection !== null && vouched.delete(connection);
				if (!ok && changed(tr)) allVouched = false;
			});
			const flush = document.flush.bind(document);
			document.flush = () => {
				const early = allVouched;
				allVouched = true;
				if (early) gate.relayEarly(editorSockets(document), flush);
				else flush();
				return document;
			};
		}
	};
}

/** Whether a transaction changed the document (Yjs emits `update` for it): a new item or a deletion. */
function changed(tr: Y.Transaction): boolean {
	if (tr.deleteSet.clients.size > 0) return true;
	for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true;
	return false;
}

function editorSockets(document: Document): Set<GatedSocket> {
	const sockets = new Set<GatedSocket>();
	for (const connection of document.getConnections()) {
		// AUTH-6 vouches for the roles that edit the plan: facilitators and editors.
		const role = (connection.context as CapContext | undefined)?.role;
		if (connection.readOnly || role === undefined || !can(role, 'editPlan')) continue;
		if (connection.webSocket instanceof GatedSocket) sockets.add(connection.webSocket);
	}
	return sockets;
}
