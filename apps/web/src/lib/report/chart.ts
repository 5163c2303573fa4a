/**
 * A key result's measurements against its target over the whole plan year, as an SVG drawing for paper
 * (no script, nothing lazy: it must be there when the page prints). The x axis runs from January 1st to
 * December 31st; the target is a dashed line, the planned path (KPI-7) and the actuals are polylines.
 */
import type { DateRange, KeyResultTracking } from '@cap/plan-model';

export const CHART = { width: 320, height: 120, left: 36, right: 8, top: 8, bottom: 16 } as const;

export interface KrChart {
	/** KPI-7: the planned path, baseline (0 when missing) on January 1st to the target on the deadline. */
	path: string;
	actual: string;
	dots: { x: number; y: number }[];
	/** The target's y, null without a target. */
	target: number | null;
	/** x of the first day of each month (12 ticks). */
	months: number[];
	/** The y axis's two labelled values: bottom and top. */
	min: number;
	max: number;
}

const DAY = 86_400_000;

export function krChart(t: KeyResultTracking, year: DateRange): KrChart {
	const from = Date.parse(`${year.from}T00:00:00Z`);
	const span = Date.parse(`${year.to}T00:00:00Z`) + DAY - from;
	const w = CHART.width - CHART.left - CHART.right;
	const h = CHART.height - CHART.top - CHART.bottom;
	const values = [
		...t.points.flatMap((p) => [p.actual, p.forecast]),
		t.keyResult.target,
		t.keyResult.baseline ?? 0
	].filter((v): v is number => v !== null);
	let min = Math.min(0, ...values);
	let max = Math.max(...values, min + 1);
	if (max === min) max = min + 1;
	const pad = (max - min) * 0.05;
	max += pad;
	if (min < 0) min -= pad;
	const x = (iso: string) => CHART.left + ((Date.parse(`${iso}T00:00:00Z`) - from) / span) * w;
	const y = (v: number) => CHART.top + h - ((v - min) / (max - min)) * h;
	const actual = t.points
		.filter((p) => p.actual !== null)
		.map((p) => `${x(p.date).toFixed(1)},${y(p.actual!).toFixed(1)}`)
		.join(' ');
	const yearNumber = year.from.slice(0, 4);
	const kr = t.keyResult;
	const end =
		kr.deadline !== null && kr.deadline >= year.from && kr.deadline <= year.to ? kr.deadline : year.to;
	const path =
		kr.target === null
			? ''
			: `${x(year.from).toFixed(1)},${y(kr.baseline ?? 0).toFixed(1)} ${x(end).toFixed(1)},${y(kr.target).toFixed(1)}`;
	return {
		path,
		actual,
		dots: t.points.filter((p) => p.actual !== null).map((p) => ({ x: x(p.date), y: y(p.actual!) })),
		target: t.keyResult.target === null ? null : y(t.keyResult.target),
		months: Array.from({ length: 12 }, (_, i) => x(`${yearNumber}-${String(i + 1).padStart(2, '0')}-01`)),
		min,
		max
	};
}
