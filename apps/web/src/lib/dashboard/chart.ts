/**
 * A key result's chart data on the dashboard: the whole plan year on the x axis (January 1st to December
 * 31st, so the axis never stops at the last measurement), the forecast (typed, else the planned path,
 * KPI-7) with the path's two ends, the actuals, and the target as a constant series so it draws a line.
 */
import { plannedPath, type KeyResultTracking } from '@cap/plan-model';
import { parseIsoDate } from '#lib/format.ts';

export interface KrChartPoint {
	date: Date;
	forecast: number | null;
	actual: number | null;
	target: number | null;
}

export function krChartData(t: KeyResultTracking, year: number): KrChartPoint[] {
	const from = `${year}-01-01`;
	const to = `${year}-12-31`;
	const kr = t.keyResult;
	const at = (iso: string) => parseIsoDate(iso) ?? new Date(0);
	const inside = t.points.filter((p) => p.date >= from && p.date <= to);
	return [
		{ date: at(from), forecast: plannedPath(kr, from, to, from), actual: null, target: kr.target },
		...inside.map((p) => ({ date: at(p.date), forecast: p.forecast, actual: p.actual, target: kr.target })),
		{ date: at(to), forecast: plannedPath(kr, from, to, to), actual: null, target: kr.target }
	];
}
