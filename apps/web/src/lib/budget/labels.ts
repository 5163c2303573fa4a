/** Words for the budget's enums and bucket keys, in the interface language. */
import { OTHER_COSTS, type Breakdown, type BudgetMethod, type EnvelopeMethod } from '@cap/plan-model';
import { intlLocale } from '#lib/format.ts';
import { i18n } from '#lib/i18n/locale.svelte.ts';
import * as m from '#lib/paraglide/messages.js';

export function methodLabel(method: BudgetMethod | EnvelopeMethod): string {
	return {
		lastYear: m.bud_method_last_year,
		revenuePct: m.bud_method_revenue,
		bottomUp: m.bud_method_bottom_up,
		custom: m.bud_method_custom
	}[method]();
}

export function breakdownLabel(by: Breakdown): string {
	return {
		channel: m.bud_by_channel,
		workstream: m.bud_by_workstream,
		objective: m.bud_by_objective,
		quarter: m.bud_by_quarter,
		month: m.bud_by_month
	}[by]();
}

/** A bucket's heading: a list item's name, a month or quarter, "none" or "other costs". */
export function bucketLabel(by: Breakdown, key: string | null, names: Map<string, string>): string {
	if (key === OTHER_COSTS) return m.bud_other_costs();
	if (key === null) return by === 'month' || by === 'quarter' ? m.bud_undated() : m.bud_unassigned();
	if (by === 'month') {
		const label = new Intl.DateTimeFormat(intlLocale(i18n.locale), {
			month: 'short',
			year: 'numeric',
			timeZone: 'UTC'
		}).format(Date.parse(`${key}-01T00:00:00Z`));
		return label.charAt(0).toLocaleUpperCase() + label.slice(1);
	}
	if (by === 'quarter') return m.bud_quarter({ quarter: key.slice(6), year: key.slice(0, 4) });
	return names.get(key) ?? m.bud_unassigned();
}
