/** The plan's sections, in the order a team walks them (docs/method.md), with their icon and labels. */
import {
	CalendarRange,
	Compass,
	Gauge,
	Lightbulb,
	ListChecks,
	RotateCcw,
	Settings,
	Target,
	Wallet
} from '@lucide/svelte';
import * as m from '#lib/paraglide/messages.js';

export const SECTIONS = [
	'review',
	'objectives',
	'context',
	'workshop',
	'actions',
	'planning',
	'budget',
	'dashboard',
	'settings'
] as const;
export type Section = (typeof SECTIONS)[number];

export function isSection(value: string): value is Section {
	return (SECTIONS as readonly string[]).includes(value);
}

export const SECTION_ICONS: Record<Section, typeof Settings> = {
	review: RotateCcw,
	objectives: Target,
	context: Compass,
	workshop: Lightbulb,
	actions: ListChecks,
	planning: CalendarRange,
	budget: Wallet,
	dashboard: Gauge,
	settings: Settings
};

export function sectionLabel(section: Section): string {
	return {
		review: m.section_review,
		objectives: m.section_objectives,
		context: m.section_context,
		workshop: m.section_workshop,
		actions: m.section_actions,
		planning: m.section_planning,
		budget: m.section_budget,
		dashboard: m.section_dashboard,
		settings: m.section_settings
	}[section]();
}

/** The short name under the icon of the phone's bottom bar, readable in full at 390 px (the link keeps its full name). */
export function sectionShortLabel(section: Section): string {
	return {
		review: m.nav_short_review,
		objectives: m.nav_short_objectives,
		context: m.nav_short_context,
		workshop: m.nav_short_workshop,
		actions: m.nav_short_actions,
		planning: m.nav_short_planning,
		budget: m.nav_short_budget,
		dashboard: m.nav_short_dashboard,
		settings: m.nav_short_settings
	}[section]();
}

export function sectionDescription(section: Section): string {
	return {
		review: m.section_review_desc,
		objectives: m.section_objectives_desc,
		context: m.section_context_desc,
		workshop: m.section_workshop_desc,
		actions: m.section_actions_desc,
		planning: m.section_planning_desc,
		budget: m.section_budget_desc,
		dashboard: m.section_dashboard_desc,
		settings: m.settings_intro
	}[section]();
}
