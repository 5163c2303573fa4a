/**
 * Actions (suivi des actions): the qualified actions of step 5.
 *
 *   actions: Y.Map<ActionId, Y.Map<
 *     'name' | 'status' | 'workstreamId' | 'priority' | 'ownerId' | 'personDays' | 'periodId' | 'start' |
 *     'end' | 'channelId' | 'targetId' | 'productLineId' | 'plannedCost' | 'committedCost' | 'actualCost' |
 *     'recurrence' | 'ideaId' | 'reviewItemId' | 'correctiveForKeyResultId' | 'order' | 'createdAt' |
 *     'deleted', value>
 *     & { description: Y.XmlFragment, keyResultIds: Y.Map<KeyResultId, true>, dependsOn: Y.Map<ActionId, true> }>
 *
 * Ordered by fractional key, ties by id (ORD-1). The id sets are nested maps so that two people linking
 * different key results or dependencies at the same time both keep theirs. `recurrence` is one plain value
 * ({freq, interval, until} or null), replaced as a whole. Removal sets `deleted: true` (a tombstone, ACT-5):
 * comments, budget lines and KPI history keep pointing at a known action, and dependencies on it are
 * ignored by selectors. Dependency cycles are refused by commands and filtered at read time
 * (see dependencies.ts).
 *
 * Costs (BUD-3): `plannedCost` is the cost of one occurrence (a monthly newsletter costs that much each
 * month); `committedCost` and `actualCost` are what was signed and spent over the year, null until
 * someone enters them. `reviewItemId` links an action carried from last year's review (REV-4);
 * `correctiveForKeyResultId` marks a corrective action created from a key result's gap (KPI-6).
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { actionCache } from './action-cache.ts';
import { effectiveDependencies, reaches } from './dependencies.ts';
import { PlanError } from './errors.ts';
import { moveTo, orderedLive } from './order.ts';
import type { Origin } from './origin.ts';
import {
	createRecord,
	liveEntries,
	newIdSet,
	num,
	numOrNull,
	oneOf,
	patchRecord,
	readIdSet,
	ref,
	reorderRecord,
	requireLive,
	requireRef,
	str,
	strOrNull,
	writeIdSet
} from './records.ts';
import { createRichText, readPlainText, richText, writePlainText } from './richtext.ts';
import { newId, now } from './runtime.ts';
import { collection, type PlanRootKey, type Rec } from './schema.ts';
import {
	amountSchema,
	arrayOf,
	idSchema,
	indexSchema,
	intSchema,
	isoDate,
	nameSchema,
	nullish,
	parse,
	personDaysSchema,
	prioritySchema,
	requireOrderedDates
} from './validate.ts';
import { PRIORITIES, type Priority } from './objectives.ts';

export const ACTION_STATUSES = ['todo', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const RECURRENCE_FREQS = ['weekly', 'monthly', 'quarterly'] as const;

export interface Recurrence {
	freq: (typeof RECURRENCE_FREQS)[number];
	/** Every `interval` weeks/months/quarters. */
	interval: number;
	until: string | null;
}

const recurrenceSchema = v.object({
	freq: v.picklist(RECURRENCE_FREQS),
	interval: v.pipe(intSchema, v.minValue(1), v.maxValue(52)),
	until: nullish(isoDate)
});

const actionFields = {
	name: nameSchema,
	status: v.optional(v.picklist(ACTION_STATUSES)),
	workstreamId: nullish(idSchema),
	/** Plain text written into the description fragment (replaces its content). */
	description: v.optional(v.pipe(v.string(), v.maxLength(50000))),
	keyResultIds: v.optional(arrayOf(idSchema, 100)),
	priority: v.optional(prioritySchema),
	ownerId: nullish(idSchema),
	personDays: nullish(personDaysSchema),
	periodId: nullish(idSchema),
	start: nullish(isoDate),
	end: nullish(isoDate),
	dependsOn: v.optional(arrayOf(idSchema, 200)),
	channelId: nullish(idSchema),
	targetId: nullish(idSchema),
	productLineId: nullish(idSchema),
	plannedCost: nullish(amountSchema),
	committedCost: nullish(amountSchema),
	actualCost: nullish(amountSchema),
	recurrence: nullish(recurrenceSchema),
	ideaId: nullish(idSchema),
	reviewItemId: nullish(idSchema),
	correctiveForKeyResultId: nullish(idSchema)
};
const addInput = v.object({ ...actionFields, index: indexSchema });
const updateInput = v.partial(v.object({ id: idSchema, ...actionFields }), ['name']);
export type AddActionProps = v.InferInput<typeof addInput>;
export type UpdateActionProps = v.InferInput<typeof updateInput>;

