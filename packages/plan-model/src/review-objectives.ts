/**
 * Last year's objectives in the review (bilan N-1): what was targeted, what was achieved, the gap.
 *
 *   lastYearObjectives: Y.Map<Id, Y.Map<'name' | 'unit' | 'direction' | 'target' | 'achieved' |
 *     'carriedKeyResultId' | 'order', value>>
 *
 * Ordered by fractional key, ties by id (ORD-1); removal is a real delete. An unmet objective can be carried
 * as a starting point for this year (REV-7): a key result whose baseline is what was achieved and whose
 * target is last year's, under a marketing objective the team picks.
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { PlanError } from './errors.ts';
import { directedGap, type Gap } from './indicators.ts';
import { KEY_RESULT_DIRECTIONS, addKeyResult, type KeyResultDirection } from './objectives.ts';
import { orderedLive } from './order.ts';
import type { Origin } from './origin.ts';
import {
	insertRecord,
	liveEntries,
	numOrNull,
	oneOf,
	patchRecord,
	ref,
	removeRecord,
	requireLive,
	str,
	strOrNull
} from './records.ts';
import { newId } from './runtime.ts';
import { finiteNumber, idSchema, indexSchema, nameSchema, nullish, optionalText, parse } from './validate.ts';

const fields = {
	name: nameSchema,
	unit: optionalText(40),
	direction: v.optional(v.picklist(KEY_RESULT_DIRECTIONS)),
	target: nullish(finiteNumber),
	achieved: nullish(finiteNumber)
};
const addInput = v.object({ ...fields, index: indexSchema });
const updateInput = v.partial(v.object({ id: idSchema, ...fields }), ['name']);
export type AddLastYearObjectiveProps = v.InferInput<typeof addInput>;
export type UpdateLastYearObjectiveProps = v.InferInput<typeof updateInput>;

export interface LastYearObjective {
	id: string;
	name: string;
	unit: string | null;
	direction: KeyResultDirection;
	target: number | null;
	achieved: number | null;
	/** REV-6: achieved − target, read in the objective's direction. */
	gap: Gap | null;
	/** REV-6: reached or beaten in its direction; null without both figures. */
	met: boolean | null;
	/** The key result of this year it was carried into, if it still exists. */
	carriedKeyResultId: string | null;
	order: string;
}

export function addLastYearObjective(doc: Y.Doc, props: AddLastYearObjectiveProps, origin: Origin): string {
	const { index, ...f } = parse(addInput, props);
	const id = newId();
	doc.transact(() => {
		insertRecord(doc, 'lastYearObjectives', id, f, index);
	}, origin);
	return id;
}

export function updateLastYearObjective(
	doc: Y.Doc,
	props: UpdateLastYearObjectiveProps,
	origin: Origin
): void {
	const { id, ...patch } = parse(updateInput, props);
	const rec = requireLive(doc, 'lastYearObjectives', id, 'id');
	doc.transact(() => patchRecord(rec, patch), origin);
}

export function removeLastYearObjective(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	removeRecord(doc, 'lastYearObjectives', props, origin);
}

export function selectLastYearObjectives(doc: Y.Doc): LastYearObjective[] {
	return orderedLive(liveEntries(doc, 'lastYearObjectives')).sorted.map(({ id, order, rec }) => {
		const target = numOrNull(rec, 'target');
		const achieved = numOrNull(rec, 'achieved');
		const direction = oneOf(rec, 'direction', KEY_RESULT_DIRECTIONS, 'increase');
		const gap = directedGap(achieved, target, direction);
		return {
			id,
			name: str(rec, 'name'),
			unit: strOrNull(rec, 'unit'),
			direction,
			target,
			achieved,
			gap,
			met: gap === null ? null : gap.favourable >= 0,
			carriedKeyResultId: ref(doc, 'keyResults', strOrNull(rec, 'carriedKeyResultId')),
			order
		};
	});
}

const carryInput = v.object({ id: idSchema, marketingObjectiveId: idSchema });

/**
 * REV-7: carries an unmet objective into this year as a key result of `marketingObjectiveId`: KPI named
 * like it, baseline = achieved, target = last year's target, same unit and direction; in one transaction
 * with the link back. Refuses a met objective or one without figures (`invalid_input` on `id`) and one
 * already carried (`conflict`).
 */
export function carryLastYearObjective(
	doc: Y.Doc,
	props: { id: string; marketingObjectiveId: string },
	origin: Origin
): string {
	const { id, marketingObjectiveId } = parse(carryInput, props);
	const rec = requireLive(doc, 'lastYearObjectives', id, 'id');
	requireLive(doc, 'marketingObjectives', marketingObjectiveId, 'marketingObjectiveId');
	const item = selectLastYearObjectives(doc).find((o) => o.id === id)!;
	if (item.met !== false)
		throw new PlanError('invalid_input', 'id', 'id: only an unmet objective is carried');
	if (item.carriedKeyResultId) throw new PlanError('conflict', 'id', 'id: already carried into this year');
	let keyResultId = '';
	doc.transact(() => {
		keyResultId = addKeyResult(
			doc,
			{
				marketingObjectiveId,
				kpi: item.name,
				unit: item.unit,
				baseline: item.achieved,
				target: item.target,
				direction: item.direction
			},
			origin
		);
		rec.set('carriedKeyResultId', keyResultId);
	}, origin);
	return keyResultId;
}
