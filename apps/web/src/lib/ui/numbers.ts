/**
 * Commits for number fields bound to the plan: an empty field clears the value (null, "not entered"), a
 * number in either locale is applied, anything else is refused with a sentence, keeping the draft.
 */
import { formatDraft, formatMoney, parseNumber } from '#lib/format.ts';
import { i18n } from '#lib/i18n/locale.svelte.ts';
import * as m from '#lib/paraglide/messages.js';
import { planErrorMessage } from '#lib/sync/errors.ts';
import type { CommandResult } from '#lib/sync/plan.svelte.ts';

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

/** The value shown in a number field: '' for null, else the number in the interface's locale ("1250,5"). */
export function numberDraft(value: number | null): string {
	return value === null ? '' : formatDraft(value, i18n.locale);
}

/** BUD-8: an amount as every screen shows it; one nobody entered reads "not entered", never 0. */
export function amountText(value: number | null, currency: string): string {
	return value === null ? m.bud_not_entered() : formatMoney(value, currency, i18n.locale);
}
