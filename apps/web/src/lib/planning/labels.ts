/** Localized names for the planning choices (lanes, zoom, key moment kinds, range units). */
import type { KeyMomentKind } from '@cap/plan-model';
import * as m from '#lib/paraglide/messages.js';
import type { LaneKind, Zoom } from './timeline.ts';

export function laneLabel(kind: LaneKind): string {
	return {
		workstream: m.plan_lane_workstream,
		productLine: m.plan_lane_product_line,
		channel: m.plan_lane_channel,
		target: m.plan_lane_target,
		owner: m.plan_lane_owner
	}[kind]();
}

export function zoomLabel(zoom: Zoom): string {
	return { year: m.plan_zoom_year, quarter: m.plan_zoom_quarter, weeks: m.plan_zoom_weeks }[zoom]();
}

export function keyMomentKindLabel(kind: KeyMomentKind): string {
	return {
		trade_fair: m.plan_km_trade_fair,
		sales_season: m.plan_km_sales_season,
		holiday: m.plan_km_holiday,
		event: m.plan_km_event,
		launch: m.plan_km_launch,
		other: m.plan_km_other
	}[kind]();
}
