/**
 * Observing the plan from a UI. Selectors are cheap, so the simplest correct bridge is: after each
 * transaction that changed the document, re-run the selectors a view needs. In Svelte 5:
 *
 *   let version = $state(0);
 *   onMount(() => observePlan(doc, () => version++));
 *   const actions = $derived((version, selectActions(doc)));
 */
import type * as Y from 'yjs';
import { isPlanOrigin, type Origin } from './origin.ts';

export interface PlanChange {
	/** The command's origin, or null for updates from the network or other writers. */
	origin: Origin | null;
	/** True when the change was made on this replica (not applied from a remote update). */
	local: boolean;
}

/**
 * Calls `callback` once after every transaction that changed the document (no-op transactions are
 * skipped). Returns a function that stops observing.
 */
export function observePlan(doc: Y.Doc, callback: (change: PlanChange) => void): () => void {
	const handler = (tr: Y.Transaction) => {
		if (tr.changed.size === 0 && tr.deleteSet.clients.size === 0) return;
		callback({ origin: isPlanOrigin(tr.origin) ? tr.origin : null, local: tr.local });
	};
	doc.on('afterTransaction', handler);
	return () => doc.off('afterTransaction', handler);
}
