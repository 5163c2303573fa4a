/**
 * What a Yjs update would change in a document, read from the update itself (AUTH-1).
 *
 * A server must decide whether to accept a client's update before applying it, and the decision must
 * cost what the update costs, not what the plan costs: no copy of the document, no scan of it. So the
 * update is decoded (`Y.decodeUpdate`) and each of its new items and deletions is placed in the live
 * document by id: a binary search in the item's client list (`Y.getItem`) and a walk up a few parents.
 *
 * How an item is placed, as Yjs's own integration places it (Item.getMissing / Item.integrate):
 * - an item written with its parent names it: a root name, or the id of the item holding the parent type;
 * - an item written with a left (`origin`) or right neighbour takes that neighbour's parent and key;
 * - an item whose neighbour or parent type was garbage-collected, or whose parent type is deleted, has
 *   no visible effect and is left out (Yjs turns it into a deleted placeholder);
 * - a new item for a map key replaces the key's current value even when the update does not list that
 *   value as deleted, so a set is reported whatever the delete set says.
 *
 * Each change names the map keys from the root down to the entry it sets or removes
 * (`['comments', id, 'body']`). Inside a sequence (array, text, rich text) positions have no key: the
 * change is reported once as `sequence` on the outermost sequence below the last map key. Types the
 * update creates are not reported item by item: their content is the `after` value of the entry that
 * holds them, readable through {@link NewType} like a Y.Map.
 *
 * An update whose items or deletions reference content the document does not hold would wait in
 * Yjs's pending queue and apply later, unchecked: it is reported as `unresolved` instead of changes.
 */
import * as Y from 'yjs';

type Struct = Y.Item | Y.GC | Y.Skip;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any event type: types of every kind are walked alike
type LiveType = Y.AbstractType<any>;
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/** A root name the live document does not have (yet): stands in for its type in placements. */
class UnknownRoot {
	readonly name: string;
	constructor(name: string) {
		this.name = name;
	}
}

/** A read-only view of a shared type created by the update (a new record, its nested maps or lists). */
export class NewType {
	readonly kind: 'map' | 'array' | 'text' | 'xml' | 'other';
	/** @internal children in update order, their deletion already resolved */
	readonly children: Array<{ key: string | null; item: Y.Item; deleted: boolean }> = [];
	readonly #view: UpdateView;

	/** @internal */
	constructor(type: unknown, view: UpdateView) {
		this.kind =
			type instanceof Y.Map
				? 'map'
				: type instanceof Y.Array
					? 'array'
					: type instanceof Y.Text
						? 'text'
						: type instanceof Y.XmlFragment || type instanceof Y.XmlElement || type instanceof Y.XmlText
							? 'xml'
							: 'other';
		this.#view = view;
	}

	/** The value at `key` once the update is applied (a map), or undefined. */
	get(key: string): unknown {
		let value: unknown = undefined;
		for (const child of this.children) {
			if (child.key === key && !child.deleted) value = this.#view.valueOf(child.item);
		}
		return value;
	}

	has(key: string): boolean {
		return this.children.some((c) => c.key === key && !c.deleted);
	}

	/** Keys holding a value once the update is applied (a map). */
	keys(): string[] {
		const keys = new Set<string>();
		for (const c of this.children) if (c.key !== null && !c.deleted) keys.add(c.key);
		return [...keys];
	}

	entries(): Array<[string, unknown]> {
		return this.keys().map((key) => [key, this.get(key)]);
	}

