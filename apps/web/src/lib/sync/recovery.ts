/**
 * What the plan's sync does when the server refuses a change of this device (a role, a workshop lock, the
 * plan's size limit, an update built on one it refused) or when a change is too large to send at all:
 * the refusal costs that change, nothing else.
 *
 * The refused change stays in this device's Yjs document and every later update of the tab depends on
 * it, so resending cannot help. The device fetches the server's copy through a connection of its own,
 * writes its other changes again on it (rebase.ts: a new Yjs client, each change checked with the server's
 * rules first), and hands the result to a new PlanSync; what was left out is named, with its text to copy.
 * The local copy (IndexedDB) is cleared, so a reload never sends the refused change again.
 *
 * No refusal loops: a refusal the device's own rules did not foresee (the plan's size limit) leaves out
 * the largest change, and one more before the rebuilt plan was saved leaves out every unsaved change.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import type { Origin, Writer } from '@cap/plan-model';
import { CLOSE_REASONS, WORKSHOP_CLOSE_REASON } from '@cap/protocol';
import * as Y from 'yjs';
import { rebaseLocalChanges, TOO_LARGE_TO_SEND, type RefusedChange } from './rebase.ts';

/** Changes of this device the server refused (or that could not be sent), and why the server closed. */
export interface DroppedChange {
	reason: string;
	records: RefusedChange[];
}

/**
 * The close reasons that refuse one update of an authorised connection: the plan is rebuilt without it
 * (the other reasons are about the connection itself and stay shown).
 */
export const DROPPED_CHANGE_REASONS: readonly string[] = [
	CLOSE_REASONS.commentOnly,
	CLOSE_REASONS.notWritable,
	CLOSE_REASONS.outOfSync,
	CLOSE_REASONS.readOnly,
	CLOSE_REASONS.planTooLarge,
	WORKSHOP_CLOSE_REASON,
	TOO_LARGE_TO_SEND
];

/** How long the server's copy may take to arrive after a refusal before the refusal is shown as is. */
export const RECOVERY_TIMEOUT_MS = 15_000;

/** The server's copy of a document, through a connection of its own; null if it does not arrive. */
export function fetchServerCopy(url: string, name: string, token: () => string): Promise<Y.Doc | null> {
	return new Promise((resolve) => {
		const doc = new Y.Doc();
		let settled = false;
		const finish = (ok: boolean) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			// Later: the provider is created synchronously below, and destroying it inside its own
			// callback would cut the message being handled.
			queueMicrotask(() => probe.destroy());
			if (!ok) doc.destroy();
			resolve(ok ? doc : null);
		};
		const timer = setTimeout(() => finish(false), RECOVERY_TIMEOUT_MS);
		const probe = new HocuspocusProvider({
			url,
			name,
			document: doc,
			token,
			onSynced: ({ state }) => {
				if (state) finish(true);
			},
			onAuthenticationFailed: () => finish(false)
		});
	});
}

export interface RebuildOptions {
	/** The close reason (or TOO_LARGE_TO_SEND). */
	reason: string;
	writer: Writer;
	origin: Origin;
	/** This device's plan was itself rebuilt after a refusal and not saved since. */
	again: boolean;
}

/**
 * This device's plan rebuilt on the server's copy without what the server refused; `dropped` is null when
 * every change was kept (an update refused only for the order it came in).
 */
export function rebuildAfterRefusal(
	server: Y.Doc,
	local: Y.Doc,
	{ reason, writer, origin, again }: RebuildOptions
): { doc: Y.Doc; dropped: DroppedChange | null } {
	const leaveOut = again ? 'all' : reason === CLOSE_REASONS.planTooLarge ? 'largest' : null;
	const rebased = rebaseLocalChanges(server, local, { writer, origin, leaveOut, reason });
	return {
		doc: rebased.doc,
		dropped: rebased.refused.length > 0 ? { reason, records: rebased.refused } : null
	};
}
