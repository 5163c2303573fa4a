/**
 * Last year's review (bilan N-1): one item per action of the previous plan.
 *
 *   reviewItems: Y.Map<ReviewItemId, Y.Map<'name' | 'channel' | 'target' | 'cost' | 'revenue' |
 *     'contacts' | 'leads' | 'conversions' | 'salesFeedback' | 'result' | 'decision' | 'order', value>>
 *
 * Ordered by fractional key, ties by id (ORD-1). Removal is a real delete: the review is a working list,
 * not an audit trail. Channel and target are plain names: last year's lists may differ from this year's.
 * Derived figures (ROI, cost per lead and per conversion, conversion rate, margin) are computed by the
 * selector, never stored (REV-2, REV-3). The link to this year's action lives on the action
 * (`reviewItemId`, one source of truth), so an item reads as carried as soon as the action exists (REV-4).
 * `salesFeedback` is the one field a commenter writes, through `setReviewFeedback` (REV-5).
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { addAction, selectActions } from './actions.ts';
import { PlanError } from './errors.ts';
import { ratio, roi, sumEntered } from './indicators.ts';
import { selectList } from './lists.ts';
import { orderedLive } from './order.ts';
import type { Origin } from './origin.ts';
import {
	insertRecord,
	liveEntries,
	numOrNull,
	oneOf,
	patchRecord,
	removeRecord,
	reorderRecord,
	requireLive,
	str,
	strOrNull
} from './records.ts';
import { newId } from './runtime.ts';
import { selectSteering } from './steering.ts';
import {
	amountSchema,
	idSchema,
	indexSchema,
	intSchema,
	nameSchema,
	nullish,
	optionalText,
	parse
} from './validate.ts';

export const REVIEW_RESULTS = ['worked', 'disappointed'] as const;
export const REVIEW_DECISIONS = ['repeat', 'adjust', 'drop'] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

const count = nullish(v.pipe(intSchema, v.minValue(0, 'Must not be negative')));
const label = optionalText(200);
const reviewFields = {
	name: nameSchema,
	channel: label,
	target: label,
	result: nullish(v.picklist(REVIEW_RESULTS)),
	revenue: nullish(amountSchema),
	cost: nullish(amountSchema),
	contacts: count,
	leads: count,
	conversions: count,
	salesFeedback: optionalText(5000),
	decision: nullish(v.picklist(REVIEW_DECISIONS))
};
const addInput = v.object({ ...reviewFields, index: indexSchema });
const updateInput = v.partial(v.object({ id: idSchema, ...reviewFields }), ['name']);
export type AddReviewItemProps = v.InferInput<typeof addInput>;
export type UpdateReviewItemProps = v.InferInput<typeof updateInput>;

export interface ReviewItem {
	id: string;
	name: string;
	channel: string | null;
	target: string | null;
	result: ReviewResult | null;
	revenue: number | null;
	cost: number | null;
	contacts: number | null;
	leads: number | null;
	conversions: number | null;
	salesFeedback: string | null;
	decision: ReviewDecision | null;
	/** (revenue − cost) / cost (REV-2). */
	roi: number | null;
	/** cost / leads (REV-2). */
	costPerLead: number | null;
	/** cost / conversions (REV-2). */
	costPerConversion: number | null;
	/** conversions / contacts (REV-2). */
	conversionRate: number | null;
	/** revenue × margin rate − cost, null without a margin rate (REV-3). */
	margin: number | null;
	/** This year's live actions carried from this item (REV-4). */
	carriedActionIds: string[];
	order: string;
}

export function addReviewItem(doc: Y.Doc, props: AddReviewItemProps, origin: Origin): string {
	const { index, ...fields } = parse(addInput, props);
	const id = newId();
	doc.transact(() => {
		insertRecord(doc, 'reviewItems', id, fields, index);
	}, origin);
	return id;
}

/** Adds several items at once (a spreadsheet paste, an import): all are validated before any is written. */
export function addReviewItems(doc: Y.Doc, props: { items: AddReviewItemProps[] }, origin: Origin): string[] {
	const items = parse(
		v.object({ items: v.pipe(v.array(addInput), v.minLength(1), v.maxLength(2000)) }),
		props
	).items;
	const ids = items.map(() => newId());
	doc.transact(() => {
		items.forEach(({ index: _index, ...fields }, i) =>
			insertRecord(doc, 'reviewItems', ids[i]!, fields, undefined)
		);
	}, origin);
	return ids;
}

export function updateReviewItem(doc: Y.Doc, props: UpdateReviewItemProps, origin: Origin): void {
	const { id, ...patch } = parse(updateInput, props);
	const rec = requireLive(doc, 'reviewItems', id, 'id');
	doc.transact(() => patchRecord(rec, patch), origin);
}

const feedbackInput = v.object({
	id: idSchema,
	salesFeedback: v.pipe(v.string(), v.trim(), v.maxLength(5000))
});

/**
 * REV-5: the sales team's feedback on one item. It writes `reviewItems.<id>.salesFeedback` only (a string,
 * empty when cleared), so the server can let commenters run it and nothing else.
 */
export function setReviewFeedback(
	doc: Y.Doc,
	props: { id: string; salesFeedback: string },
	origin: Origin
): void {
	const { id, salesFeedback } = parse(feedbackInput, props);
	const rec = requireLive(doc, 'reviewItems', id, 'id');
	if (rec.get('salesFeedback') === salesFeedback) return;
	doc.transact(() => rec.set('salesFeedback', salesFeedback), origin);
}

