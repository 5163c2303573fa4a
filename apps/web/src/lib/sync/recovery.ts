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
 * The rebuild itself (rebase.ts) is loaded on the first refusal only: no page needs it before.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import { CLOSE_REASONS, WORKSHOP_CLOSE_REASON } from '@cap/protocol';
import * as Y from 'yjs';
import type { RefusedChange } from './rebase.ts';

/**
 * Said of a change this device cannot send at all: one piece of it (a single pasted text) is larger
 * than a message may be, whatever it is split into (SPEC SYNC-1).
 */
export const TOO_LARGE_TO_SEND = 'too-large-to-send';

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
