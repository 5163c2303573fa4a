/**
 * Budget lines (budget prévisionnel / réalisé) and KPI measurements (tableau de bord).
 *
 *   budgetLines:     Y.Map<LineId, Y.Map<'label' | 'category' | 'planned' | 'actual' | 'actionId' | 'createdAt', value>>
 *   kpiMeasurements: Y.Map<MeasurementId, Y.Map<'keyResultId' | 'kpi' | 'date' | 'forecast' | 'actual', value>>
 *
 * Budget lines are shown by category, then label, then id; measurements by date, then id. Both are
 * removed with a real delete: the figures are re-entered, not audited. Amounts are never negative (BUD-1);
 * a line's actionId may point at a dropped or deleted action, which reads as null (REF-1).
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { selectActions } from './actions.ts';
import { PlanError } from './errors.ts';
import type { Origin } from './origin.ts';
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
import { newId, now } from './runtime.ts';
import { amountSchema, idSchema, isoDate, nameSchema, parse } from './validate.ts';

const lineFields = {
	label: nameSchema,
	category: z.string().trim().max(100).optional(),
	planned: amountSchema,
	actual: amountSchema.nullable().optional(),
	actionId: idSchema.nullable().optional()
};
const addLineInput = z.object(lineFields);
const updateLineInput = z.object(lineFields).partial().extend({ id: idSchema });
export type AddBudgetLineProps = z.input<typeof addLineInput>;
export type UpdateBudgetLineProps = z.input<typeof updateLineInput>;

export interface BudgetLine {
	id: string;
	label: string;
	category: string;
	planned: number;
	actual: number | null;
	actionId: string | null;
}

export interface BudgetSummary {
	lines: BudgetLine[];
	plannedTotal: number;
	/** Sum of the known actuals. */
	actualTotal: number;
	/** Bottom-up budget: the sum of the live, non-dropped actions' planned costs (BUD-2). */
	actionsCostTotal: number;
	/** actualTotal - plannedTotal. */
	gap: number;
}

export function addBudgetLine(doc: Y.Doc, props: AddBudgetLineProps, origin: Origin): string {
	const p = parse(addLineInput, props);
	requireRef(doc, 'actions', p.actionId, 'actionId');
	const id = newId();
	doc.transact(() => createRecord(doc, 'budgetLines', id, { category: '', createdAt: now(), ...p }), origin);
	return id;
}

export function updateBudgetLine(doc: Y.Doc, props: UpdateBudgetLineProps, origin: Origin): void {
	const { id, ...patch } = parse(updateLineInput, props);
	const rec = requireLive(doc, 'budgetLines', id, 'id');
	requireRef(doc, 'actions', patch.actionId, 'actionId');
	doc.transact(() => patchRecord(rec, patch), origin);
}

export function removeBudgetLine(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	removeRecord(doc, 'budgetLines', props, origin);
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function selectBudget(doc: Y.Doc): BudgetSummary {
	const lines = liveEntries(doc, 'budgetLines')
		.map(([id, rec]) => ({
			id,
			label: str(rec, 'label'),
			category: str(rec, 'category'),
			planned: Math.max(0, numOrNull(rec, 'planned') ?? 0),
			actual: numOrNull(rec, 'actual'),
			actionId: ref(doc, 'actions', strOrNull(rec, 'actionId'))
		}))
		.sort((a, b) => cmp(a.category, b.category) || cmp(a.label, b.label) || cmp(a.id, b.id));
	const plannedTotal = lines.reduce((s, l) => s + l.planned, 0);
	const actualTotal = lines.reduce((s, l) => s + (l.actual ?? 0), 0);
	const actionsCostTotal = selectActions(doc)
		.filter((a) => a.status !== 'dropped')
		.reduce((s, a) => s + (a.plannedCost ?? 0), 0);
	return { lines, plannedTotal, actualTotal, actionsCostTotal, gap: actualTotal - plannedTotal };
}

// ---- KPI measurements ----

const measurementFields = {
	keyResultId: idSchema.nullable().optional(),
	kpi: z.string().trim().min(1).max(200).nullable().optional(),
	date: isoDate,
	forecast: z.number().nullable().optional(),
	actual: z.number().nullable().optional()
};
const addMeasurementInput = z.object(measurementFields);
const updateMeasurementInput = z.object(measurementFields).partial().extend({ id: idSchema });
export type AddKpiMeasurementProps = z.input<typeof addMeasurementInput>;
export type UpdateKpiMeasurementProps = z.input<typeof updateMeasurementInput>;

export interface KpiMeasurement {
	id: string;
	keyResultId: string | null;
	kpi: string | null;
	date: string;
	forecast: number | null;
	actual: number | null;
	/** Écart: actual - forecast, null unless both are known (KPI-2). */
	gap: number | null;
	/** The gap as a fraction of the forecast, null when the forecast is 0 or unknown. */
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

export function selectKpiMeasurements(doc: Y.Doc): KpiMeasurement[] {
	return liveEntries(doc, 'kpiMeasurements')
		.map(([id, rec]) => {
			const forecast = numOrNull(rec, 'forecast');
			const actual = numOrNull(rec, 'actual');
			const gap = forecast !== null && actual !== null ? actual - forecast : null;
			return {
				id,
				keyResultId: ref(doc, 'keyResults', strOrNull(rec, 'keyResultId')),
				kpi: strOrNull(rec, 'kpi'),
				date: str(rec, 'date'),
				forecast,
				actual,
				gap,
				gapRatio: gap !== null && forecast !== null && forecast !== 0 ? gap / forecast : null
			};
		})
		.sort((a, b) => cmp(a.date, b.date) || cmp(a.id, b.id));
}
