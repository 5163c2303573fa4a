/**
 * The objectives chain: business objectives -> marketing objectives -> key results.
 *
 *   businessObjectives:  Y.Map<Id, Y.Map<'name' | 'description' | 'order', value>>
 *   marketingObjectives: Y.Map<Id, Y.Map<'name' | 'family' | 'nature' | 'metric' | 'threshold' | 'endDate' |
 *                          'businessObjectiveId' | 'order', value> & { rationale: Y.XmlFragment }>
 *   keyResults:          Y.Map<Id, Y.Map<'marketingObjectiveId' | 'kpi' | 'unit' | 'baseline' | 'target' |
 *                          'current' | 'deadline' | 'priority' | 'levers' | 'direction' | 'order', value>>
 *
 * Each collection is ordered by fractional key, ties by id (ORD-1); for marketing objectives that order is
 * the rank (awareness may come before sales). `levers` is a plain string array (last writer wins): it is
 * edited as one tag field. Removal is a real delete, refused while a child still points at the record
 * (OBJ-3); a child whose parent was removed concurrently reads its parent id as null (REF-1). Removal never
 * cascades: deleting a business objective would silently drop marketing objectives that sales reps carry,
 * so the UI moves or removes the children first (moveMarketingObjective, OBJ-5).
 *
 * `direction` says which way a key result's KPI should move ('increase', the default and the reading of
 * records written before the field existed, or 'decrease' for a cost, a churn or a CPA).
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { PlanError } from './errors.ts';
import { moveTo, orderedLive } from './order.ts';
import type { Origin } from './origin.ts';
import {
	insertRecord,
	liveEntries,
	numOrNull,
	oneOf,
	patchRecord,
	ref,
	reorderRecord,
	requireLive,
	requireRef,
	str,
	strOrNull,
	strings
} from './records.ts';
import { createRichText, readPlainText, richText, writePlainText } from './richtext.ts';
import { newId } from './runtime.ts';
import { collection, type PlanRootKey } from './schema.ts';
import {
	finiteNumber,
	idSchema,
	indexSchema,
	isoDate,
	nameSchema,
	nullish,
	optionalText,
	parse,
	prioritySchema
} from './validate.ts';

export const OBJECTIVE_FAMILIES = ['global', 'customers', 'distributors', 'communication'] as const;
export const OBJECTIVE_NATURES = ['quantitative', 'qualitative'] as const;
export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type ObjectiveFamily = (typeof OBJECTIVE_FAMILIES)[number];
export type ObjectiveNature = (typeof OBJECTIVE_NATURES)[number];
export type Priority = (typeof PRIORITIES)[number];
export const KEY_RESULT_DIRECTIONS = ['increase', 'decrease'] as const;
export type KeyResultDirection = (typeof KEY_RESULT_DIRECTIONS)[number];

const idProps = v.object({ id: idSchema });

/** OBJ-3: refuses to remove a record that live children of `childKey` still reference. */
function removeUnreferenced(
	doc: Y.Doc,
	key: PlanRootKey,
	childKey: PlanRootKey | null,
	childField: string,
	props: { id: string },
	origin: Origin
): void {
	const { id } = parse(idProps, props);
	requireLive(doc, key, id, 'id');
	if (childKey && liveEntries(doc, childKey).some(([, rec]) => rec.get(childField) === id)) {
		throw new PlanError('in_use', 'id', `id: remove the ${childKey} of this objective first`);
	}
	doc.transact(() => collection(doc, key).delete(id), origin);
}

// ---- Business objectives ----

const businessFields = { name: nameSchema, description: optionalText(5000) };
const addBusinessInput = v.object({ ...businessFields, index: indexSchema });
const updateBusinessInput = v.partial(v.object({ id: idSchema, ...businessFields }), ['name']);
export type AddBusinessObjectiveProps = v.InferInput<typeof addBusinessInput>;
export type UpdateBusinessObjectiveProps = v.InferInput<typeof updateBusinessInput>;

export interface BusinessObjective {
	id: string;
	name: string;
	description: string | null;
	order: string;
}

export function addBusinessObjective(
	doc: Y.Doc,
	props: v.InferInput<typeof addBusinessInput>,
	origin: Origin
): string {
	const { index, ...fields } = parse(addBusinessInput, props);
	const id = newId();
	doc.transact(() => {
		insertRecord(doc, 'businessObjectives', id, fields, index);
	}, origin);
	return id;
}

