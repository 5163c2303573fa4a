/** Words for the dashboard: statuses (with their tone) and the indicator library's names and formulas. */
import type { BaseFigure, IndicatorFamily, IndicatorId, KpiStatus } from '@cap/plan-model';
import * as m from '#lib/paraglide/messages.js';

export function statusLabel(status: KpiStatus | null): string {
	if (status === null) return m.dash_status_none();
	return {
		on_track: m.dash_status_on_track,
		at_risk: m.dash_status_at_risk,
		off_track: m.dash_status_off_track
	}[status]();
}

export function statusTone(status: KpiStatus | null): 'ok' | 'warn' | 'bad' | 'none' {
	return status === null ? 'none' : ({ on_track: 'ok', at_risk: 'warn', off_track: 'bad' }[status] as 'ok');
}

export function figureLabel(figure: BaseFigure): string {
	return {
		spend: m.dash_fig_spend,
		impressions: m.dash_fig_impressions,
		clicks: m.dash_fig_clicks,
		leads: m.dash_fig_leads,
		orders: m.dash_fig_orders,
		revenue: m.dash_fig_revenue,
		contacts: m.dash_fig_contacts,
		opens: m.dash_fig_opens
	}[figure]();
}

export function familyLabel(family: IndicatorFamily): string {
	return {
		profitability: m.dash_family_profitability,
		acquisition: m.dash_family_acquisition,
		advertising: m.dash_family_advertising,
		emailing: m.dash_family_emailing
	}[family]();
}

export function indicatorLabel(id: IndicatorId): string {
	return {
		roi: m.dash_ind_roi,
		cpa: m.dash_ind_cpa,
		cpl: m.dash_ind_cpl,
		averageBasket: m.dash_ind_basket,
		conversionRate: m.dash_ind_conversion,
		cpc: m.dash_ind_cpc,
		cpm: m.dash_ind_cpm,
		ctr: m.dash_ind_ctr,
		openRate: m.dash_ind_open,
		clickRate: m.dash_ind_click
	}[id]();
}

/** The formula in words, as docs/method.md writes it. */
export function indicatorFormula(id: IndicatorId): string {
	const f = figureLabel;
	switch (id) {
		case 'roi':
			return `(${f('revenue')} − ${f('spend')}) / ${f('spend')}`;
		case 'cpm':
			return `${f('spend')} / ${f('impressions')} × 1000`;
		case 'cpa':
			return `${f('spend')} / ${f('orders')}`;
		case 'cpl':
			return `${f('spend')} / ${f('leads')}`;
		case 'averageBasket':
			return `${f('revenue')} / ${f('orders')}`;
		case 'conversionRate':
			return `${f('orders')} / ${f('contacts')}`;
		case 'cpc':
			return `${f('spend')} / ${f('clicks')}`;
		case 'ctr':
			return `${f('clicks')} / ${f('impressions')}`;
		case 'openRate':
			return `${f('opens')} / ${f('contacts')}`;
		case 'clickRate':
			return `${f('clicks')} / ${f('opens')}`;
	}
}
