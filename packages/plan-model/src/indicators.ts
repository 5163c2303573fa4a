/**
 * The indicator library of the method (docs/method.md, "Formulas"): every ratio a marketing team reads,
 * computed from base figures. Pure functions, no document: the review, the budget and the dashboard all
 * call them, so one formula gives one number everywhere (IND-1..IND-4).
 *
 * A ratio whose divisor is missing or zero is null ("not computable"), never 0 or Infinity: a cost per lead
 * with no lead is not free, it is unknown (IND-2). A missing numerator is null too.
 */

export const BASE_FIGURES = [
	'spend',
	'impressions',
	'clicks',
	'leads',
	'orders',
	'revenue',
	'contacts',
	'opens'
] as const;
export type BaseFigure = (typeof BASE_FIGURES)[number];
export type BaseFigures = Partial<Record<BaseFigure, number | null>>;

export const INDICATOR_FAMILIES = ['profitability', 'acquisition', 'advertising', 'emailing'] as const;
export type IndicatorFamily = (typeof INDICATOR_FAMILIES)[number];

export const INDICATOR_IDS = [
	'roi',
	'cpa',
	'cpl',
	'averageBasket',
	'conversionRate',
	'cpc',
	'cpm',
	'ctr',
	'openRate',
	'clickRate'
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export interface IndicatorDefinition {
	id: IndicatorId;
	family: IndicatorFamily;
	/** The base figures it needs: [numerator..., divisor]. */
	inputs: readonly BaseFigure[];
	/** A ratio (shown as a percent) or an amount in the plan's currency. */
	kind: 'ratio' | 'amount';
	/** Which way is good: a higher ROI, a lower CPA. */
	better: 'higher' | 'lower';
}

/** IND-3: the library, by family, in display order. */
export const INDICATORS: readonly IndicatorDefinition[] = [
	{ id: 'roi', family: 'profitability', inputs: ['revenue', 'spend'], kind: 'ratio', better: 'higher' },
	{
		id: 'averageBasket',
		family: 'profitability',
		inputs: ['revenue', 'orders'],
		kind: 'amount',
		better: 'higher'
	},
	{ id: 'cpa', family: 'acquisition', inputs: ['spend', 'orders'], kind: 'amount', better: 'lower' },
	{ id: 'cpl', family: 'acquisition', inputs: ['spend', 'leads'], kind: 'amount', better: 'lower' },
	{
		id: 'conversionRate',
		family: 'acquisition',
		inputs: ['orders', 'contacts'],
		kind: 'ratio',
		better: 'higher'
	},
	{ id: 'cpc', family: 'advertising', inputs: ['spend', 'clicks'], kind: 'amount', better: 'lower' },
	{ id: 'cpm', family: 'advertising', inputs: ['spend', 'impressions'], kind: 'amount', better: 'lower' },
	{ id: 'ctr', family: 'advertising', inputs: ['clicks', 'impressions'], kind: 'ratio', better: 'higher' },
	{ id: 'openRate', family: 'emailing', inputs: ['opens', 'contacts'], kind: 'ratio', better: 'higher' },
	{ id: 'clickRate', family: 'emailing', inputs: ['clicks', 'opens'], kind: 'ratio', better: 'higher' }
];

/** IND-2: a / b, null when either is unknown or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
	if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
	return a / b;
}

/** IND-1: ROI = (revenue − cost) / cost. */
/** BUD-8, REV-9: the sum of the amounts entered; null when none is (an empty sum is "not entered", never 0). */
export function sumEntered(amounts: readonly (number | null)[]): number | null {
	let sum: number | null = null;
	for (const a of amounts) if (a !== null) sum = (sum ?? 0) + a;
	return sum;
}

export function roi(revenue: number | null | undefined, cost: number | null | undefined): number | null {
	if (revenue === null || revenue === undefined) return null;
	return ratio(revenue - (cost ?? 0), cost);
}

/** IND-1: CPM = spend / impressions × 1000. */
export function cpm(spend: number | null | undefined, impressions: number | null | undefined): number | null {
	const r = ratio(spend, impressions);
	return r === null ? null : r * 1000;
}

/** IND-3: the value of one indicator from base figures (null when not computable, IND-2). */
export function computeIndicator(id: IndicatorId, f: BaseFigures): number | null {
	switch (id) {
		case 'roi':
			return roi(f.revenue, f.spend);
		case 'averageBasket':
			return ratio(f.revenue, f.orders);
		case 'cpa':
			return ratio(f.spend, f.orders);
		case 'cpl':
			return ratio(f.spend, f.leads);
		case 'conversionRate':
			return ratio(f.orders, f.contacts);
		case 'cpc':
			return ratio(f.spend, f.clicks);
		case 'cpm':
			return cpm(f.spend, f.impressions);
		case 'ctr':
			return ratio(f.clicks, f.impressions);
		case 'openRate':
			return ratio(f.opens, f.contacts);
		case 'clickRate':
			return ratio(f.clicks, f.opens);
	}
}

export interface IndicatorValue extends IndicatorDefinition {
	value: number | null;
	/** The inputs that are missing (or zero, for the divisor), so the UI can say what to enter. */
	missing: BaseFigure[];
}

export function computeIndicators(figures: BaseFigures): IndicatorValue[] {
	return INDICATORS.map((def) => {
		const value = computeIndicator(def.id, figures);
		const divisor = def.inputs[def.inputs.length - 1];
		const missing = def.inputs.filter(
			(input) =>
				figures[input] === null || figures[input] === undefined || (input === divisor && figures[input] === 0)
		);
		return { ...def, value, missing };
	});
}

export type Direction = 'increase' | 'decrease';

export interface Gap {
	/** Écart: actual − forecast (KPI-2). */
	value: number;
	/** The gap as a fraction of |forecast|; null when the forecast is 0. */
	ratio: number | null;
	/**
	 * KPI-3: the gap turned so that positive is good for this direction: a CPA below its forecast (direction
	 * decrease) is a favourable gap.
	 */
	favourable: number;
	favourableRatio: number | null;
}

/** KPI-2, KPI-3: the gap between an actual and its forecast, read in the key result's direction. */
export function directedGap(
	actual: number | null,
	forecast: number | null,
	direction: Direction = 'increase'
): Gap | null {
	if (actual === null || forecast === null) return null;
	const value = actual - forecast;
	const r = forecast === 0 ? null : value / Math.abs(forecast);
	const sign = direction === 'decrease' ? -1 : 1;
	return {
		value,
		ratio: r,
		favourable: value * sign === 0 ? 0 : value * sign,
		favourableRatio: r === null ? null : r * sign === 0 ? 0 : r * sign
	};
}

export const KPI_STATUSES = ['on_track', 'at_risk', 'off_track'] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

export interface KpiThresholds {
	/** A shortfall beyond this percent of the forecast is "at risk". */
	atRiskPct: number;
	/** A shortfall beyond this percent is "off track". */
	offTrackPct: number;
}

export const DEFAULT_KPI_THRESHOLDS: KpiThresholds = { atRiskPct: 5, offTrackPct: 15 };

/**
 * KPI-4: on track while the shortfall (in the key result's direction) stays within `atRiskPct` of the
 * forecast, at risk up to `offTrackPct`, off track beyond. Ahead of forecast is on track. A forecast of 0
 * has no ratio: any shortfall is off track, none is on track.
 */
export function kpiStatus(gap: Gap | null, thresholds: KpiThresholds): KpiStatus | null {
	if (gap === null) return null;
	if (gap.favourableRatio === null) return gap.favourable < 0 ? 'off_track' : 'on_track';
	// Rounded so that a shortfall of exactly the threshold (5 % of 100) is not pushed over by float error.
	const shortfallPct = Math.round(-gap.favourableRatio * 100 * 1e9) / 1e9;
	if (shortfallPct <= thresholds.atRiskPct) return 'on_track';
	if (shortfallPct <= thresholds.offTrackPct) return 'at_risk';
	return 'off_track';
}
