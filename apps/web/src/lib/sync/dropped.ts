/**
 * What a refused change would have done, in words a person recognises: the records of the plan it
 * created, changed or removed, each with its name when it has one. Computed from the server's copy and
 * the change the server did not keep, before this device drops it.
 */
import { PLAN_ROOT_KEYS, type PlanRootKey } from '@cap/plan-model';
import * as Y from 'yjs';

export interface DroppedRecord {
	root: PlanRootKey;
	/** The record's id, or the field's name for maps of fields (settings, workshop). */
	id: string;
	/** The record's name, title or text, shortened; null when it has none. */
	name: string | null;
}

/** The fields read, in order, to name a record. */
const NAME_FIELDS = ['name', 'title', 'body', 'label'];
const MAX_NAME = 60;
/** Roots whose entries are fields of one record, not records. */
const FIELD_ROOTS: ReadonlySet<string> = new Set(['settings', 'meta', 'workshop']);

function nameOf(value: unknown): string | null {
	if (!(value instanceof Y.Map)) return null;
	for (const field of NAME_FIELDS) {
		const raw = value.get(field);
		const text = typeof raw === 'string' ? raw : raw instanceof Y.AbstractType ? raw.toString() : '';
		const clean = text
			.replace(/<[^>]*>/g, ' ')
			.replace(/\s+/g, ' ')
			.trim();
		if (clean) return clean.length > MAX_NAME ? `${clean.slice(0, MAX_NAME - 1)}…` : clean;
	}
	return null;
}

function same(a: unknown, b: unknown): boolean {
	const json = (v: unknown) => JSON.stringify(v instanceof Y.AbstractType ? v.toJSON() : v);
	return json(a) === json(b);
}

/**
 * The records `local` holds differently from `server` because of changes the server lacks: `local`'s
 * own changes the server did not keep. What others changed meanwhile (in `server` only) is not listed.
 * Neither document is modified.
 */
export function droppedRecords(server: Y.Doc, local: Y.Doc): DroppedRecord[] {
	const lost = Y.encodeStateAsUpdate(local, Y.encodeStateVector(server));
	const after = new Y.Doc();
	Y.applyUpdate(after, Y.encodeStateAsUpdate(server));
	Y.applyUpdate(after, lost);
	const dropped: DroppedRecord[] = [];
	for (const root of PLAN_ROOT_KEYS) {
		const before = server.getMap<unknown>(root);
		const now = after.getMap<unknown>(root);
		const keys = new Set([...before.keys(), ...now.keys()]);
		for (const id of keys) {
			const was = before.get(id);
			const is = now.get(id);
			if (same(was, is)) continue;
			const name = FIELD_ROOTS.has(root) ? null : (nameOf(is) ?? nameOf(was));
			dropped.push({ root, id, name });
		}
	}
	after.destroy();
	return dropped;
}