export function removeReviewItem(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	removeRecord(doc, 'reviewItems', props, origin);
}

export function reorderReviewItem(doc: Y.Doc, props: { id: string; index: number }, origin: Origin): void {
	reorderRecord(doc, 'reviewItems', props, origin);
}

export function selectReviewItems(doc: Y.Doc): ReviewItem[] {
	const marginRate = selectSteering(doc).marginRate;
	const carried = new Map<string, string[]>();
	for (const a of selectActions(doc)) {
		if (a.reviewItemId) carried.set(a.reviewItemId, [...(carried.get(a.reviewItemId) ?? []), a.id]);
	}
	return orderedLive(liveEntries(doc, 'reviewItems')).sorted.map(({ id, order, rec }) => {
		const revenue = numOrNull(rec, 'revenue');
		const cost = numOrNull(rec, 'cost');
		const leads = numOrNull(rec, 'leads');
		const conversions = numOrNull(rec, 'conversions');
		const contacts = numOrNull(rec, 'contacts');
		const feedback = strOrNull(rec, 'salesFeedback');
		return {
			id,
			name: str(rec, 'name'),
			channel: strOrNull(rec, 'channel'),
			target: strOrNull(rec, 'target'),
			result: oneOf(rec, 'result', REVIEW_RESULTS, null),
			revenue,
			cost,
			contacts,
			leads,
			conversions,
			salesFeedback: feedback === '' ? null : feedback,
			decision: oneOf(rec, 'decision', REVIEW_DECISIONS, null),
			roi: roi(revenue, cost),
			costPerLead: ratio(cost, leads),
			costPerConversion: ratio(cost, conversions),
			conversionRate: ratio(conversions, contacts),
			margin: marginRate === null || revenue === null ? null : (revenue * marginRate) / 100 - (cost ?? 0),
			carriedActionIds: carried.get(id) ?? [],
			order
		};
	});
}

export interface ReviewTotals {
	/** Each sum is null when no item has it entered (REV-9). */
	cost: number | null;
	revenue: number | null;
	contacts: number | null;
	leads: number | null;
	conversions: number | null;
	/** REV-9: ROI over the items whose revenue is entered (their revenue against their cost). */
	roi: number | null;
	/** Cost per lead over the items with both a cost and leads entered. */
	costPerLead: number | null;
	worked: number;
	disappointed: number;
	decided: number;
	items: number;
}

/**
 * REV-9: last year's totals as the review shows them, the report prints them and the workbook writes them.
 * An item without revenue (a carried action nobody judged yet) adds nothing to the revenue and is left out
 * of the ROI, which would otherwise read −100 %.
 */
export function selectReviewTotals(doc: Y.Doc): ReviewTotals {
	const items = selectReviewItems(doc);
	const withRevenue = items.filter((i) => i.revenue !== null);
	const withLeads = items.filter((i) => i.cost !== null && i.leads !== null);
	return {
		cost: sumEntered(items.map((i) => i.cost)),
		revenue: sumEntered(items.map((i) => i.revenue)),
		contacts: sumEntered(items.map((i) => i.contacts)),
		leads: sumEntered(items.map((i) => i.leads)),
		conversions: sumEntered(items.map((i) => i.conversions)),
		roi: roi(sumEntered(withRevenue.map((i) => i.revenue)), sumEntered(withRevenue.map((i) => i.cost))),
		costPerLead: ratio(sumEntered(withLeads.map((i) => i.cost)), sumEntered(withLeads.map((i) => i.leads))),
		worked: items.filter((i) => i.result === 'worked').length,
		disappointed: items.filter((i) => i.result === 'disappointed').length,
		decided: items.filter((i) => i.decision !== null).length,
		items: items.length
	};
}

const carryInput = v.object({ ids: v.pipe(v.array(idSchema), v.minLength(1), v.maxLength(500)) });

/**
 * REV-4: carries items decided "repeat" or "adjust" into this year's actions, in one transaction: one
 * action per item, named like it, with its cost as planned cost, its channel and target when this year's
 * lists hold the same name (ignoring case), linked back with `reviewItemId`. Refuses, writing nothing, an
 * item without such a decision (`invalid_input` on `ids`) or already carried (`conflict`).
 */
export function carryReviewItems(doc: Y.Doc, props: { ids: string[] }, origin: Origin): string[] {
	const { ids } = parse(carryInput, props);
	const items = new Map(selectReviewItems(doc).map((i) => [i.id, i]));
	const byName = (kind: 'channels' | 'targets', name: string | null) =>
		name === null
			? null
			: (selectList(doc, kind).find((c) => c.name.trim().toLowerCase() === name.trim().toLowerCase())?.id ??
				null);
	const plans = [...new Set(ids)].map((id) => {
		requireLive(doc, 'reviewItems', id, 'ids');
		const item = items.get(id)!;
		if (item.decision !== 'repeat' && item.decision !== 'adjust') {
			throw new PlanError('invalid_input', 'ids', `ids: "${item.name}" is not decided repeat or adjust`);
		}
		if (item.carriedActionIds.length > 0) {
			throw new PlanError('conflict', 'ids', `ids: "${item.name}" is already carried into this year`);
		}
		return {
			name: item.name,
			plannedCost: item.cost,
			channelId: byName('channels', item.channel),
			targetId: byName('targets', item.target),
			reviewItemId: id
		};
	});
	const created: string[] = [];
	doc.transact(() => {
		for (const p of plans) created.push(addAction(doc, p, origin));
	}, origin);
	return created;
}