	/** Values of a sequence (array) once the update is applied, in update order. */
	values(): unknown[] {
		const out: unknown[] = [];
		for (const c of this.children) {
			if (c.key === null && !c.deleted) out.push(...this.#view.valuesOf(c.item));
		}
		return out;
	}
}

export interface EntryChange {
	kind: 'set' | 'delete';
	/** Map keys from the root down to the entry: `[root, recordId, field, ...]`. */
	path: string[];
	/** The entry's value once applied: a plain value, a {@link NewType}, or undefined when removed. */
	after: unknown;
}

export interface SequenceChange {
	kind: 'sequence';
	/** Map keys from the root down to the sequence type that changes (at or above the changed position). */
	path: string[];
}

export type UpdateChange = EntryChange | SequenceChange;

export type UpdateDescription = { ok: true; changes: UpdateChange[] } | { ok: false; unresolved: string };

/** Where an item lands: the live type or the update's new type it belongs to, and its map key. */
type Placement = { parent: LiveType | UnknownRoot | NewType; key: string | null } | null;

/** Per-call index of the update's structs, and lookups shared by its items. */
class UpdateView {
	readonly live: Y.Doc;
	readonly byClient = new Map<number, Struct[]>();
	/** Deleted ranges of the update per client, sorted and merged. */
	readonly deleted = new Map<number, Array<[number, number]>>();
	readonly placements = new Map<Y.Item, Placement>();
	readonly newTypes = new Map<Y.Item, NewType>();
	readonly #paths = new Map<LiveType | UnknownRoot, { path: string[]; inSequence: boolean } | null>();

	constructor(live: Y.Doc, structs: Struct[], ds: DeleteSet) {
		this.live = live;
		for (const [client, items] of ds.clients) {
			const ranges = items
				.map((d): [number, number] => [d.clock, d.clock + d.len])
				.sort((a, b) => a[0] - b[0]);
			const merged: Array<[number, number]> = [];
			for (const r of ranges) {
				const last = merged.at(-1);
				if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
				else merged.push([r[0], r[1]]);
			}
			this.deleted.set(client, merged);
		}
		for (const s of structs) {
			let list = this.byClient.get(s.id.client);
			if (!list) this.byClient.set(s.id.client, (list = []));
			list.push(s);
		}
		for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
	}

	liveState(client: number): number {
		return Y.getState(this.live.store, client);
	}

	/** The struct holding `id`: the live document's when it has that clock, else the update's, else null. */
	find(id: Y.ID): Y.Item | Y.GC | null {
		if (id.clock < this.liveState(id.client)) {
			const structs = this.live.store.clients.get(id.client)!;
			return structs[Y.findIndexSS(structs, id.clock)]!;
		}
		const list = this.byClient.get(id.client);
		if (!list) return null;
		let lo = 0;
		let hi = list.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const s = list[mid]!;
			if (id.clock < s.id.clock) hi = mid - 1;
			else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
			else return s instanceof Y.Skip ? null : s;
		}
		return null;
	}

	isNew(item: Y.Item | Y.GC): boolean {
		return item.id.clock + item.length > this.liveState(item.id.client);
	}

