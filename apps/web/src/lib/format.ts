/**
 * Locale-aware formatting with Intl. Pure functions of (value, locale) so they are unit-tested and the
 * same on every screen: fr-FR money reads "1 234,50 €" (narrow no-break spaces), en-GB "€1,234.50".
 */
import type { Locale } from '@cap/protocol';

/** The Intl locale for each interface language. English uses en-GB: day-first dates, like the users'. */
export function intlLocale(locale: Locale): string {
	return locale === 'fr' ? 'fr-FR' : 'en-GB';
}

export function formatMoney(amount: number, currency: string, locale: Locale): string {
	try {
		return new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency }).format(amount);
	} catch {
		// An unknown ISO code (typed by hand in an older document) must not break the page.
		return `${formatNumber(amount, locale, 2)} ${currency}`;
	}
}

export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 1): string {
	return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits }).format(value);
}

/**
 * Parses what a person typed as a number in either locale ("1 234,5", "1234.5"), signed or not ("+5" for a
 * rise of 5 %, "-5"); null if not a number.
 */
export function parseNumber(input: string): number | null {
	const cleaned = input.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
	if (cleaned === '' || !/^[+-]?\d*\.?\d+$/.test(cleaned)) return null;
	const value = Number(cleaned);
	return Number.isFinite(value) ? value : null;
}

/**
 * A number as it is written back into an input: the locale's decimal mark ("1250,5" in French), no grouping
 * (so it reads back as typed), at most two decimals. parseNumber reads it back.
 */
export function formatDraft(value: number, locale: Locale): string {
	return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2, useGrouping: false }).format(
		value
	);
}

/** Plan dates are ISO calendar dates ("2027-01-11"); they are formatted in UTC so no timezone shifts them. */
export function formatDate(iso: string, locale: Locale, style: 'short' | 'long' = 'short'): string {
	const date = parseIsoDate(iso);
	if (!date) return iso;
	return new Intl.DateTimeFormat(intlLocale(locale), {
		timeZone: 'UTC',
		day: 'numeric',
		month: style === 'long' ? 'long' : 'short',
		year: 'numeric'
	}).format(date);
}

export function parseIsoDate(iso: string): Date | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	if (!match) return null;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return Number.isNaN(date.getTime()) ? null : date;
}

/** Inclusive number of calendar days from start to end (a period from the 1st to the 10th lasts 10 days). */
export function daysBetween(startIso: string, endIso: string): number | null {
	const start = parseIsoDate(startIso);
	const end = parseIsoDate(endIso);
	if (!start || !end) return null;
	return Math.round((end.getTime() - start.getTime()) / 86_400_000) + 1;
}

/**
 * Two-letter initials for an avatar: "Marie-Claire Dupont" -> "MD", "prince" -> "PR", "Claire (animatrice)"
 * -> "CA". Words are runs of letters and digits: punctuation and brackets never become an initial.
 */
export function initials(name: string): string {
	const words = name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
	if (words.length === 0) return '?';
	if (words.length === 1) return words[0]!.slice(0, 2).toUpperCase();
	return (words[0]![0]! + words[words.length - 1]![0]!).toUpperCase();
}

/** The ISO 4217 codes offered in the currency select; EUR first for the French market. */
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'CAD', 'XOF', 'XPF', 'MAD', 'TND', 'DZD'] as const;

/** A ratio as a percentage by locale: 0.16 → "16 %" in French, "16%" in English. */
export function formatPercent(ratio: number, locale: Locale, maximumFractionDigits = 0): string {
	return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits }).format(ratio);
}

/** Money on a chart axis: short and without cents ("20 k €", "€20k"). */
export function formatMoneyCompact(amount: number, currency: string, locale: Locale): string {
	try {
		return new Intl.NumberFormat(intlLocale(locale), {
			style: 'currency',
			currency,
			notation: 'compact',
			maximumFractionDigits: 1
		}).format(amount);
	} catch {
		return `${formatNumber(amount, locale, 0)} ${currency}`;
	}
}
