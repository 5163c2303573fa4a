/**
 * "Undo my own edits" for the objectives section: a Y.UndoManager over the three objective collections,
 * tracking only this participant's origin (the same object PlanSync passes to every command), so undoing
 * never reverts what someone else typed meanwhile. Rich-text edits are not tracked here: the editor's
 * collaboration binding has its own history.
 */
import * as Y from 'yjs';
import type { Origin } from '@cap/plan-model';

const SCOPE = ['businessObjectives', 'marketingObjectives', 'keyResults'] as const;

export class ObjectivesUndo {
	readonly #manager: Y.UndoManager;
	canUndo = $state(false);
	canRedo = $state(false);

	constructor(doc: Y.Doc, origin: Origin) {
		this.#manager = new Y.UndoManager(
			SCOPE.map((key) => doc.getMap(key)),
			// Yjs reads this set, nothing renders from it.
			// eslint-disable-next-line svelte/prefer-svelte-reactivity
			{ trackedOrigins: new Set([origin]), captureTimeout: 400 }
		);
		const refresh = () => {
			this.canUndo = this.#manager.undoStack.length > 0;
			this.canRedo = this.#manager.redoStack.length > 0;
		};
		for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) {
			this.#manager.on(event, refresh);
		}
	}

	/** Closes the current capture group, so the next command is undone on its own. */
	boundary(): void {
		this.#manager.stopCapturing();
	}
	undo(): void {
		this.#manager.undo();
	}
	redo(): void {
		this.#manager.redo();
	}
	destroy(): void {
		this.#manager.destroy();
	}
}
