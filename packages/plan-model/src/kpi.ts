/**
 * The dashboard (tableau de bord): KPI measurements over time, each key result's forecast against actual,
 * its gap read in its direction and a status, and corrective actions created from a gap.
 *
 *   kpiMeasurements: Y.Map<MeasurementId, Y.Map<'keyResultId' | 'kpi' | 'date' | 'forecast' | 'actual', value>>
 *
 * Measurements are listed by date, then id, and removed with a real delete. A measurement's forecast may be
 * left empty: the key result's planned path (a straight line from its baseline on January 1st to its target
 * on its deadline) stands in for it (KPI-7), so a team that only types actuals still sees its gaps.
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { addAction, type AddActionProps } from './actions.ts';
import { diffDays } from './dates.ts';
import { PlanError } from './errors.ts';
import { directedGap, kpiStatus, type Gap, type KpiStatus } from './indicators.ts';
import { selectKeyResults, type KeyResult } from './objectives.ts';
import type { Origin } from './origin.ts';
import { selectPlanYear } from './recurrence.ts';
import {
	createRecord,
	liveEntries,
	numOrNull,
	patchRecord,
	ref,
	removeRecord,
	requireLive,
	requireRef,
	str,
	strOrNull
} from './records.ts';
import { newId } from './runtime.ts';
import { selectSteering } from './steering.ts';
import { finiteNumber, idSchema, isoDate, nullish, parse } from './validate.ts';

const measurementFields = {
	keyResultId: nullish(idSchema),
	kpi: nullish(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))),
	date: isoDate,
	forecast: nullish(finiteNumber),
	actual: nullish(finiteNumber)
};
const addMeasurementInput = v.object(measurementFields);
const updateMeasurementInput = v.object({ ...v.partial(v.object(measurementFields)).entries, id: idSchema });
export type AddKpiMeasurementProps = v.InferInput<typeof addMeasurementInput>;
export type UpdateKpiMeasurementProps = v.InferInput<typeof updateMeasurementInput>;

export interface KpiMeasurement {
	id: string;
	keyResultId: string | null;
	kpi: string | null;
	date: string;
	forecast: number | null;
	actual: number | null;
	/** Écart: actual − forecast, null unless both are known (KPI-2). */
	gap: number | null;
	/** The gap as a fraction of |forecast|, null when the forecast is 0 or unknown. */
	gapRatio: number | null;
}

/** KPI-1: a measurement names a key result or a free KPI name. */
export function addKpiMeasurement(doc: Y.Doc, props: AddKpiMeasurementProps, origin: Origin): string {
	const p = parse(addMeasurementInput, props);
	if (!p.keyResultId && !p.kpi) {
		throw new PlanError('invalid_input', 'kpi', 'kpi: name a key result or a KPI');
	}
	requireRef(doc, 'keyResults', p.keyResultId, 'keyResultId');
	const id = newId();
	doc.transact(() => createRecord(doc, 'kpiMeasurements', id, p), origin);
	return id;
}

export function updateKpiMeasurement(doc: Y.Doc, props: UpdateKpiMeasurementProps, origin: Origin): void {
	const { id, ...patch } = parse(updateMeasurementInput, props);
	const rec = requireLive(doc, 'kpiMeasurements', id, 'id');
	requireRef(doc, 'keyResults', patch.keyResultId, 'keyResultId');
	const keyResultId = patch.keyResultId !== undefined ? patch.keyResultId : strOrNull(rec, 'keyResultId');
	const kpi = patch.kpi !== undefined ? patch.kpi : strOrNull(rec, 'kpi');
	if (!keyResultId && !kpi) throw new PlanError('invalid_input', 'kpi', 'kpi: name a key result or a KPI');
	doc.transact(() => patchRecord(rec, patch), origin);
}