export function updateBusinessObjective(
	doc: Y.Doc,
	props: v.InferInput<typeof updateBusinessInput>,
	origin: Origin
): void {
	const { id, ...patch } = parse(updateBusinessInput, props);
	const rec = requireLive(doc, 'businessObjectives', id, 'id');
	doc.transact(() => patchRecord(rec, patch), origin);
}

export function removeBusinessObjective(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	removeUnreferenced(doc, 'businessObjectives', 'marketingObjectives', 'businessObjectiveId', props, origin);
}

export function reorderBusinessObjective(
	doc: Y.Doc,
	props: { id: string; index: number },
	origin: Origin
): void {
	reorderRecord(doc, 'businessObjectives', props, origin);
}

export function selectBusinessObjectives(doc: Y.Doc): BusinessObjective[] {
	return orderedLive(liveEntries(doc, 'businessObjectives')).sorted.map(({ id, order, rec }) => ({
		id,
		name: str(rec, 'name'),
		description: strOrNull(rec, 'description'),
		order
	}));
}

// ---- Marketing objectives ----

const marketingFields = {
	name: nameSchema,
	family: v.picklist(OBJECTIVE_FAMILIES),
	nature: v.picklist(OBJECTIVE_NATURES),
	/** The one metric the objective is about (SMART: specific). */
	metric: optionalText(200),
	/** The value that says it is reached (SMART: measurable). */
	threshold: nullish(finiteNumber),
	/** Horizon (SMART: time-bound). */
	endDate: nullish(isoDate),
	businessObjectiveId: nullish(idSchema),
	/** Plain text written into the rationale fragment (replaces its content). */
	rationale: v.optional(v.pipe(v.string(), v.maxLength(20000)))
};
// OBJ-3: created without a name, the objective is named in place (its field shows a placeholder).
const addMarketingInput = v.object({
	...marketingFields,
	name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200, 'At most 200 characters')), ''),
	index: indexSchema
});
const updateMarketingInput = v.partial(v.object({ id: idSchema, ...marketingFields }), [
	'name',
	'family',
	'nature'
]);
export type AddMarketingObjectiveProps = v.InferInput<typeof addMarketingInput>;
export type UpdateMarketingObjectiveProps = v.InferInput<typeof updateMarketingInput>;

export interface MarketingObjective {
	id: string;
	name: string;
	family: ObjectiveFamily;
	nature: ObjectiveNature;
	metric: string | null;
	threshold: number | null;
	endDate: string | null;
	businessObjectiveId: string | null;
	rationaleText: string;
	/** 1-based rank in display order. */
	rank: number;
	/** OBJ-2: has a metric, an end date and, when quantitative, a threshold. */
	smart: boolean;
	order: string;
}

export function addMarketingObjective(doc: Y.Doc, props: AddMarketingObjectiveProps, origin: Origin): string {
	const { index, rationale, ...fields } = parse(addMarketingInput, props);
	requireRef(doc, 'businessObjectives', fields.businessObjectiveId, 'businessObjectiveId');
	const id = newId();
	doc.transact(() => {
		const rec = insertRecord(doc, 'marketingObjectives', id, fields, index);
		createRichText(rec, 'rationale', rationale);
	}, origin);
	return id;
}

export function updateMarketingObjective(
	doc: Y.Doc,
	props: UpdateMarketingObjectiveProps,
	origin: Origin
): void {
	const { id, rationale, ...patch } = parse(updateMarketingInput, props);
	const rec = requireLive(doc, 'marketingObjectives', id, 'id');
	requireRef(doc, 'businessObjectives', patch.businessObjectiveId, 'businessObjectiveId');
	doc.transact(() => {
		patchRecord(rec, patch);
		const fragment = richText(rec, 'rationale');
		if (rationale !== undefined && fragment && readPlainText(fragment) !== rationale) {
			writePlainText(fragment, rationale);
		}
	}, origin);
}

export function removeMarketingObjective(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	removeUnreferenced(doc, 'marketingObjectives', 'keyResults', 'marketingObjectiveId', props, origin);
}

/** Changes the rank (OBJ-4). */
export function reorderMarketingObjective(
	doc: Y.Doc,
	props: { id: string; index: number },
	origin: Origin
): void {
	reorderRecord(doc, 'marketingObjectives', props, origin);
}

