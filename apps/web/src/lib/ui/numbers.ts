/**
 * Commits for number fields bound to the plan: an empty field clears the value (null, "not entered"), a
 * number in either locale is applied, anything else is refused with a sentence, keeping the draft.
 */
import * as m from '#lib/paraglide/messages.js';
import { planErrorMessage } from '#lib/sync/errors.ts';
import type { CommandResult } from '#lib/sync/plan.svelte.ts';
import { parseNumber } from '#lib/format.ts';

export function commitNumber(
	draft: string,
	apply: (value: number | null) => CommandResult<unknown>,
	options: { required?: boolean; integer?: boolean } = {}
): string | null {
	const trimmed = draft.trim();
	if (trimmed === '' && options.required) return m.error_required();
	const value = trimmed === '' ? null : parseNumber(trimmed);
	if (trimmed !== '' && value === null) return m.error_number();
	if (value !== null && options.integer && !Number.isInteger(value)) return m.error_integer();
	const result = apply(value);
	return result.ok ? null : planErrorMessage(result.error);
}

/** The value shown in a number field: '' for null, plain digits otherwise (the input's own format). */
export function numberDraft(value: number | null): string {
	return value === null ? '' : String(Math.round(value * 100) / 100);
}
