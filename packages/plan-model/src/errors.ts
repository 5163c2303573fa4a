/**
 * The one error type commands throw. Commands validate everything before opening their transaction, so a
 * thrown PlanError always means the document was left untouched.
 */

export const PLAN_ERROR_CODES = [
	/** Props failed validation (empty name, end before start, negative amount...). */
	'invalid_input',
	/** A referenced id does not exist (or was deleted). */
	'not_found',
	/** The change would make action dependencies circular. */
	'cycle',
	/** The origin may not perform this change (e.g. editing someone else's comment). */
	'forbidden',
	/** The change clashes with existing state (plan already initialised, duplicate name...). */
	'conflict',
	/** A vote would exceed the participant's budget or the per-idea maximum. */
	'over_budget',
	/** The record is still referenced and cannot be removed. */
	'in_use',
	/** The document was written by a newer schema version than this code knows. */
	'unsupported_version'
] as const;

export type PlanErrorCode = (typeof PLAN_ERROR_CODES)[number];

export class PlanError extends Error {
	readonly code: PlanErrorCode;
	/** The props field at fault (dot path), or null when the error is not about one field. */
	readonly field: string | null;

	constructor(code: PlanErrorCode, field: string | null, message: string) {
		super(message);
		this.name = 'PlanError';
		this.code = code;
		this.field = field;
	}
}

export function isPlanError(value: unknown): value is PlanError {
	return value instanceof PlanError;
}