const moveMarketingInput = v.object({
	id: idSchema,
	businessObjectiveId: v.nullable(idSchema),
	index: indexSchema
});

/**
 * OBJ-5: attaches a marketing objective to another business objective (or detaches it with null) and, with
 * `index`, gives it a new rank, in one transaction. The business objective must be live.
 */
export function moveMarketingObjective(
	doc: Y.Doc,
	props: v.InferInput<typeof moveMarketingInput>,
	origin: Origin
): void {
	const { id, businessObjectiveId, index } = parse(moveMarketingInput, props);
	const rec = requireLive(doc, 'marketingObjectives', id, 'id');
	requireRef(doc, 'businessObjectives', businessObjectiveId, 'businessObjectiveId');
	const current = strOrNull(rec, 'businessObjectiveId');
	if (current === businessObjectiveId && index === undefined) return;
	doc.transact(() => {
		if (current !== businessObjectiveId) rec.set('businessObjectiveId', businessObjectiveId);
		if (index !== undefined) moveTo(liveEntries(doc, 'marketingObjectives'), id, index);
	}, origin);
}

/** The rationale's fragment, for binding a Tiptap editor. */
export function getMarketingObjectiveRationale(doc: Y.Doc, id: string): Y.XmlFragment | null {
	return richText(collection(doc, 'marketingObjectives').get(id), 'rationale');
}

export function selectMarketingObjectives(doc: Y.Doc): MarketingObjective[] {
	return orderedLive(liveEntries(doc, 'marketingObjectives')).sorted.map(({ id, order, rec }, i) => {
		const nature = oneOf(rec, 'nature', OBJECTIVE_NATURES, 'quantitative');
		const metric = strOrNull(rec, 'metric');
		const threshold = numOrNull(rec, 'threshold');
		const endDate = strOrNull(rec, 'endDate');
		return {
			id,
			name: str(rec, 'name'),
			family: oneOf(rec, 'family', OBJECTIVE_FAMILIES, 'global'),
			nature,
			metric,
			threshold,
			endDate,
			businessObjectiveId: ref(doc, 'businessObjectives', strOrNull(rec, 'businessObjectiveId')),
			rationaleText: readPlainText(rec.get('rationale')),
			rank: i + 1,
			smart: !!metric && endDate !== null && (nature === 'qualitative' || threshold !== null),
			order
		};
	});
}

// ---- Key results ----

const keyResultFields = {
	marketingObjectiveId: idSchema,
	kpi: nameSchema,
	unit: optionalText(40),
	baseline: nullish(finiteNumber),
	target: nullish(finiteNumber),
	current: nullish(finiteNumber),
	deadline: nullish(isoDate),
	priority: v.optional(prioritySchema),
	levers: v.optional(
		v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100))), v.maxLength(50))
	),
	direction: v.optional(v.picklist(KEY_RESULT_DIRECTIONS))
};
const addKeyResultInput = v.object({ ...keyResultFields, index: indexSchema });
const updateKeyResultInput = v.partial(v.object({ id: idSchema, ...keyResultFields }), [
	'marketingObjectiveId',
	'kpi'
]);
export type AddKeyResultProps = v.InferInput<typeof addKeyResultInput>;
export type UpdateKeyResultProps = v.InferInput<typeof updateKeyResultInput>;

export interface KeyResult {
	id: string;
	marketingObjectiveId: string | null;
	kpi: string;
	unit: string | null;
	baseline: number | null;
	target: number | null;
	current: number | null;
	deadline: string | null;
	priority: Priority;
	levers: string[];
	/** Which way the KPI should move; 'increase' when not set (KR-3). */
	direction: KeyResultDirection;
	/**
	 * KR-5: the key result's one current value, read by every screen, the report and the workbook: the
	 * latest measurement's actual, else the typed `current`; null when neither exists.
	 */
	value: number | null;
	/** Where `value` comes from: a measurement ('measured', dated `measuredOn`) or the typed field. */
	valueSource: KeyResultValueSource | null;
	/** The date of the measurement `value` comes from; null when it is the typed value. */
	measuredOn: string | null;
	/** (value - baseline) / (target - baseline) clamped to 0..1, null when not computable (KR-2..KR-5). */
	progress: number | null;
	order: string;
}

