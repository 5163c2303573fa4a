/**
 * Key moments (temps forts). The per-period view of actions (actions par période) is computed once, by
 * dates and assignment, in load.ts (PER-5, PLAN-3).
 *
 *   keyMoments: Y.Map<KeyMomentId, Y.Map<'name' | 'start' | 'end' | 'kind', value>>   ISO dates
 *
 * Key moments are shown chronologically (start, end, id), so they carry no order key. Removal is a real
 * delete: a key moment has no history worth keeping.
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import type { Origin } from './origin.ts';
import { createRecord, liveEntries, oneOf, patchRecord, removeRecord, requireLive, str } from './records.ts';
import { newId } from './runtime.ts';
import { compareDateRanges } from './periods.ts';
import { idSchema, isoDate, nameSchema, parse, requireOrderedDates } from './validate.ts';

export const KEY_MOMENT_KINDS = [
	'trade_fair',
	'sales_season',
	'holiday',
	'event',
	'launch',
	'other'
] as const;
export type KeyMomentKind = (typeof KEY_MOMENT_KINDS)[number];

export interface KeyMoment {
	id: string;
	name: string;
	start: string;
	end: string;
	kind: KeyMomentKind;
}

const fields = {
	name: nameSchema,
	start: isoDate,
	end: isoDate,
	kind: v.optional(v.picklist(KEY_MOMENT_KINDS))
};
const addInput = v.object(fields);
const updateInput = v.object({ ...v.partial(v.object(fields)).entries, id: idSchema });
export type AddKeyMomentProps = v.InferInput<typeof addInput>;
export type UpdateKeyMomentProps = v.InferInput<typeof updateInput>;

export function addKeyMoment(doc: Y.Doc, props: AddKeyMomentProps, origin: Origin): string {
	const p = parse(addInput, props);
	requireOrderedDates(p.start, p.end);
	const id = newId();
	doc.transact(() => createRecord(doc, 'keyMoments', id, { kind: 'other', ...p }), origin);
	return id;
}

export function updateKeyMoment(doc: Y.Doc, props: UpdateKeyMomentProps, origin: Origin): void {
	const { id, ...patch } = parse(updateInput, props);
	const rec = requireLive(doc, 'keyMoments', id, 'id');
	requireOrderedDates(patch.start ?? str(rec, 'start'), patch.end ?? str(rec, 'end'));
	doc.transact(() => patchRecord(rec, patch), origin);
}

export function removeKeyMoment(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	removeRecord(doc, 'keyMoments', props, origin);
}

export function selectKeyMoments(doc: Y.Doc): KeyMoment[] {
	return liveEntries(doc, 'keyMoments')
		.map(([id, rec]) => ({
			id,
			name: str(rec, 'name'),
			start: str(rec, 'start'),
			end: str(rec, 'end'),
			kind: oneOf(rec, 'kind', KEY_MOMENT_KINDS, 'other')
		}))
		.sort(compareDateRanges);
}
