/**
 * The report's formats, all through Intl in the interface's language: money with "not entered" for a
 * missing amount (BUD-8), numbers, percentages, dates. A raw decimal never reaches the page.
 */
import { formatDate, formatNumber, formatPercent, intlLocale } from '#lib/format.ts';
import { i18n } from '#lib/i18n/locale.svelte.ts';
import { amountText } from '#lib/ui/numbers.ts';

export function reportFormat(currency: () => string) {
	return {
		money: (n: number | null) => amountText(n, currency()),
		num: (n: number | null, digits = 2) => (n === null ? '—' : formatNumber(n, i18n.locale, digits)),
		pct: (n: number | null) => (n === null ? '—' : formatPercent(n, i18n.locale)),
		signedPct: (n: number | null) =>
			n === null
				? '—'
				: new Intl.NumberFormat(intlLocale(i18n.locale), {
						style: 'percent',
						maximumFractionDigits: 0,
						signDisplay: 'exceptZero'
					}).format(n),
		date: (iso: string | null, style: 'short' | 'long' = 'short') =>
			iso === null ? '—' : formatDate(iso, i18n.locale, style)
	};
}

export type ReportFormat = ReturnType<typeof reportFormat>;