export interface Action {
	id: string;
	name: string;
	status: ActionStatus;
	workstreamId: string | null;
	descriptionText: string;
	keyResultIds: string[];
	priority: Priority;
	ownerId: string | null;
	personDays: number | null;
	periodId: string | null;
	start: string | null;
	end: string | null;
	/** Effective dependencies: live actions only, never forming a cycle (ACT-3, ACT-4). */
	dependsOn: string[];
	channelId: string | null;
	targetId: string | null;
	productLineId: string | null;
	/** Cost of one occurrence. */
	plannedCost: number | null;
	/** Signed over the year; null when nobody entered it. */
	committedCost: number | null;
	/** Spent over the year; null when nobody entered it ("not entered", never 0). */
	actualCost: number | null;
	recurrence: Recurrence | null;
	ideaId: string | null;
	/** The review item of last year this action was carried from (REV-4). */
	reviewItemId: string | null;
	/** The key result whose gap this corrective action answers (KPI-6). */
	correctiveForKeyResultId: string | null;
	createdAt: number;
	order: string;
}

const REFS: [keyof typeof actionFields, PlanRootKey][] = [
	['workstreamId', 'workstreams'],
	['ownerId', 'members'],
	['periodId', 'periods'],
	['channelId', 'channels'],
	['targetId', 'targets'],
	['productLineId', 'productLines'],
	['ideaId', 'ideas'],
	['reviewItemId', 'reviewItems'],
	['correctiveForKeyResultId', 'keyResults']
];

type ActionPatch = Partial<v.InferOutput<typeof addInput>>;

/** Stored dependencies of live actions, with an optional override for one action. */
function storedGraph(doc: Y.Doc, override?: [string, string[]]): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const [id, rec] of liveEntries(doc, 'actions')) graph.set(id, readIdSet(rec, 'dependsOn'));
	if (override) graph.set(override[0], override[1]);
	return graph;
}

/** ACT-1..ACT-4 and REF-2: validates a (partial) action against the current document. */
function validateAction(doc: Y.Doc, id: string, p: ActionPatch, existing: Rec | undefined): void {
	for (const [field, key] of REFS) requireRef(doc, key, p[field] as string | null | undefined, field);
	for (const kr of p.keyResultIds ?? []) requireLive(doc, 'keyResults', kr, 'keyResultIds');
	const start = p.start !== undefined ? p.start : existing ? strOrNull(existing, 'start') : null;
	const end = p.end !== undefined ? p.end : existing ? strOrNull(existing, 'end') : null;
	requireOrderedDates(start ?? null, end ?? null);
	if (p.recurrence?.until && start && p.recurrence.until < start) {
		throw new PlanError(
			'invalid_input',
			'recurrence.until',
			'recurrence.until: must not be before the start'
		);
	}
	// ACT-2 (PLAN-1): moving the start of a recurring action past its stored `until` is refused too.
	const storedUntil =
		p.recurrence === undefined && existing ? readRecurrence(existing.get('recurrence'))?.until : null;
	if (storedUntil && start && storedUntil < start) {
		throw new PlanError('invalid_input', 'start', 'start: must not be after the recurrence end (until)');
	}
	if (p.dependsOn) {
		for (const dep of p.dependsOn) {
			if (dep === id)
				throw new PlanError('cycle', 'dependsOn', 'dependsOn: an action cannot depend on itself');
			requireLive(doc, 'actions', dep, 'dependsOn');
		}
		// ACT-3: the new edges must keep the effective graph acyclic.
		const graph = effectiveDependencies(storedGraph(doc));
		graph.set(id, []);
		for (const dep of p.dependsOn) {
			if (reaches(graph, dep, id)) {
				throw new PlanError('cycle', 'dependsOn', 'dependsOn: this dependency would create a cycle');
			}
			graph.get(id)?.push(dep);
		}
	}
}

