/**
 * Plan settings (réglages).
 *
 *   settings: Y.Map<'title' | 'year' | 'company' | 'locale' | 'currency', value>
 *
 * A flat map rather than a record in a collection: there is one plan per document, and each field merges
 * on its own (one person renames the plan while another changes the year; both changes stay).
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import type { Origin } from './origin.ts';
import { rootMap } from './schema.ts';
import { intSchema, nullish, parse } from './validate.ts';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';
export const DEFAULT_CURRENCY = 'EUR';
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export const settingsInput = v.object({
	title: v.optional(
		v.pipe(
			v.string(),
			v.trim(),
			v.minLength(1, 'The title is required'),
			v.maxLength(200, 'At most 200 characters')
		)
	),
	year: v.optional(
		v.pipe(intSchema, v.minValue(MIN_YEAR, `From ${MIN_YEAR}`), v.maxValue(MAX_YEAR, `Up to ${MAX_YEAR}`))
	),
	company: nullish(
		v.pipe(
			v.pipe(v.string(), v.trim(), v.maxLength(200)),
			v.transform((s) => (s === '' ? null : s))
		)
	),
	locale: v.optional(v.picklist(LOCALES)),
	currency: v.optional(
		v.pipe(
			v.string(),
			v.trim(),
			v.toUpperCase(),
			v.regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 code such as EUR')
		)
	)
});

export type UpdatePlanSettingsProps = v.InferInput<typeof settingsInput>;

export interface PlanSettings {
	title: string;
	year: number;
	/** Null when not set. */
	company: string | null;
	locale: Locale;
	/** ISO 4217 code, EUR by default. */
	currency: string;
}

/** Changes any subset of the settings; unchanged values are not rewritten (SET-1..SET-5). */
export function updatePlanSettings(doc: Y.Doc, props: UpdatePlanSettingsProps, origin: Origin): void {
	const p = parse(settingsInput, props);
	const settings = rootMap(doc, 'settings');
	doc.transact(() => {
		for (const [field, value] of Object.entries(p)) {
			if (value !== undefined && settings.get(field) !== value) settings.set(field, value);
		}
	}, origin);
}

export function selectSettings(doc: Y.Doc): PlanSettings {
	const s = rootMap(doc, 'settings');
	const title = s.get('title');
	const year = s.get('year');
	const company = s.get('company');
	const locale = s.get('locale');
	const currency = s.get('currency');
	return {
		title: typeof title === 'string' ? title : '',
		year: typeof year === 'number' ? year : new Date().getUTCFullYear(),
		company: typeof company === 'string' && company !== '' ? company : null,
		locale: locale === 'en' ? 'en' : 'fr',
		currency: typeof currency === 'string' && currency !== '' ? currency : DEFAULT_CURRENCY
	};
}
