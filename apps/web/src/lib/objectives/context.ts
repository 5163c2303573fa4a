/** What the objectives section shares with its cards: undoable edits, the undo toast, drag state. */
import type { Origin, PlanError } from '@cap/plan-model';
import { createContext } from 'svelte';
import type * as Y from 'yjs';

export interface ObjectivesContext {
	edit<T>(command: (doc: Y.Doc, origin: Origin) => T): { error: PlanError | null; value?: T };
	deleted(name: string): void;
	errorText(error: PlanError, inUse: string): string;
	dragId: string | null;
	moveMarketing(id: string, businessObjectiveId: string | null, beforeId: string | null): void;
	focusLater(id: string): Promise<void>;
}

export const [getObjectivesContext, setObjectivesContext] = createContext<ObjectivesContext>();