function writeFields(rec: Rec, p: ActionPatch): void {
	const { description, keyResultIds, dependsOn, index: _index, ...plain } = p;
	patchRecord(rec, plain);
	if (keyResultIds) writeIdSet(rec, 'keyResultIds', keyResultIds);
	if (dependsOn) writeIdSet(rec, 'dependsOn', dependsOn);
	const fragment = richText(rec, 'description');
	if (description !== undefined && fragment && readPlainText(fragment) !== description) {
		writePlainText(fragment, description);
	}
}

export function addAction(doc: Y.Doc, props: AddActionProps, origin: Origin): string {
	const p = parse(addInput, props);
	const id = newId();
	validateAction(doc, id, p, undefined);
	doc.transact(() => {
		const rec = createRecord(doc, 'actions', id, { status: 'todo', priority: 'medium', createdAt: now() });
		rec.set('keyResultIds', newIdSet([]));
		rec.set('dependsOn', newIdSet([]));
		createRichText(rec, 'description', null);
		writeFields(rec, p);
		moveTo(liveEntries(doc, 'actions'), id, p.index);
	}, origin);
	return id;
}

export function updateAction(doc: Y.Doc, props: UpdateActionProps, origin: Origin): void {
	const { id, ...patch } = parse(updateInput, props);
	const rec = requireLive(doc, 'actions', id, 'id');
	validateAction(doc, id, patch, rec);
	doc.transact(() => writeFields(rec, patch), origin);
}

const depInput = v.object({ actionId: idSchema, dependsOnId: idSchema });

/** Adds one dependency ("actionId can only start after dependsOnId"), touching only that edge (ACT-3). */
export function addActionDependency(
	doc: Y.Doc,
	props: { actionId: string; dependsOnId: string },
	origin: Origin
): void {
	const { actionId, dependsOnId } = parse(depInput, props);
	const rec = requireLive(doc, 'actions', actionId, 'actionId');
	requireLive(doc, 'actions', dependsOnId, 'dependsOnId');
	if (actionId === dependsOnId)
		throw new PlanError('cycle', 'dependsOnId', 'An action cannot depend on itself');
	if (reaches(effectiveDependencies(storedGraph(doc)), dependsOnId, actionId)) {
		throw new PlanError('cycle', 'dependsOnId', 'dependsOnId: this dependency would create a cycle');
	}
	doc.transact(() => (rec.get('dependsOn') as Y.Map<true>).set(dependsOnId, true), origin);
}

export function removeActionDependency(
	doc: Y.Doc,
	props: { actionId: string; dependsOnId: string },
	origin: Origin
): void {
	const { actionId, dependsOnId } = parse(depInput, props);
	const rec = requireLive(doc, 'actions', actionId, 'actionId');
	doc.transact(() => (rec.get('dependsOn') as Y.Map<true>).delete(dependsOnId), origin);
}

/** Tombstones the action (ACT-5). */
export function removeAction(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	const { id } = parse(v.object({ id: idSchema }), props);
	const rec = requireLive(doc, 'actions', id, 'id');
	doc.transact(() => rec.set('deleted', true), origin);
}

export function reorderAction(doc: Y.Doc, props: { id: string; index: number }, origin: Origin): void {
	reorderRecord(doc, 'actions', props, origin);
}

/** The description's fragment, for binding a Tiptap editor. */
export function getActionDescription(doc: Y.Doc, id: string): Y.XmlFragment | null {
	return richText(collection(doc, 'actions').get(id), 'description');
}

function readRecurrence(value: unknown): Recurrence | null {
	const r = v.safeParse(recurrenceSchema, value);
	return r.success
		? { freq: r.output.freq, interval: r.output.interval, until: r.output.until ?? null }
		: null;
}

