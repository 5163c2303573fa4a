/**
 * The memory behind selectActions: the plain Action built from each record Y.Map, kept between reads and
 * rebuilt only for the records a transaction touched (their fields, id sets or description). Changes to
 * what an action's references resolve against (a workstream, member, period, channel, target, product
 * line, idea, key result or review item added, removed or tombstoned) forget every record at once. Reads made inside a
 * transaction, or while its observers run, bypass the memory (its changes are not recorded yet).
 */
import type * as Y from 'yjs';
import type { Action } from './actions.ts';
import type { Rec } from './schema.ts';

/** The roots an action's fields are resolved against (REF-2 and keyResultIds). */
const REF_ROOTS = [
	'workstreams',
	'members',
	'periods',
	'channels',
	'targets',
	'productLines',
	'ideas',
	'keyResults',
	'reviewItems'
];

export interface ActionSlot {
	rec: Rec;
	/** The stored (not yet filtered) dependencies, sorted. */
	stored: string[];
	action: Action;
}

export interface ActionCache {
	/** Record ids changed since the last read. */
	dirty: Set<string>;
	/** Forget every slot on the next read. */
	all: boolean;
	slots: Map<string, ActionSlot>;
	/** The effective dependency graph of the last read. */
	effective: Map<string, string[]> | null;
}

interface YInternals {
	_transaction: unknown;
	_transactionCleanups: unknown[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any event type
type AnyType = Y.AbstractType<any>;

const caches = new WeakMap<Y.Doc, ActionCache>();

/** The record id under the actions root that `type` belongs to, if any. */
function actionIdOf(type: AnyType, root: AnyType): string | null {
	let cur: AnyType | null = type;
	while (cur && cur._item) {
		const parent = cur._item.parent as AnyType | null;
		if (parent === root) return cur._item.parentSub;
		cur = parent;
	}
	return null;
}

function record(doc: Y.Doc, cache: ActionCache, tr: Y.Transaction): void {
	if (cache.all) return;
	const root = doc.getMap('actions') as AnyType;
	const refRoots = new Set(REF_ROOTS.map((key) => doc.getMap(key) as AnyType));
	for (const [type, keys] of tr.changed) {
		if (type === root) {
			for (const key of keys) if (key !== null) cache.dirty.add(key);
			continue;
		}
		if (refRoots.has(type)) {
			cache.all = true;
			return;
		}
		const parent = type._item?.parent as AnyType | undefined;
		if (parent && refRoots.has(parent) && keys.has('deleted')) {
			cache.all = true;
			return;
		}
		const id = actionIdOf(type, root);
		if (id !== null) cache.dirty.add(id);
	}
}

/**
 * The document's action cache, or null when it cannot be trusted now (inside a transaction or its
 * observers): the caller then reads the document directly.
 */
export function actionCache(doc: Y.Doc): ActionCache | null {
	let cache = caches.get(doc);
	if (!cache) {
		const created: ActionCache = { dirty: new Set(), all: true, slots: new Map(), effective: null };
		doc.on('beforeObserverCalls', (tr: Y.Transaction) => record(doc, created, tr));
		caches.set(doc, created);
		cache = created;
	}
	const internals = doc as unknown as YInternals;
	if (internals._transaction !== null || internals._transactionCleanups.length > 0) return null;
	return cache;
}
