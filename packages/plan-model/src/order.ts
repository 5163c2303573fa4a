/**
 * Ordering by fractional keys (fractional-indexing). Moving an item rewrites only its own `order` field, so
 * concurrent moves of different items merge. Two replicas may still pick the same key concurrently; ORD-1
 * breaks such ties by id, identically on every replica.
 */
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import type { Rec } from './schema.ts';

export interface Ordered {
	id: string;
	order: string;
}

/** ORD-1: by order key (plain code-unit comparison), then by id. */
export function compareOrdered(a: Ordered, b: Ordered): number {
	if (a.order !== b.order) return a.order < b.order ? -1 : 1;
	if (a.id !== b.id) return a.id < b.id ? -1 : 1;
	return 0;
}

export function sortOrdered<T extends Ordered>(items: T[]): T[] {
	return items.sort(compareOrdered);
}

function between(lo: string | null, hi: string | null): string | null {
	try {
		return generateKeyBetween(lo, hi);
	} catch {
		// Equal neighbours (a concurrent tie) or a malformed stored key: the caller renumbers.
		return null;
	}
}

/**
 * Places `id` at `index` among `others` (already sorted, without `id`), writing order keys into `records`.
 * Normally only the moved record's key changes; when its neighbours share a key it renumbers the list.
 * Call inside a transaction.
 */
export function placeAt(
	records: Map<string, Rec>,
	others: Ordered[],
	id: string,
	index: number | undefined
): void {
	const at = index === undefined ? others.length : Math.max(0, Math.min(index, others.length));
	const lo = at > 0 ? (others[at - 1]?.order ?? null) : null;
	const hi = at < others.length ? (others[at]?.order ?? null) : null;
	const key = between(lo, hi);
	if (key !== null) {
		records.get(id)?.set('order', key);
		return;
	}
	const ids = others.map((o) => o.id);
	ids.splice(at, 0, id);
	const keys = generateNKeysBetween(null, null, ids.length);
	ids.forEach((itemId, i) => {
		const rec = records.get(itemId);
		if (rec && rec.get('order') !== keys[i]) rec.set('order', keys[i]);
	});
}

/** The live records of a collection, sorted by ORD-1, with their stored key ('' when missing). */
export function orderedLive(entries: [string, Rec][]): {
	sorted: (Ordered & { rec: Rec })[];
	byId: Map<string, Rec>;
} {
	const sorted = entries.map(([id, rec]) => {
		const order = rec.get('order');
		return { id, order: typeof order === 'string' ? order : '', rec };
	});
	sortOrdered(sorted);
	return { sorted, byId: new Map(entries) };
}

/** Moves (or first places) `id` to `index` within the live records `entries`. Call inside a transaction. */
export function moveTo(entries: [string, Rec][], id: string, index: number | undefined): void {
	const { sorted, byId } = orderedLive(entries);
	placeAt(
		byId,
		sorted.filter((o) => o.id !== id),
		id,
		index
	);
}
