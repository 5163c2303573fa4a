/** Shared zod building blocks and the bridge from zod issues to PlanError. */
import { z } from 'zod';
import { PlanError } from './errors.ts';

export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : null;
	throw new PlanError(
		'invalid_input',
		field,
		issue ? `${field ?? 'input'}: ${issue.message}` : 'Invalid input'
	);
}

export const idSchema = z.string().min(1, 'Id is required').max(64);
/** A participant id becomes part of composite keys (`participant:idea`), so it may not contain ':'. */
export const participantIdSchema = z
	.string()
	.min(1)
	.max(128)
	.regex(/^[^:|]+$/, 'Participant id may not contain ":" or "|"');
/**
 * Characters a name or title may not hold (TXT-1): control characters (C0 including tab and line breaks,
 * DEL, C1), line and paragraph separators, and the bidirectional embeddings, overrides and isolates that
 * make text display in another order than it is stored (U+202A..U+202E, U+2066..U+2069).
 */
// eslint-disable-next-line no-control-regex
export const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** The first character a single-line name or title may not hold, as `U+XXXX`, or null (TXT-1). */
export function unsafeCharacter(text: string): string | null {
	const found = UNSAFE_TEXT.exec(text);
	return found ? `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** A single-line name: no control or bidirectional-override characters (TXT-1). */
export const safeText = (schema: z.ZodString) =>
	schema.refine((text) => unsafeCharacter(text) === null, {
		message: 'Contains a control or text-direction character'
	});

export const nameSchema = safeText(
	z.string().trim().min(1, 'Name is required').max(200, 'At most 200 characters')
);
export const optionalText = (max = 5000) => z.string().trim().max(max).nullable().optional();
export const isoDate = z.iso.date('Expected a date as YYYY-MM-DD');
export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Expected a colour like #1a2b3c');
/** Money in the plan's currency; negative amounts are refused everywhere (BUD-1). */
export const amountSchema = z.number().min(0, 'Must not be negative').max(1e12);
export const personDaysSchema = z.number().min(0, 'Must not be negative').max(100000);
export const prioritySchema = z.enum(['high', 'medium', 'low']);
export const indexSchema = z.number().int().min(0).optional();

/** Inclusive day count between two ISO dates (2026-01-01..2026-01-10 is 10 days). */
export function daysBetweenInclusive(start: string, end: string): number {
	return Math.round((Date.parse(end) - Date.parse(start)) / 86400000) + 1;
}

/** Throws invalid_input on `field` unless end >= start. */
export function requireOrderedDates(start: string | null, end: string | null, field = 'end'): void {
	if (start !== null && end !== null && end < start) {
		throw new PlanError('invalid_input', field, `${field}: the end date must not be before the start date`);
	}
}
