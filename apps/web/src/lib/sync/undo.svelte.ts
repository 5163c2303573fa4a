/**
 * Undo for one participant: one Y.UndoManager over the plan's root maps tracking only that participant's
 * origin, so `undo()` reverts their own edits and never someone else's (rich text keeps the editor
 * binding's own history).
 */
import { PLAN_ROOT_KEYS, type Origin } from '@cap/plan-model';
import * as Y from 'yjs';

/**
 * The root maps `undo()` covers: the whole plan but its comments, which have their own edit and delete
 * flows (undoing a "mark as read" or a posted comment from the keyboard would surprise everyone).
 */
export const UNDO_SCOPE = PLAN_ROOT_KEYS.filter((key) => key !== 'commentThreads' && key !== 'comments');

/** Edits made within this many milliseconds of each other are undone together. */
export const UNDO_CAPTURE_MS = 500;

export class OwnUndo {
	/** Whether `undo()` / `redo()` would do something: this participant has edits to revert / reapply. */
	canUndo = $state(false);
	canRedo = $state(false);
	readonly #manager: Y.UndoManager;

	/** `origin` must be the one object every edit of this participant is made with (tracked by identity). */
	constructor(doc: Y.Doc, origin: Origin) {
		this.#manager = new Y.UndoManager(
			UNDO_SCOPE.map((key) => doc.getMap(key)),
			// Yjs reads this set by identity, nothing renders from it.
			// eslint-disable-next-line svelte/prefer-svelte-reactivity
			{ trackedOrigins: new Set([origin]), captureTimeout: UNDO_CAPTURE_MS }
		);
		const refresh = () => {
			this.canUndo = this.#manager.undoStack.length > 0;
			this.canRedo = this.#manager.redoStack.length > 0;
		};
		for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) {
			this.#manager.on(event, refresh);
		}
	}

	/** Reverts the last group of edits; returns whether there was one. */
	undo(): boolean {
		if (this.#manager.undoStack.length === 0) return false;
		this.#manager.undo();
		return true;
	}

	redo(): boolean {
		if (this.#manager.redoStack.length === 0) return false;
		this.#manager.redo();
		return true;
	}

	/** Closes the current group, so the next edit is undone on its own. */
	boundary(): void {
		this.#manager.stopCapturing();
	}

	destroy(): void {
		this.#manager.destroy();
	}
}
