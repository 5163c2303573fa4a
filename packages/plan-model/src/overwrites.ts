/**
 * OVR-1: telling a person that the value they wrote in a short field (a title, a name, a cost) was replaced
 * by someone who never saw it: two people changing it at once, or one of them offline. Yjs keeps one value
 * per map key (the concurrent write of the higher client wins), so the other write is lost silently; this
 * watch finds those losses from the document's own transactions, on the device of the person who lost.
 *
 * Each map entry a local transaction writes with a plain value (string, number, boolean, null) is
 * remembered with the Yjs item that holds it. When a remote transaction then changes that entry to another
 * value, the new item's origin chain says whether its writer had seen mine: a Yjs map entry records, as its
 * origin, the item it replaced on the writer's replica. If my item is in that chain, the other person
 * changed my value knowingly (an ordinary edit): nothing to say. If not, they wrote without seeing it, and
 * the watch calls back with both values and the other writer's Yjs client id (to name them from presence).
 * Each remembered write is told about at most once. Removing the record, or the same value on both sides,
 * is no loss.
 */
import * as Y from 'yjs';

export interface Overwrite {
	/** Map keys from the root: ['settings', 'title'], ['marketingObjectives', id, 'name']. */
	path: string[];
	/** `path` joined with '/'. */
	key: string;
	/** The value this device wrote, which lost. */
	mine: unknown;
	/** The value the document holds now. */
	theirs: unknown;
	/** The Yjs client id of the replica that wrote `theirs`. */
	byClient: number;
}

export interface OverwriteWatch {
	/** Calls `listener` for every overwrite found; returns the unsubscribe function. */
	onOverwrite(listener: (overwrite: Overwrite) => void): () => void;
	/**
	 * The paths the last local transaction wrote (plain values only), and forgets them: a field calls it
	 * right after its own commit to learn which entries are its own (the field's component knows its
	 * command, not the document layout).
	 */
	takeLocalPaths(): string[][];
	/**
	 * OVR-2: the Yjs client that wrote the value the last local write of `key` replaced (to name who a
	 * field typed over), or null when that write replaced nothing.
	 */
	replacedClient(key: string): number | null;
	destroy(): void;
}

interface Written {
	path: string[];
	value: unknown;
	id: Y.ID;
	/** The client of the entry this write replaced (its origin), if any. */
	replaced: number | null;
}

type Primitive = string | number | boolean | null;

function isPrimitive(value: unknown): value is Primitive {
	return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Longest origin chain followed: a field rewritten more times than this while offline is told about. */
const MAX_CHAIN = 1_000;

export function watchOverwrites(doc: Y.Doc): OverwriteWatch {
	const written = new Map<string, Written>();
	const listeners = new Set<(overwrite: Overwrite) => void>();
	let localPaths: string[][] = [];

	/** The keys from the root to `type`, or null when it is not reached through maps only. */
	function pathOf(type: { _item: Y.Item | null }): string[] | null {
		const keys: string[] = [];
		let current = type;
		while (current._item) {
			const key = current._item.parentSub;
			if (key === null) return null;
			keys.unshift(key);
			current = current._item.parent as { _item: Y.Item | null };
		}
		for (const [name, root] of doc.share) if ((root as unknown) === current) return [name, ...keys];
		return null;
	}

	/** Did the writer of `item` see the item `id` (is it in `item`'s origin chain)? */
	function saw(item: Y.Item, id: Y.ID): boolean {
		let current: Y.Item = item;
		for (let i = 0; i < MAX_CHAIN; i++) {
			const origin = current.origin;
			if (origin === null) return false;
			if (Y.compareIDs(origin, id)) return true;
			// An origin is the last id of the item it names; map entries are one long.
			const next = Y.getItem(doc.store, origin);
			if (!(next instanceof Y.Item)) return false;
			current = next;
		}
		return false;
	}

	function afterTransaction(transaction: Y.Transaction) {
		if (transaction.local) localPaths = [];
		for (const [type, keys] of transaction.changed) {
			if (!(type instanceof Y.Map)) continue;
			const base = pathOf(type);
			if (!base) continue;
			for (const key of keys) {
				if (key === null) continue;
				const path = [...base, key];
				const joined = path.join('/');
				const item = type._map.get(key);
				const live = item && !item.deleted ? item : undefined;
				if (transaction.local) {
					const value: unknown = live ? type.get(key) : undefined;
					if (live && isPrimitive(value)) {
						written.set(joined, { path, value, id: live.id, replaced: live.origin?.client ?? null });
						localPaths.push(path);
					} else {
						written.delete(joined);
					}
					continue;
				}
				const mine = written.get(joined);
				if (!mine) continue;
				if (!live) {
					written.delete(joined);
					continue;
				}
				if (Y.compareIDs(live.id, mine.id)) continue; // Mine still holds: theirs lost, they are told.
				written.delete(joined);
				const theirs: unknown = type.get(key);
				if (theirs === mine.value || saw(live, mine.id)) continue;
				const overwrite: Overwrite = {
					path,
					key: joined,
					mine: mine.value,
					theirs,
					byClient: live.id.client
				};
				for (const listener of listeners) listener(overwrite);
			}
		}
	}

	doc.on('afterTransaction', afterTransaction);
	return {
		onOverwrite(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		takeLocalPaths() {
			const paths = localPaths;
			localPaths = [];
			return paths;
		},
		replacedClient(key) {
			return written.get(key)?.replaced ?? null;
		},
		destroy() {
			doc.off('afterTransaction', afterTransaction);
			listeners.clear();
			written.clear();
			localPaths = [];
		}
	};
}
