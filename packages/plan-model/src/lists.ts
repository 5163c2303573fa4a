/**
 * The five named lists of the settings screen, sharing one implementation:
 *
 *   members | workstreams | channels | productLines | targets:
 *     Y.Map<ItemId, Y.Map<'name' | 'color' | 'description' | 'order' | ...extra, value>>
 *
 * Order is by fractional key `order`, ties broken by id (ORD-1). Members add `email`, `role` (job title)
 * and `capacityPerPeriod`: the person-days that member can give in one period (sprint). Capacity is per
 * period, not per year, because the team compares it with the estimates of the actions planned in each
 * period (the "actions par période" view); a yearly figure is capacity × number of periods.
 *
 * Removal is a real delete (no history is kept for settings). Records that referenced a removed item
 * (an action's channel, ...) keep the stale id, and selectors read it as null (REF-1), which is also what
 * happens when a removal and a reference race on two replicas.
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { PlanError } from './errors.ts';
import { moveTo, orderedLive } from './order.ts';
import type { Origin } from './origin.ts';
import {
	createRecord,
	liveEntries,
	numOrNull,
	patchRecord,
	removeRecord,
	reorderRecord,
	requireLive,
	str,
	strOrNull
} from './records.ts';
import { newId } from './runtime.ts';
import type { Rec } from './schema.ts';
import {
	colorSchema,
	EMAIL,
	finiteNumber,
	idSchema,
	indexSchema,
	nameSchema,
	nullish,
	optionalText,
	parse
} from './validate.ts';

export const NAMED_LIST_KINDS = ['members', 'workstreams', 'channels', 'productLines', 'targets'] as const;
export type NamedListKind = (typeof NAMED_LIST_KINDS)[number];

export interface NamedItem {
	id: string;
	name: string;
	color: string | null;
	description: string | null;
	order: string;
}

export interface Member extends NamedItem {
	email: string | null;
	/** Job title or role in the team ("Chef de produit", "Commercial terrain"...). */
	role: string | null;
	/** Person-days available per period; null when unknown. */
	capacityPerPeriod: number | null;
}

export type NamedItemOf<K extends NamedListKind> = K extends 'members' ? Member : NamedItem;

const baseFields = {
	name: nameSchema,
	color: nullish(colorSchema),
	description: optionalText(2000)
};
const memberFields = {
	...baseFields,
	email: nullish(v.pipe(v.string(), v.regex(EMAIL, 'Expected an e-mail address'))),
	role: optionalText(200),
	capacityPerPeriod: nullish(
		v.pipe(finiteNumber, v.minValue(0, 'Capacity must not be negative'), v.maxValue(10000))
	)
};

const addSchemas = {
	members: v.object({ ...memberFields, index: indexSchema }),
	workstreams: v.object({ ...baseFields, index: indexSchema }),
	channels: v.object({ ...baseFields, index: indexSchema }),
	productLines: v.object({ ...baseFields, index: indexSchema }),
	targets: v.object({ ...baseFields, index: indexSchema })
} as const;

const updateSchemas = {
	members: v.partial(v.object({ id: idSchema, ...memberFields }), ['name']),
	workstreams: v.partial(v.object({ id: idSchema, ...baseFields }), ['name']),
	channels: v.partial(v.object({ id: idSchema, ...baseFields }), ['name']),
	productLines: v.partial(v.object({ id: idSchema, ...baseFields }), ['name']),
	targets: v.partial(v.object({ id: idSchema, ...baseFields }), ['name'])
} as const;

/** Props of addListItem: name (required), colour, description; members add email, role, capacity. */
export type AddListItemProps<K extends NamedListKind> = v.InferInput<(typeof addSchemas)[K]>;
/** Props of updateListItem: the id plus the fields to change (null clears an optional field). */
export type UpdateListItemProps<K extends NamedListKind> = v.InferInput<(typeof updateSchemas)[K]>;

function normalized(name: string): string {
	return name.trim().toLocaleLowerCase('fr');
}

/** LIST-2: names are unique within one list, ignoring case and surrounding spaces. */
function requireUniqueName(doc: Y.Doc, kind: NamedListKind, name: string, exceptId: string | null): void {
	const wanted = normalized(name);
	for (const [id, rec] of liveEntries(doc, kind)) {
		if (id !== exceptId && normalized(str(rec, 'name')) === wanted) {
			throw new PlanError('conflict', 'name', `name: "${name}" already exists in ${kind}`);
		}
	}
}

/** Adds an item at `index` (default: the end) and returns its id (LIST-1, LIST-2). */
export function addListItem<K extends NamedListKind>(
	doc: Y.Doc,
	kind: K,
	props: AddListItemProps<K>,
	origin: Origin
): string {
	const { index, ...fields } = parse(
		addSchemas[kind] as v.GenericSchema<unknown, { index?: number; name: string }>,
		props
	);
	requireUniqueName(doc, kind, fields.name, null);
	const id = newId();
	doc.transact(() => {
		createRecord(doc, kind, id, { ...fields });
		moveTo(liveEntries(doc, kind), id, index);
	}, origin);
	return id;
}

export function updateListItem<K extends NamedListKind>(
	doc: Y.Doc,
	kind: K,
	props: UpdateListItemProps<K>,
	origin: Origin
): void {
	const { id, ...patch } = parse(
		updateSchemas[kind] as v.GenericSchema<unknown, { id: string; name?: string }>,
		props
	);
	const rec = requireLive(doc, kind, id, 'id');
	if (patch.name !== undefined) requireUniqueName(doc, kind, patch.name, id);
	doc.transact(() => patchRecord(rec, patch), origin);
}

export function removeListItem(doc: Y.Doc, kind: NamedListKind, props: { id: string }, origin: Origin): void {
	removeRecord(doc, kind, props, origin);
}

/** Moves an item so that it ends up at position `index` of the displayed list (ORD-1, ORD-2). */
export function reorderListItem(
	doc: Y.Doc,
	kind: NamedListKind,
	props: { id: string; index: number },
	origin: Origin
): void {
	reorderRecord(doc, kind, props, origin);
}

function readItem(id: string, order: string, rec: Rec, kind: NamedListKind): NamedItem | Member {
	const base: NamedItem = {
		id,
		name: str(rec, 'name'),
		color: strOrNull(rec, 'color'),
		description: strOrNull(rec, 'description'),
		order
	};
	if (kind !== 'members') return base;
	return {
		...base,
		email: strOrNull(rec, 'email'),
		role: strOrNull(rec, 'role'),
		capacityPerPeriod: numOrNull(rec, 'capacityPerPeriod')
	};
}

/** The list as displayed: by order key, then id. */
export function selectList<K extends NamedListKind>(doc: Y.Doc, kind: K): NamedItemOf<K>[] {
	return orderedLive(liveEntries(doc, kind)).sorted.map(
		(o) => readItem(o.id, o.order, o.rec, kind) as NamedItemOf<K>
	);
}

export const selectMembers = (doc: Y.Doc): Member[] => selectList(doc, 'members');
export const selectWorkstreams = (doc: Y.Doc): NamedItem[] => selectList(doc, 'workstreams');
export const selectChannels = (doc: Y.Doc): NamedItem[] => selectList(doc, 'channels');
export const selectProductLines = (doc: Y.Doc): NamedItem[] => selectList(doc, 'productLines');
export const selectTargets = (doc: Y.Doc): NamedItem[] => selectList(doc, 'targets');
