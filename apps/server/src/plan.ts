/** The server's only contact with plan-model: creating a plan's document and migrating old ones. */
import * as Y from 'yjs';
import * as planModel from '@cap/plan-model';
import type { CreatePlanRequest } from '@cap/protocol';

/** The plan-model surface the server relies on; `migrate` is optional so an older model still loads. */
interface PlanModelSurface {
	initPlan(doc: Y.Doc, props: CreatePlanRequest, origin: { kind: 'server' }): void;
	migrate?: (doc: Y.Doc, origin?: { kind: 'migration' }) => { from: number; to: number; changed: boolean };
	isPlanError?: (value: unknown) => boolean;
	applyTemplate(doc: Y.Doc, props: { template: string }, origin: { kind: 'server' }): void;
	startNextYear(source: Y.Doc, target: Y.Doc, origin: { kind: 'server' }): void;
}

const model = planModel as unknown as PlanModelSurface;

/**
 * Builds a new plan's document and returns it as one update (the first row of its log): empty, from a
 * template, or as next year's plan from `source` (the updates of the plan it continues).
 */
export function initialPlanUpdate(props: CreatePlanRequest, source?: Uint8Array[]): Uint8Array {
	const doc = new Y.Doc();
	const { template, basedOn: _basedOn, ...init } = props;
	try {
		model.initPlan(doc, init, { kind: 'server' });
		if (template) model.applyTemplate(doc, { template }, { kind: 'server' });
		if (source) {
			const previous = new Y.Doc();
			for (const update of source) Y.applyUpdate(previous, update);
			model.startNextYear(previous, doc, { kind: 'server' });
			previous.destroy();
		}
		return Y.encodeStateAsUpdate(doc);
	} finally {
		doc.destroy();
	}
}

export function migratePlan(doc: Y.Doc): { from: number; to: number; changed: boolean } | null {
	return model.migrate ? model.migrate(doc, { kind: 'migration' }) : null;
}

/** A plan-model validation error: its `field` names the input at fault. */
export function asPlanError(error: unknown): { field: string | null; message: string } | null {
	if (!model.isPlanError?.(error)) return null;
	const { field, message } = error as { field: string | null; message: string };
	return { field, message };
}