/** Live actions in display order, with references resolved (REF-1) and effective dependencies. */
export function selectActions(doc: Y.Doc): Action[] {
	const entries = liveEntries(doc, 'actions');
	const cache = actionCache(doc);
	if (!cache) {
		const deps = effectiveDependencies(storedGraph(doc));
		const liveKeyResults = new Set(liveEntries(doc, 'keyResults').map(([id]) => id));
		return orderedLive(entries).sorted.map(({ id, order, rec }) =>
			readAction(doc, rec, id, order, liveKeyResults, deps.get(id) ?? [])
		);
	}
	// Rebuild only the records changed since the last read; the others keep their Action object.
	if (cache.all) cache.slots.clear();
	let liveKeyResults: Set<string> | null = null;
	let graphChanged = cache.effective === null || cache.slots.size !== entries.length;
	const fresh = new Map<string, Rec>();
	for (const [id, rec] of entries) {
		const slot = cache.slots.get(id);
		if (slot && slot.rec === rec && !cache.dirty.has(id)) continue;
		fresh.set(id, rec);
		const stored = readIdSet(rec, 'dependsOn');
		if (!slot || slot.stored.join() !== stored.join()) graphChanged = true;
	}
	const live = new Set(entries.map(([id]) => id));
	for (const id of cache.slots.keys()) {
		if (!live.has(id)) {
			cache.slots.delete(id);
			graphChanged = true;
		}
	}
	if (graphChanged || !cache.effective) cache.effective = effectiveDependencies(storedGraph(doc));
	const deps = cache.effective;
	const out: Action[] = [];
	for (const { id, order, rec } of orderedLive(entries).sorted) {
		const slot = cache.slots.get(id);
		const dependsOn = deps.get(id) ?? [];
		if (slot && !fresh.has(id)) {
			const same = slot.action.dependsOn.join() === dependsOn.join();
			if (!same) slot.action = { ...slot.action, dependsOn };
			out.push(slot.action);
			continue;
		}
		liveKeyResults ??= new Set(liveEntries(doc, 'keyResults').map(([krId]) => krId));
		const action = readAction(doc, rec, id, order, liveKeyResults, dependsOn);
		cache.slots.set(id, { rec, stored: readIdSet(rec, 'dependsOn'), action });
		out.push(action);
	}
	cache.dirty.clear();
	cache.all = false;
	return out;
}

function readAction(
	doc: Y.Doc,
	rec: Rec,
	id: string,
	order: string,
	liveKeyResults: Set<string>,
	dependsOn: string[]
): Action {
	return {
		id,
		name: str(rec, 'name'),
		status: oneOf(rec, 'status', ACTION_STATUSES, 'todo'),
		workstreamId: ref(doc, 'workstreams', strOrNull(rec, 'workstreamId')),
		descriptionText: readPlainText(rec.get('description')),
		keyResultIds: readIdSet(rec, 'keyResultIds').filter((k) => liveKeyResults.has(k)),
		priority: oneOf(rec, 'priority', PRIORITIES, 'medium'),
		ownerId: ref(doc, 'members', strOrNull(rec, 'ownerId')),
		personDays: numOrNull(rec, 'personDays'),
		periodId: ref(doc, 'periods', strOrNull(rec, 'periodId')),
		start: strOrNull(rec, 'start'),
		end: strOrNull(rec, 'end'),
		dependsOn,
		channelId: ref(doc, 'channels', strOrNull(rec, 'channelId')),
		targetId: ref(doc, 'targets', strOrNull(rec, 'targetId')),
		productLineId: ref(doc, 'productLines', strOrNull(rec, 'productLineId')),
		plannedCost: numOrNull(rec, 'plannedCost'),
		committedCost: numOrNull(rec, 'committedCost'),
		actualCost: numOrNull(rec, 'actualCost'),
		recurrence: readRecurrence(rec.get('recurrence')),
		ideaId: ref(doc, 'ideas', strOrNull(rec, 'ideaId')),
		reviewItemId: ref(doc, 'reviewItems', strOrNull(rec, 'reviewItemId')),
		correctiveForKeyResultId: ref(doc, 'keyResults', strOrNull(rec, 'correctiveForKeyResultId')),
		createdAt: num(rec, 'createdAt'),
		order
	};
}
