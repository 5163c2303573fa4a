/** The server's only contact with plan-model: creating a plan's document and migrating old ones. */
import * as Y from 'yjs';
import { applyTemplate, initPlan, isPlanError, migrate, startNextYear } from '@cap/plan-model';
import type { CreatePlanRequest } from '@cap/protocol';

const SERVER = { kind: 'server' } as const;

/**
 * Builds a new plan's document and returns it as one update (the first row of its log): empty, from a
 * template, or as next year's plan from `source` (the updates of the plan it continues).
 */
export function initialPlanUpdate(props: CreatePlanRequest, source?: Uint8Array[]): Uint8Array {
	const doc = new Y.Doc();
	const { template, basedOn: _basedOn, ...init } = props;
	try {
		initPlan(doc, init, SERVER);
		if (template) applyTemplate(doc, { template }, SERVER);
		if (source) {
			const previous = new Y.Doc();
			for (const update of source) Y.applyUpdate(previous, update);
			startNextYear(previous, doc, SERVER);
			previous.destroy();
		}
		return Y.encodeStateAsUpdate(doc);
	} finally {
		doc.destroy();
	}
}

export function migratePlan(doc: Y.Doc): { from: number; to: number; changed: boolean } {
	return migrate(doc, { kind: 'migration' });
}

/** A plan-model validation error: its `field` names the input at fault. */
export function asPlanError(error: unknown): { field: string | null; message: string } | null {
	if (!isPlanError(error)) return null;
	return { field: error.field, message: error.message };
}
