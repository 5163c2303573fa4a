/**
 * Shared by the comments extension and the workshop guard: apply a client update to a scratch copy of the
 * live document and list what it touched, from the transaction's `changed` map (each pre-existing type
 * with the keys that changed; new nested types show as the key of their parent).
 */
import { PLAN_ROOT_KEYS } from '@cap/plan-model';
import * as Y from 'yjs';

/** A shared type as `transaction.changed` holds it. */
export type AnyType = Y.Transaction['changed'] extends Map<infer K, unknown> ? K : never;
export type Changes = Array<[AnyType, Set<string | null>]>;

/** [rootName, key, key...] of a type, or null when it sits inside a sequence (array, text). */
export function pathOf(type: AnyType, doc: Y.Doc): string[] | null {
	const path: string[] = [];
	let current = type;
	while (current._item !== null) {
		const item = current._item;
		if (item.parentSub === null) return null;
		path.unshift(item.parentSub);
		current = item.parent as AnyType;
	}
	for (const [name, root] of doc.share) if (root === current) return [name, ...path];
	return null;
}

/**
 * Applies `update` to a scratch copy of `live` (which is not modified) and returns what `inspect` says
 * about the scratch document and the changes, or a refusal when the update depends on changes the server
 * does not hold. The scratch copy is destroyed afterwards.
 */
export function inspectUpdate(
	live: Y.Doc,
	update: Uint8Array,
	inspect: (scratch: Y.Doc, changes: Changes) => string | null
): string | null {
	const scratch = new Y.Doc();
	try {
		// Root types exist as maps before the update arrives, so changes are attributed to stable objects.
		for (const key of PLAN_ROOT_KEYS) scratch.getMap(key);
		Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live));
		const changes: Changes = [];
		const collect = (transaction: Y.Transaction) => changes.push(...transaction.changed.entries());
		scratch.on('afterTransaction', collect);
		Y.applyUpdate(scratch, update);
		scratch.off('afterTransaction', collect);
		// Structs or deletions waiting for changes the server never accepted would apply later, unchecked.
		if (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null) {
			return 'the update depends on changes the server does not hold';
		}
		return inspect(scratch, changes);
	} finally {
		scratch.destroy();
	}
}