	isDeletedInUpdate(item: Y.Item): boolean {
		if (item.content instanceof Y.ContentDeleted) return true;
		const ranges = this.deleted.get(item.id.client);
		if (!ranges) return false;
		let lo = 0;
		let hi = ranges.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const [start, end] = ranges[mid]!;
			if (item.id.clock < start) hi = mid - 1;
			else if (item.id.clock >= end) lo = mid + 1;
			else return true;
		}
		return false;
	}

	/** True when the update deletes the item holding `type`, or one holding it further up. */
	holderDeleted(type: LiveType): boolean {
		for (let item = type._item; item !== null; item = (item.parent as LiveType)._item) {
			if (this.isDeletedInUpdate(item)) return true;
		}
		return false;
	}

	newType(item: Y.Item): NewType {
		let view = this.newTypes.get(item);
		if (!view) {
			view = new NewType((item.content as Y.ContentType).type, this);
			this.newTypes.set(item, view);
		}
		return view;
	}

	/** The parent and key an item of the live document has, or null when it has no visible place. */
	livePlacement(item: Y.Item | Y.GC): { parent: LiveType; key: string | null } | null {
		if (!(item instanceof Y.Item)) return null;
		const parent = item.parent as LiveType;
		if (parent._item !== null && parent._item.deleted) return null;
		return { parent, key: item.parentSub };
	}

	/** Where a new item of the update lands (memoised; follows neighbours inside the update). */
	placement(item: Y.Item): Placement {
		if (this.placements.has(item)) return this.placements.get(item)!;
		this.placements.set(item, null); // a reference cycle places nothing
		const result = this.computePlacement(item);
		this.placements.set(item, result);
		return result;
	}

	private computePlacement(item: Y.Item): Placement {
		const left = item.origin ? this.find(item.origin) : null;
		const right = item.rightOrigin ? this.find(item.rightOrigin) : null;
		if (left instanceof Y.GC || right instanceof Y.GC) return null;
		const parent = item.parent as unknown;
		if (typeof parent === 'string') {
			// A root the live document lacks is still a change (of an unknown root): report it by name.
			const root = this.live.share.get(parent);
			return { parent: root ?? new UnknownRoot(parent), key: item.parentSub };
		}
		if (parent instanceof Y.ID) {
			const holder = this.find(parent);
			if (!(holder instanceof Y.Item) || !(holder.content instanceof Y.ContentType)) return null;
			if (this.isNew(holder)) {
				if (this.isDeletedInUpdate(holder)) return null;
				return { parent: this.newType(holder), key: item.parentSub };
			}
			const type = holder.content.type as LiveType;
			if (holder.deleted) return null;
			return { parent: type, key: item.parentSub };
		}
		const neighbour = left ?? right;
		if (!neighbour) return null;
		return this.isNew(neighbour) ? this.placement(neighbour as Y.Item) : this.livePlacement(neighbour);
	}

	/** Map keys from the root to a live type; `inSequence` when a sequence sits on the way. */
	pathOf(type: LiveType | UnknownRoot): { path: string[]; inSequence: boolean } | null {
		if (this.#paths.has(type)) return this.#paths.get(type)!;
		let result: { path: string[]; inSequence: boolean } | null;
		if (type instanceof UnknownRoot) result = { path: [type.name], inSequence: false };
		else if (type._item === null) {
			const name = rootName(this.live, type);
			result = name === null ? null : { path: [name], inSequence: false };
		} else {
			const item = type._item;
			const up = this.pathOf(item.parent as LiveType);
			if (up === null) result = null;
			else if (up.inSequence || item.parentSub === null) result = { path: up.path, inSequence: true };
			else result = { path: [...up.path, item.parentSub], inSequence: false };
		}
		this.#paths.set(type, result);
		return result;
	}

	/** A map value as it reads once applied: primitives as they are, new types as views. */
	valueOf(item: Y.Item): unknown {
		const c = item.content;
		if (c instanceof Y.ContentType) return this.newType(item);
		if (c instanceof Y.ContentAny || c instanceof Y.ContentJSON) return c.arr[c.arr.length - 1];
		if (c instanceof Y.ContentString) return c.str;
		if (c instanceof Y.ContentBinary) return c.content;
		if (c instanceof Y.ContentEmbed) return c.embed;
		if (c instanceof Y.ContentDoc) return c.doc;
		return undefined;
	}

	valuesOf(item: Y.Item): unknown[] {
		const c = item.content;
		if (c instanceof Y.ContentAny || c instanceof Y.ContentJSON) return [...c.arr];
		if (c instanceof Y.ContentString) return [...c.str];
		return [this.valueOf(item)];
	}
}

/** Root types by name, per document; rebuilt when a root appears or Yjs replaces a placeholder type. */
const rootNames = new WeakMap<Y.Doc, Map<LiveType, string>>();

function rootName(doc: Y.Doc, type: LiveType): string | null {
	const cached = rootNames.get(doc)?.get(type);
	if (cached !== undefined && doc.share.get(cached) === type) return cached;
	const names = new Map([...doc.share].map(([name, t]) => [t as LiveType, name]));
	rootNames.set(doc, names);
	return names.get(type) ?? null;
}

