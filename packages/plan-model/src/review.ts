/**
 * Last year's review (bilan N-1): one item per action of the previous plan.
 *
 *   reviewItems: Y.Map<ReviewItemId, Y.Map<'name' | 'result' | 'revenue' | 'cost' | 'conversions' |
 *     'contacts' | 'salesFeedback' | 'decision' | 'channelId' | 'order', value>>
 *
 * Ordered by fractional key, ties by id (ORD-1). Removal is a real delete: the review is a working list,
 * not an audit trail. Derived figures (ROI, conversion rate) are computed by the selector, never stored.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
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
	reorderRecord,
	requireLive,
	requireRef,
	str,
	strOrNull
} from './records.ts';
import { newId } from './runtime.ts';
import { amountSchema, idSchema, indexSchema, nameSchema, optionalText, parse } from './validate.ts';

export const REVIEW_RESULTS = ['worked', 'disappointed'] as const;
export const REVIEW_DECISIONS = ['repeat', 'adjust', 'drop'] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

const count = z.number().int().min(0, 'Must not be negative').nullable().optional();
const reviewFields = {
	name: nameSchema,
	result: z.enum(REVIEW_RESULTS).nullable().optional(),
	revenue: amountSchema.nullable().optional(),
	cost: amountSchema.nullable().optional(),
	conversions: count,
	contacts: count,
	salesFeedback: optionalText(5000),
	decision: z.enum(REVIEW_DECISIONS).nullable().optional(),
	channelId: idSchema.nullable().optional()
};
const addInput = z.object({ ...reviewFields, index: indexSchema });
const updateInput = z.object({ id: idSchema, ...reviewFields }).partial({ name: true });
export type AddReviewItemProps = z.input<typeof addInput>;
export type UpdateReviewItemProps = z.input<typeof updateInput>;

export interface ReviewItem {
	id: string;
	name: string;
	result: ReviewResult | null;
	revenue: number | null;
	cost: number | null;
	conversions: number | null;
	contacts: number | null;
	salesFeedback: string | null;
	decision: ReviewDecision | null;
	channelId: string | null;
	/** (revenue - cost) / cost, null unless both are known and cost > 0 (REV-2). */
	roi: number | null;
	/** conversions / contacts, null unless both are known and contacts > 0 (REV-2). */
	conversionRate: number | null;
	order: string;
}

export function addReviewItem(doc: Y.Doc, props: AddReviewItemProps, origin: Origin): string {
	const { index, ...fields } = parse(addInput, props);
	requireRef(doc, 'channels', fields.channelId, 'channelId');
	const id = newId();
	doc.transact(() => {
		insertRecord(doc, 'reviewItems', id, fields, index);
	}, origin);
	return id;
}

export function updateReviewItem(doc: Y.Doc, props: UpdateReviewItemProps, origin: Origin): void {
	const { id, ...patch } = parse(updateInput, props);
	const rec = requireLive(doc, 'reviewItems', id, 'id');
	requireRef(doc, 'channels', patch.channelId, 'channelId');
	doc.transact(() => patchRecord(rec, patch), origin);
}

export function removeReviewItem(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	removeRecord(doc, 'reviewItems', props, origin);
}

export function reorderReviewItem(doc: Y.Doc, props: { id: string; index: number }, origin: Origin): void {
	reorderRecord(doc, 'reviewItems', props, origin);
}

export function selectReviewItems(doc: Y.Doc): ReviewItem[] {
	return orderedLive(liveEntries(doc, 'reviewItems')).sorted.map(({ id, order, rec }) => {
		const revenue = numOrNull(rec, 'revenue');
		const cost = numOrNull(rec, 'cost');
		const conversions = numOrNull(rec, 'conversions');
		const contacts = numOrNull(rec, 'contacts');
		return {
			id,
			name: str(rec, 'name'),
			result: oneOf(rec, 'result', REVIEW_RESULTS, null),
			revenue,
			cost,
			conversions,
			contacts,
			salesFeedback: strOrNull(rec, 'salesFeedback'),
			decision: oneOf(rec, 'decision', REVIEW_DECISIONS, null),
			channelId: ref(doc, 'channels', strOrNull(rec, 'channelId')),
			roi: revenue !== null && cost !== null && cost > 0 ? (revenue - cost) / cost : null,
			conversionRate:
				conversions !== null && contacts !== null && contacts > 0 ? conversions / contacts : null,
			order
		};
	});
}
