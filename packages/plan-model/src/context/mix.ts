/**
 * The marketing mix's general orientations (4P) of the plan's context.
 *
 *   mixOrientations: Y.Map<Id, Y.Map<'lever' | 'text' | 'move' | 'channelId' | 'productLineId' | 'order', value>>
 *
 * `lever` is one of the four P: product (a product launched, improved or dropped), price (the price
 * policy), place (a distribution channel to enter or leave) or promotion (communication). `move` says
 * which of those a product or place orientation is; it may be left out (CTX-5). `productLineId` and
 * `channelId` point at the settings lists. Ordered by fractional key (ORD-1); removal is a real delete.
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { PlanError } from '../errors.ts';
import { orderedLive } from '../order.ts';
import type { Origin } from '../origin.ts';
import {
	insertRecord,
	liveEntries,
	oneOf,
	patchRecord,
	ref,
	removeRecord,
	requireLive,
	requireRef,
	str,
	strOrNull
} from '../records.ts';
import { newId } from '../runtime.ts';
import { idSchema, indexSchema, nullish, parse, safeText } from '../validate.ts';

export const MIX_LEVERS = ['product', 'price', 'place', 'promotion'] as const;
export type MixLever = (typeof MIX_LEVERS)[number];
export const MIX_MOVES = ['launch', 'improve', 'drop', 'enter', 'leave'] as const;
export type MixMove = (typeof MIX_MOVES)[number];

/** CTX-5: the moves each lever allows. */
export const LEVER_MOVES: Readonly<Record<MixLever, readonly MixMove[]>> = Object.freeze({
	product: ['launch', 'improve', 'drop'],
	price: [],
	place: ['enter', 'leave'],
	promotion: []
});

const textSchema = safeText(
	v.pipe(v.string(), v.trim(), v.minLength(1, 'Text is required'), v.maxLength(500, 'At most 500 characters'))
);
const fields = {
	lever: v.picklist(MIX_LEVERS),
	text: textSchema,
	move: nullish(v.picklist(MIX_MOVES)),
	channelId: nullish(idSchema),
	productLineId: nullish(idSchema)
};
const addInput = v.object({ ...fields, index: indexSchema });
const updateInput = v.partial(v.object({ id: idSchema, ...fields }), ['lever', 'text']);
export type AddMixOrientationProps = v.InferInput<typeof addInput>;
export type UpdateMixOrientationProps = v.InferInput<typeof updateInput>;

export interface MixOrientation {
	id: string;
	lever: MixLever;
	text: string;
	/** Null when not given or not one of the lever's moves (CTX-5). */
	move: MixMove | null;
	channelId: string | null;
	productLineId: string | null;
	order: string;
}

function requireMove(lever: MixLever, move: MixMove | null | undefined): void {
	if (move !== null && move !== undefined && !LEVER_MOVES[lever].includes(move))
		throw new PlanError('invalid_input', 'move', `move: "${move}" is not a move of the ${lever} lever`);
}

/** CTX-5: adds an orientation; its move must be one of its lever's, its links must exist (REF-2). */
export function addMixOrientation(doc: Y.Doc, props: AddMixOrientationProps, origin: Origin): string {
	const { index, ...f } = parse(addInput, props);
	requireMove(f.lever, f.move);
	requireRef(doc, 'channels', f.channelId, 'channelId');
	requireRef(doc, 'productLines', f.productLineId, 'productLineId');
	const id = newId();
	doc.transact(() => {
		insertRecord(doc, 'mixOrientations', id, f, index);
	}, origin);
	return id;
}

/** CTX-5: a change of lever drops a move the new lever does not have, in the same transaction. */
export function updateMixOrientation(doc: Y.Doc, props: UpdateMixOrientationProps, origin: Origin): void {
	const { id, ...patch } = parse(updateInput, props);
	const rec = requireLive(doc, 'mixOrientations', id, 'id');
	const lever = patch.lever ?? oneOf(rec, 'lever', MIX_LEVERS, 'product');
	requireMove(lever, patch.move);
	requireRef(doc, 'channels', patch.channelId, 'channelId');
	requireRef(doc, 'productLines', patch.productLineId, 'productLineId');
	const kept = patch.move === undefined ? oneOf(rec, 'move', MIX_MOVES, null) : patch.move;
	const move = kept !== null && !LEVER_MOVES[lever].includes(kept) ? null : kept;
	doc.transact(() => patchRecord(rec, { ...patch, move }), origin);
}

export function removeMixOrientation(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	removeRecord(doc, 'mixOrientations', props, origin);
}

export function selectMixOrientations(doc: Y.Doc): MixOrientation[] {
	return orderedLive(liveEntries(doc, 'mixOrientations')).sorted.map(({ id, order, rec }) => {
		const lever = oneOf(rec, 'lever', MIX_LEVERS, 'product');
		const move = oneOf(rec, 'move', MIX_MOVES, null);
		return {
			id,
			lever,
			text: str(rec, 'text'),
			move: move !== null && LEVER_MOVES[lever].includes(move) ? move : null,
			channelId: ref(doc, 'channels', strOrNull(rec, 'channelId')),
			productLineId: ref(doc, 'productLines', strOrNull(rec, 'productLineId')),
			order
		};
	});
}
