/** Helpers for this package's own tests (not exported). */
import { expect } from 'vitest';
import * as Y from 'yjs';
import { PlanError, type PlanErrorCode } from './errors.ts';
import { userOrigin } from './origin.ts';
import { initPlan } from './plan.ts';

export const alice = userOrigin('alice');
export const bob = userOrigin('bob');

export function newPlan(): Y.Doc {
	const doc = new Y.Doc();
	initPlan(doc, { title: 'Plan 2027', year: 2027 }, alice);
	return doc;
}

/** Asserts `fn` throws a PlanError with `code` (and `field`) and that the document did not change. */
export function expectRefused(
	doc: Y.Doc,
	fn: () => unknown,
	code: PlanErrorCode,
	field?: string | null
): PlanError {
	const before = Y.encodeStateVector(doc);
	let updates = 0;
	const count = () => updates++;
	doc.on('update', count);
	let error: unknown;
	try {
		fn();
	} catch (e) {
		error = e;
	} finally {
		doc.off('update', count);
	}
	expect(error).toBeInstanceOf(PlanError);
	const planError = error as PlanError;
	expect(planError.code).toBe(code);
	if (field !== undefined) expect(planError.field).toBe(field);
	expect(updates).toBe(0);
	expect(Y.encodeStateVector(doc)).toEqual(before);
	return planError;
}

/** Two docs linked both ways: every update of one is applied to the other at once (or on `sync`). */
export function pair(): { a: Y.Doc; b: Y.Doc; sync: () => void } {
	const a = newPlan();
	const b = new Y.Doc();
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	const sync = () => {
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
	};
	return { a, b, sync };
}
