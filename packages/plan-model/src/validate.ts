/**
 * Shared zod building blocks and the bridge from zod issues to PlanError. The schemas use `zod/mini`, zod's
 * tree-shakable build (functions instead of methods), so a page that loads the model downloads only the
 * validators it uses.
 */
import { z } from 'zod/mini';
import { en } from 'zod/locales';
import { PlanError } from './errors.ts';

// zod/mini registers no locale by itself: keep the English messages the classic build gives refusals.
z.config(en());

export function parse<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
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

export const idSchema = z.string().check(z.minLength(1, 'Id is required'), z.maxLength(64));
/** A participant id becomes part of composite keys (`participant:idea`), so it may not contain ':'. */
export const participantIdSchema = z
	.string()
	.check(z.minLength(1), z.maxLength(128), z.regex(/^[^:|]+$/, 'Participant id may not contain ":" or "|"'));
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
export const safeText = (schema: z.ZodMiniString) =>
	schema.check(
		z.refine((text) => unsafeCharacter(text) === null, {
			message: 'Contains a control or text-direction character'
		})
	);

export const nameSchema = safeText(
	z.string().check(z.trim(), z.minLength(1, 'Name is required'), z.maxLength(200, 'At most 200 characters'))
);
/** `schema`, null or absent (classic zod's `schema.nullable().optional()`). */
export const nullish = <T extends z.core.SomeType>(schema: T) => z.optional(z.nullable(schema));
export const optionalText = (max = 5000) => nullish(z.string().check(z.trim(), z.maxLength(max)));
export const isoDate = z.iso.date('Expected a date as YYYY-MM-DD');
export const colorSchema = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'Expected a colour like #1a2b3c'));
/** Money in the plan's currency; negative amounts are refused everywhere (BUD-1). */
export const amountSchema = z.number().check(z.gte(0, 'Must not be negative'), z.lte(1e12));
export const personDaysSchema = z.number().check(z.gte(0, 'Must not be negative'), z.lte(100000));
export const prioritySchema = z.enum(['high', 'medium', 'low']);
export const indexSchema = z.optional(z.number().check(z.int(), z.gte(0)));
/** An array of at most `max` items. */
export const arrayOf = <T extends z.core.SomeType>(item: T, max: number) =>
	z.array(item).check(z.maxLength(max));

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
