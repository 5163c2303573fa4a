/**
 * Asks before the tab closes or reloads while this device holds edits the server has not acknowledged
 * yet (saving, or waiting offline): they are kept on the device, but nobody else sees them until the
 * plan is opened here again. Browsers show their own wording; the page only says that it wants to ask.
 */
import type { PlanSync } from './plan.svelte.ts';

/** True while edits of this device have not reached the server. */
export function hasUnsentEdits(sync: Pick<PlanSync, 'unsynced'>): boolean {
	return sync.unsynced > 0;
}

/** Installs the question on `target` (the window); returns the function that removes it. */
export function askBeforeLeavingWithUnsent(
	sync: Pick<PlanSync, 'unsynced'>,
	target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window
): () => void {
	const listener = (event: BeforeUnloadEvent) => {
		if (!hasUnsentEdits(sync)) return;
		event.preventDefault();
		// Older Chromium asks only when returnValue is set too.
		event.returnValue = '';
	};
	target.addEventListener('beforeunload', listener);
	return () => target.removeEventListener('beforeunload', listener);
}
