/** Small typed accessors over record Y.Maps, shared by every entity module. */
import * as Y from 'yjs';
import * as v from 'valibot';
import { PlanError } from './errors.ts';
import { moveTo } from './order.ts';
import type { Origin } from './origin.ts';
import { collection, type PlanRootKey, type Rec } from './schema.ts';
import { idSchema, intSchema, parse } from './validate.ts';

export function str(rec: Rec, field: string, fallback = ''): string {
	const v = rec.get(field);
	return typeof v === 'string' ? v : fallback;
}

export function strOrNull(rec: Rec, field: string): string | null {
	const v = rec.get(field);
	return typeof v === 'string' ? v : null;
}

export function num(rec: Rec, field: string, fallback = 0): number {
	const v = rec.get(field);
	return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function numOrNull(rec: Rec, field: string): number | null {
	const v = rec.get(field);
	return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function bool(rec: Rec, field: string): boolean {
	return rec.get(field) === true;
}

export function oneOf<T extends string>(rec: Rec, field: string, values: readonly T[], fallback: T): T;
export function oneOf<T extends string>(
	rec: Rec,
	field: string,
	values: readonly T[],
	fallback: null
): T | null;
export function oneOf<T extends string>(
	rec: Rec,
	field: string,
	values: readonly T[],
	fallback: T | null
): T | null {
	const v = rec.get(field);
	return typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : fallback;
}

export function strings(rec: Rec, field: string): string[] {
	const v = rec.get(field);
	return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function isRec(value: unknown): value is Rec {
	return value instanceof Y.Map;
}

/** A record that exists and carries no tombstone. */
export function isLive(value: unknown): value is Rec {
	return isRec(value) && value.get('deleted') !== true;
}

export function liveEntries(doc: Y.Doc, key: PlanRootKey): [string, Rec][] {
	const out: [string, Rec][] = [];
	collection(doc, key).forEach((rec, id) => {
		if (isLive(rec)) out.push([id, rec]);
	});
	return out;
}

export function liveRecord(doc: Y.Doc, key: PlanRootKey, id: string): Rec | undefined {
	const rec = collection(doc, key).get(id);
	return isLive(rec) ? rec : undefined;
}

/** Returns the live record or throws not_found naming `field`. */
export function requireLive(doc: Y.Doc, key: PlanRootKey, id: string, field: string): Rec {
	const rec = liveRecord(doc, key, id);
	if (!rec) throw new PlanError('not_found', field, `${field}: no ${key} record with id "${id}"`);
	return rec;
}

/** Checks an optional reference: null/undefined pass, anything else must be a live record. */
export function requireRef(doc: Y.Doc, key: PlanRootKey, id: string | null | undefined, field: string): void {
	if (id !== null && id !== undefined) requireLive(doc, key, id, field);
}

/** Resolves a stored reference for selectors: a dangling id (concurrently removed) reads as null. */
export function ref(doc: Y.Doc, key: PlanRootKey, id: string | null): string | null {
	return id !== null && liveRecord(doc, key, id) ? id : null;
}

/** Creates a record; call inside a transaction. `undefined` fields are skipped. */
export function createRecord(doc: Y.Doc, key: PlanRootKey, id: string, fields: Record<string, unknown>): Rec {
	const rec: Rec = new Y.Map<unknown>();
	collection(doc, key).set(id, rec);
	for (const [field, value] of Object.entries(fields)) {
		if (value !== undefined) rec.set(field, value);
	}
	return rec;
}

/**
 * Creates a record and places it at `index` among the live records of its collection (at the end when
 * `index` is undefined). Call it inside the command's transaction, so creation and order land together.
 */
export function insertRecord(
	doc: Y.Doc,
	key: PlanRootKey,
	id: string,
	fields: Record<string, unknown>,
	index: number | undefined
): Rec {
	const rec = createRecord(doc, key, id, fields);
	moveTo(liveEntries(doc, key), id, index);
	return rec;
}

/** Sets the defined fields of `patch` whose value differs (so a no-op update writes nothing). */
export function patchRecord(rec: Rec, patch: Record<string, unknown>): void {
	for (const [field, value] of Object.entries(patch)) {
		if (value === undefined) continue;
		const old = rec.get(field);
		if (old === value) continue;
		if (Array.isArray(value) && JSON.stringify(old) === JSON.stringify(value)) continue;
		rec.set(field, value);
	}
}

const idProps = v.object({ id: idSchema });
const reorderProps = v.object({ id: idSchema, index: v.pipe(intSchema, v.minValue(0)) });

/** The body of a plain remove command: validates `props`, requires the live record, deletes it for real. */
export function removeRecord(doc: Y.Doc, key: PlanRootKey, props: { id: string }, origin: Origin): void {
	const { id } = parse(idProps, props);
	requireLive(doc, key, id, 'id');
	doc.transact(() => collection(doc, key).delete(id), origin);
}

/** The body of a reorder command: validates `props`, requires the live record, moves it to `index`. */
export function reorderRecord(
	doc: Y.Doc,
	key: PlanRootKey,
	props: { id: string; index: number },
	origin: Origin
): void {
	const { id, index } = parse(reorderProps, props);
	requireLive(doc, key, id, 'id');
	doc.transact(() => moveTo(liveEntries(doc, key), id, index), origin);
}

/** Id sets are nested `Y.Map<id, true>` so that concurrent additions of different ids all survive. */
export function newIdSet(ids: readonly string[]): Y.Map<true> {
	return new Y.Map<true>(ids.map((id) => [id, true] as const));
}

export function readIdSet(rec: Rec, field: string): string[] {
	const set = rec.get(field);
	if (!(set instanceof Y.Map)) return [];
	return [...set.keys()].sort();
}

/** Makes the nested id set equal to `ids`, touching only the keys that change. */
export function writeIdSet(rec: Rec, field: string, ids: readonly string[]): void {
	let set = rec.get(field);
	if (!(set instanceof Y.Map)) {
		set = newIdSet([]);
		rec.set(field, set);
	}
	const target = new Set(ids);
	const map = set as Y.Map<true>;
	for (const key of [...map.keys()]) if (!target.has(key)) map.delete(key);
	for (const id of target) if (!map.has(id)) map.set(id, true);
}
