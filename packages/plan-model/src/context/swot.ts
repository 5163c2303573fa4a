/**
 * The SWOT board of the plan's context: strengths and weaknesses (inside the company), opportunities and
 * threats (the market).
 *
 *   swotItems: Y.Map<Id, Y.Map<'quadrant' | 'text' | 'order', string>
 *     & 'personaIds' | 'watchEntryIds': Y.Map<Id, true>>
 *
 * An item may be linked to the personae it concerns and to the watch entries that support it (CTX-4).
 * Ordered by fractional key within the whole collection (ORD-1), read per quadrant; moving an item to
 * another quadrant is a change of its `quadrant` field. Removal is a real delete.
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { orderedLive } from '../order.ts';
import type { Origin } from '../origin.ts';
import {
	insertRecord,
	liveEntries,
	newIdSet,
	oneOf,
	patchRecord,
	removeRecord,
	requireLive,
	str,
	writeIdSet
} from '../records.ts';
import { newId } from '../runtime.ts';
import { arrayOf, idSchema, indexSchema, parse, safeText } from '../validate.ts';
import { liveIds } from './personas.ts';

export const SWOT_QUADRANTS = ['strength', 'weakness', 'opportunity', 'threat'] as const;
export type SwotQuadrant = (typeof SWOT_QUADRANTS)[number];

const idList = arrayOf(idSchema, 200);
const textSchema = safeText(
	v.pipe(v.string(), v.trim(), v.minLength(1, 'Text is required'), v.maxLength(500, 'At most 500 characters'))
);
const fields = {
	quadrant: v.picklist(SWOT_QUADRANTS),
	text: textSchema,
	personaIds: v.optional(idList),
	watchEntryIds: v.optional(idList)
};
const addInput = v.object({ ...fields, index: indexSchema });
const updateInput = v.partial(v.object({ id: idSchema, ...fields }), ['quadrant', 'text']);
export type AddSwotItemProps = v.InferInput<typeof addInput>;
export type UpdateSwotItemProps = v.InferInput<typeof updateInput>;

export interface SwotItem {
	id: string;
	quadrant: SwotQuadrant;
	text: string;
	/** Live personae only (REF-1). */
	personaIds: string[];
	/** Live watch entries only (REF-1). */
	watchEntryIds: string[];
	order: string;
}

export type SwotBoard = Record<SwotQuadrant, SwotItem[]>;

function requireLinks(doc: Y.Doc, personaIds?: readonly string[], watchEntryIds?: readonly string[]): void {
	for (const id of personaIds ?? []) requireLive(doc, 'personas', id, 'personaIds');
	for (const id of watchEntryIds ?? []) requireLive(doc, 'watchEntries', id, 'watchEntryIds');
}

/** CTX-4: adds an item to a quadrant; linked personae and watch entries must exist (REF-2). */
export function addSwotItem(doc: Y.Doc, props: AddSwotItemProps, origin: Origin): string {
	const { index, personaIds, watchEntryIds, ...f } = parse(addInput, props);
	requireLinks(doc, personaIds, watchEntryIds);
	const id = newId();
	doc.transact(() => {
		insertRecord(
			doc,
			'swotItems',
			id,
			{ ...f, personaIds: newIdSet(personaIds ?? []), watchEntryIds: newIdSet(watchEntryIds ?? []) },
			index
		);
	}, origin);
	return id;
}

export function updateSwotItem(doc: Y.Doc, props: UpdateSwotItemProps, origin: Origin): void {
	const { id, personaIds, watchEntryIds, ...patch } = parse(updateInput, props);
	const rec = requireLive(doc, 'swotItems', id, 'id');
	requireLinks(doc, personaIds, watchEntryIds);
	doc.transact(() => {
		patchRecord(rec, patch);
		if (personaIds) writeIdSet(rec, 'personaIds', personaIds);
		if (watchEntryIds) writeIdSet(rec, 'watchEntryIds', watchEntryIds);
	}, origin);
}

export function removeSwotItem(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	removeRecord(doc, 'swotItems', props, origin);
}

/** The quadrant a stored item reads as (an unknown value reads as a strength). */
export function quadrantOf(rec: Y.Map<unknown>): SwotQuadrant {
	return oneOf(rec, 'quadrant', SWOT_QUADRANTS, 'strength');
}

export function selectSwotItems(doc: Y.Doc): SwotItem[] {
	return orderedLive(liveEntries(doc, 'swotItems')).sorted.map(({ id, order, rec }) => ({
		id,
		quadrant: quadrantOf(rec),
		text: str(rec, 'text'),
		personaIds: liveIds(doc, rec, 'personaIds', 'personas'),
		watchEntryIds: liveIds(doc, rec, 'watchEntryIds', 'watchEntries'),
		order
	}));
}

/** CTX-4: the four quadrants, each in ORD-1 order. */
export function selectSwot(doc: Y.Doc): SwotBoard {
	const board: SwotBoard = { strength: [], weakness: [], opportunity: [], threat: [] };
	for (const item of selectSwotItems(doc)) board[item.quadrant].push(item);
	return board;
}