export function addKeyResult(doc: Y.Doc, props: AddKeyResultProps, origin: Origin): string {
	const { index, ...fields } = parse(addKeyResultInput, props);
	requireLive(doc, 'marketingObjectives', fields.marketingObjectiveId, 'marketingObjectiveId');
	const id = newId();
	doc.transact(() => {
		insertRecord(doc, 'keyResults', id, { priority: 'medium', levers: [], ...fields }, index);
	}, origin);
	return id;
}

export function updateKeyResult(doc: Y.Doc, props: UpdateKeyResultProps, origin: Origin): void {
	const { id, ...patch } = parse(updateKeyResultInput, props);
	const rec = requireLive(doc, 'keyResults', id, 'id');
	requireRef(doc, 'marketingObjectives', patch.marketingObjectiveId, 'marketingObjectiveId');
	doc.transact(() => patchRecord(rec, patch), origin);
}

/** Removes a key result; actions that served it simply stop listing it (REF-1). */
export function removeKeyResult(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	removeUnreferenced(doc, 'keyResults', null, '', props, origin);
}

export function reorderKeyResult(doc: Y.Doc, props: { id: string; index: number }, origin: Origin): void {
	reorderRecord(doc, 'keyResults', props, origin);
}

export type KeyResultValueSource = 'measured' | 'typed';

/**
 * KR-5: each key result's latest measurement with an actual (by date, then id: the order of the
 * dashboard's measurements), read straight from `kpiMeasurements` so that objectives need not import the
 * dashboard module.
 */
function latestMeasured(doc: Y.Doc): Map<string, { date: string; id: string; actual: number }> {
	const latest = new Map<string, { date: string; id: string; actual: number }>();
	for (const [id, rec] of liveEntries(doc, 'kpiMeasurements')) {
		const krId = strOrNull(rec, 'keyResultId');
		const actual = numOrNull(rec, 'actual');
		const date = strOrNull(rec, 'date');
		if (!krId || actual === null || date === null) continue;
		const seen = latest.get(krId);
		if (!seen || date > seen.date || (date === seen.date && id > seen.id))
			latest.set(krId, { date, id, actual });
	}
	return latest;
}

export function selectKeyResults(doc: Y.Doc): KeyResult[] {
	const measured = latestMeasured(doc);
	return orderedLive(liveEntries(doc, 'keyResults')).sorted.map(({ id, order, rec }) => {
		const baseline = numOrNull(rec, 'baseline');
		const target = numOrNull(rec, 'target');
		const current = numOrNull(rec, 'current');
		const direction = oneOf(rec, 'direction', KEY_RESULT_DIRECTIONS, 'increase');
		const latest = measured.get(id);
		const value = latest ? latest.actual : current;
		return {
			id,
			marketingObjectiveId: ref(doc, 'marketingObjectives', strOrNull(rec, 'marketingObjectiveId')),
			kpi: str(rec, 'kpi'),
			unit: strOrNull(rec, 'unit'),
			baseline,
			target,
			current,
			deadline: strOrNull(rec, 'deadline'),
			priority: oneOf(rec, 'priority', PRIORITIES, 'medium'),
			levers: strings(rec, 'levers'),
			direction,
			value,
			valueSource: latest ? 'measured' : current === null ? null : 'typed',
			measuredOn: latest?.date ?? null,
			progress: keyResultProgress({ baseline, target, current: value, direction }),
			order
		};
	});
}

/**
 * KR-2, KR-3: how far `current` went from `baseline` (0 when missing) towards `target`, clamped to 0..1; the
 * same formula serves decreasing KPIs (both differences are negative). Null without a current value or a
 * target, or when the target is not beyond the baseline in the key result's direction (KR-4): an
 * "increase" key result whose target sits below its baseline has no honest percentage, and reading it with
 * the formula would show 100 % for a current value that fell below the baseline.
 */
export function keyResultProgress(kr: {
	baseline: number | null;
	target: number | null;
	current: number | null;
	direction?: KeyResultDirection;
}): number | null {
	const baseline = kr.baseline ?? 0;
	if (kr.current === null || kr.target === null) return null;
	const distance = kr.direction === 'decrease' ? baseline - kr.target : kr.target - baseline;
	if (distance <= 0) return null;
	const ratio = (kr.current - baseline) / (kr.target - baseline);
	return Math.min(1, Math.max(0, ratio));
}
