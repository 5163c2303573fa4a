/**
 * Shared valibot building blocks and the bridge from valibot issues to PlanError. The model validates with
 * valibot rather than zod for bundle size: the web app loads these validators on every page, and a
 * representative schema set bundles to 2.0 KB gzip with valibot against 8.3 KB with `zod/mini` and the
 * English locale it needs. Valibot is built of functions, so a page downloads only the validators it uses.
 *
 * Numbers: `v.number()` lets Infinity through (zod's did not), so every number here is piped through
 * `v.finite()` or `v.safeInteger()` (what zod's `z.int()` checked).
 */
import * as v from 'valibot';
import { PlanError } from './errors.ts';

export function parse<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
	const result = v.safeParse(schema, input);
	if (result.success) return result.output;
	const issue = result.issues[0];
	const path = issue.path?.map((item) => String(item.key)) ?? [];
	let message = issue.message;
	// A key that may not be there (strict object, record of known keys) is refused on the object that holds
	// it, as zod did: `figures: Unrecognized key: "views"`.
	const last = issue.path?.at(-1);
	if (last?.origin === 'key' && issue.input === last.key) {
		path.pop();
		message = `Unrecognized key: "${String(last.key)}"`;
	} else if (last?.origin === 'key' && issue.input === undefined) {
		// A missing key is refused by the object, in its own words; the field's schema says it better
		// (`date: Expected a date as YYYY-MM-DD`, `title: Invalid type: Expected string but received undefined`).
		const entry = entryAt(schema, path);
		const again = entry ? v.safeParse(entry, undefined) : null;
		if (again && !again.success) message = again.issues[0].message;
	}
	const field = path.length > 0 ? path.join('.') : null;
	throw new PlanError('invalid_input', field, `${field ?? 'input'}: ${message}`);
}

type Walkable = { wrapped?: Walkable; entries?: Record<string, Walkable>; item?: Walkable; value?: Walkable };

/** The schema of the field at `path` inside `schema` (objects, arrays, records; through optional and nullable). */
function entryAt(schema: v.GenericSchema, path: string[]): v.GenericSchema | undefined {
	let at: Walkable | undefined = schema as Walkable;
	for (const key of path) {
		while (at?.wrapped) at = at.wrapped;
		at = at?.entries ? at.entries[key] : (at?.item ?? at?.value);
	}
	return at as v.GenericSchema | undefined;
}

/** A finite number (`v.number()` alone accepts Infinity). */
export const finiteNumber = v.pipe(v.number(), v.finite());
/** A whole number in the safe integer range (zod's `z.int()`). */
export const intSchema = v.pipe(v.number(), v.safeInteger());

export const idSchema = v.pipe(v.string(), v.minLength(1, 'Id is required'), v.maxLength(64));
/** A participant id becomes part of composite keys (`participant:idea`), so it may not contain ':'. */
export const participantIdSchema = v.pipe(
	v.string(),
	v.minLength(1),
	v.maxLength(128),
	v.regex(/^[^:|]+$/, 'Participant id may not contain ":" or "|"')
);
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
export const safeText = <S extends v.GenericSchema<string, string>>(schema: S) =>
	v.pipe(
		schema,
		v.check(
			(text: string) => unsafeCharacter(text) === null,
			'Contains a control or text-direction character'
		)
	);

export const nameSchema = safeText(
	v.pipe(v.string(), v.trim(), v.minLength(1, 'Name is required'), v.maxLength(200, 'At most 200 characters'))
);
/** `schema`, null or absent. */
export const nullish = <T extends v.GenericSchema>(schema: T) => v.optional(v.nullable(schema));
export const optionalText = (max = 5000) => nullish(v.pipe(v.string(), v.trim(), v.maxLength(max)));
/** Whether `text` (already shaped YYYY-MM-DD) names a day of the calendar: no 2027-02-30, 2028-02-29 yes. */
function isCalendarDay(text: string): boolean {
	const [year = 0, month = 0, day = 0] = text.split('-').map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
/** A calendar date as YYYY-MM-DD, a day that exists (valibot's `isoDate` alone takes 2027-02-30). */
export const isoDate = v.pipe(
	v.string('Expected a date as YYYY-MM-DD'),
	v.regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD'),
	v.check(isCalendarDay, 'Expected a date as YYYY-MM-DD')
);
/**
 * An e-mail address as people type one: a name, one @, a domain with at least one dot, no spaces
 * (o'brien@example.com is one).
 */
export const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
export const colorSchema = v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'Expected a colour like #1a2b3c'));
/** Money in the plan's currency; negative amounts are refused everywhere (BUD-1). */
export const amountSchema = v.pipe(finiteNumber, v.minValue(0, 'Must not be negative'), v.maxValue(1e12));
export const personDaysSchema = v.pipe(
	finiteNumber,
	v.minValue(0, 'Must not be negative'),
	v.maxValue(100000)
);
export const prioritySchema = v.picklist(['high', 'medium', 'low']);
export const indexSchema = v.optional(v.pipe(intSchema, v.minValue(0)));
/** An array of at most `max` items. */
export const arrayOf = <T extends v.GenericSchema>(item: T, max: number) =>
	v.pipe(v.array(item), v.maxLength(max));
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