export function removeKpiMeasurement(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	removeRecord(doc, 'kpiMeasurements', props, origin);
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function selectKpiMeasurements(doc: Y.Doc): KpiMeasurement[] {
	return liveEntries(doc, 'kpiMeasurements')
		.map(([id, rec]) => {
			const forecast = numOrNull(rec, 'forecast');
			const actual = numOrNull(rec, 'actual');
			const gap = directedGap(actual, forecast);
			return {
				id,
				keyResultId: ref(doc, 'keyResults', strOrNull(rec, 'keyResultId')),
				kpi: strOrNull(rec, 'kpi'),
				date: str(rec, 'date'),
				forecast,
				actual,
				gap: gap?.value ?? null,
				gapRatio: gap?.ratio ?? null
			};
		})
		.sort((a, b) => cmp(a.date, b.date) || cmp(a.id, b.id));
}

// ---- Key result tracking ----

/**
 * KPI-7: the value the key result should have reached on `date` on a straight line from its baseline
 * (0 when missing) on the first day of the plan year to its target on its deadline (December 31st when it
 * has none); null without a target.
 */
export function plannedPath(
	kr: Pick<KeyResult, 'baseline' | 'target' | 'deadline'>,
	yearStart: string,
	yearEnd: string,
	date: string
): number | null {
	if (kr.target === null) return null;
	const baseline = kr.baseline ?? 0;
	const end = kr.deadline ?? yearEnd;
	const total = diffDays(yearStart, end);
	if (total <= 0 || date >= end) return kr.target;
	if (date <= yearStart) return baseline;
	return baseline + ((kr.target - baseline) * diffDays(yearStart, date)) / total;
}

export interface TrackingPoint {
	measurementId: string;
	date: string;
	actual: number | null;
	forecast: number | null;
	/** The forecast was typed (true) or taken from the planned path (false). */
	forecastEntered: boolean;
}

export interface KeyResultTracking {
	keyResult: KeyResult;
	points: TrackingPoint[];
	/** The latest point with an actual, else null. */
	latest: TrackingPoint | null;
	/** KR-5: the key result's `value` (the latest actual, or its typed `current` when nothing was measured). */
	value: number | null;
	/** KPI-3: the latest gap, read in the key result's direction. */
	gap: Gap | null;
	status: KpiStatus | null;
	/** KR-2..KR-5: the key result's own `progress`, the same figure every screen shows. */
	progress: number | null;
}

export function selectKeyResultTracking(doc: Y.Doc): KeyResultTracking[] {
	const { from, to } = selectPlanYear(doc);
	const { thresholds } = selectSteering(doc);
	const byKr = new Map<string, KpiMeasurement[]>();
	for (const m of selectKpiMeasurements(doc)) {
		if (m.keyResultId) byKr.set(m.keyResultId, [...(byKr.get(m.keyResultId) ?? []), m]);
	}
	return selectKeyResults(doc).map((kr) => {
		const points: TrackingPoint[] = (byKr.get(kr.id) ?? []).map((m) => ({
			measurementId: m.id,
			date: m.date,
			actual: m.actual,
			forecast: m.forecast ?? plannedPath(kr, from, to, m.date),
			forecastEntered: m.forecast !== null
		}));
		const latest = points.filter((p) => p.actual !== null).at(-1) ?? null;
		const gap = latest ? directedGap(latest.actual, latest.forecast, kr.direction) : null;
		return {
			keyResult: kr,
			points,
			latest,
			value: kr.value,
			gap,
			status: kpiStatus(gap, thresholds),
			progress: kr.progress
		};
	});
}

/** KPI-8: the `count` key results furthest behind their forecast (unfavourable gaps only), worst first. */
export function worstGaps(tracking: KeyResultTracking[], count = 3): KeyResultTracking[] {
	return tracking
		.filter((t) => t.gap !== null && t.gap.favourable < 0)
		.sort(
			(a, b) =>
				(a.gap?.favourableRatio ?? -Infinity) - (b.gap?.favourableRatio ?? -Infinity) ||
				cmp(a.keyResult.id, b.keyResult.id)
		)
		.slice(0, count);
}

const correctiveInput = v.object({ keyResultId: idSchema });

/**
 * KPI-6: a corrective action answering a key result's gap, created in one step: linked to the key result
 * (keyResultIds and `correctiveForKeyResultId`, the origin the action table shows), high priority.
 */
export function addCorrectiveAction(
	doc: Y.Doc,
	props: { keyResultId: string } & Omit<AddActionProps, 'keyResultIds' | 'correctiveForKeyResultId'>,
	origin: Origin
): string {
	const { keyResultId } = parse(correctiveInput, props);
	requireLive(doc, 'keyResults', keyResultId, 'keyResultId');
	const { keyResultId: _kr, ...rest } = props;
	return addAction(
		doc,
		{ priority: 'high', ...rest, keyResultIds: [keyResultId], correctiveForKeyResultId: keyResultId },
		origin
	);
}