/**
 * The changes `update` would make to `live` (which is not modified), or why it cannot be checked
 * (it depends on content `live` does not hold).
 */
export function describeUpdate(live: Y.Doc, update: Uint8Array): UpdateDescription {
	const { structs, ds } = Y.decodeUpdate(update);
	const view = new UpdateView(live, structs as Struct[], ds);

	// Every client's new structs must follow what the document holds, or they would wait as pending.
	const ends = new Map<number, number>();
	for (const [client, list] of view.byClient) {
		let next = view.liveState(client);
		for (const s of list) {
			if (s.id.clock + s.length <= next) continue;
			if (s.id.clock > next || s instanceof Y.Skip) return unresolved(`missing content of client ${client}`);
			next = s.id.clock + s.length;
		}
		ends.set(client, next);
	}
	const known = (id: Y.ID) => id.clock < (ends.get(id.client) ?? view.liveState(id.client));
	for (const list of view.byClient.values()) {
		for (const s of list) {
			if (!(s instanceof Y.Item)) continue;
			for (const ref of [s.origin, s.rightOrigin, s.parent instanceof Y.ID ? s.parent : null]) {
				if (ref && !known(ref)) return unresolved(`a reference to content the document lacks`);
			}
		}
	}
	for (const [client, ranges] of view.deleted) {
		const end = ends.get(client) ?? view.liveState(client);
		if (ranges.at(-1)![1] > end) return unresolved('a deletion of content the document lacks');
	}

	// Entries keyed by path; sequences once each.
	const entries = new Map<string, { path: string[]; news: Y.Item[]; liveRemoved: boolean }>();
	const sequences = new Map<string, string[]>();
	const touch = (parent: LiveType | UnknownRoot, key: string | null) => {
		const at = view.pathOf(parent);
		if (at === null) return null;
		if (at.inSequence || key === null) {
			sequences.set(at.path.join('\u0000'), at.path);
			return null;
		}
		const path = [...at.path, key];
		const id = path.join('\u0000');
		let entry = entries.get(id);
		if (!entry) entries.set(id, (entry = { path, news: [], liveRemoved: false }));
		return entry;
	};

	for (const list of view.byClient.values()) {
		for (const s of list) {
			if (!(s instanceof Y.Item) || !view.isNew(s)) continue;
			const place = view.placement(s);
			if (place === null) continue;
			if (place.parent instanceof NewType) {
				place.parent.children.push({ key: place.key, item: s, deleted: view.isDeletedInUpdate(s) });
				continue;
			}
			touch(place.parent, place.key)?.news.push(s);
		}
	}

	for (const [client, ranges] of view.deleted) {
		const structs = live.store.clients.get(client);
		if (!structs) continue;
		const state = view.liveState(client);
		for (const [start, stop] of ranges) {
			const end = Math.min(stop, state);
			if (start >= end) continue;
			for (let i = Y.findIndexSS(structs, start); i < structs.length; i++) {
				const s = structs[i]!;
				if (s.id.clock >= end) break;
				if (!(s instanceof Y.Item) || s.deleted) continue;
				const place = view.livePlacement(s);
				// Content of a record this update deletes goes with it (Yjs deletes a type's content with it).
				if (place === null || view.holderDeleted(place.parent)) continue;
				const entry = touch(place.parent, place.key);
				if (entry) entry.liveRemoved = true;
			}
		}
	}

	const changes: UpdateChange[] = [];
	for (const path of sequences.values()) changes.push({ kind: 'sequence', path });
	for (const entry of entries.values()) {
		const kept = entry.news.filter((item) => !view.isDeletedInUpdate(item));
		if (kept.length === 0) changes.push({ kind: 'delete', path: entry.path, after: undefined });
		for (const item of kept) changes.push({ kind: 'set', path: entry.path, after: view.valueOf(item) });
	}
	return { ok: true, changes };
}

function unresolved(why: string): UpdateDescription {
	return { ok: false, unresolved: why };
}
