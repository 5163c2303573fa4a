/**
 * Personae of the plan's context (step 3 of the method: who the team speaks to).
 *
 *   personas: Y.Map<Id, Y.Map<'name' | 'description' | 'needs' | 'objections' | 'tone' | 'order', string>
 *     & 'targetIds' | 'channelIds': Y.Map<Id, true>>
 *
 * `targetIds` links the persona to the plan's targets (settings lists), `channelIds` names the channels
 * where the persona can be reached. Both id sets are created with the record (see schema.ts), so two
 * people linking different channels at once both win. `needs` and `objections` are plain texts, one
 * item per line (CTX-1). Ordered by fractional key (ORD-1); removal is a real delete, and links to a
 * removed persona read as absent (REF-1).
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { orderedLive } from '../order.ts';
import type { Origin } from '../origin.ts';
import {
	insertRecord,
	liveEntries,
	liveRecord,
	newIdSet,
	patchRecord,
	readIdSet,
	removeRecord,
	reorderRecord,
	requireLive,
	str,
	writeIdSet
} from '../records.ts';
import { newId } from '../runtime.ts';
import type { PlanRootKey } from '../schema.ts';
import { arrayOf, idSchema, indexSchema, nameSchema, optionalText, parse } from '../validate.ts';

const idList = arrayOf(idSchema, 200);
const fields = {
	name: nameSchema,
	description: optionalText(5000),
	needs: optionalText(5000),
	objections: optionalText(5000),
	tone: optionalText(2000),
	targetIds: v.optional(idList),
	channelIds: v.optional(idList)
};
const addInput = v.object({ ...fields, index: indexSchema });
const updateInput = v.partial(v.object({ id: idSchema, ...fields }), ['name']);
export type AddPersonaProps = v.InferInput<typeof addInput>;
export type UpdatePersonaProps = v.InferInput<typeof updateInput>;

export interface Persona {
	id: string;
	name: string;
	/** Who they are: situation, habits. */
	description: string;
	needs: string;
	objections: string;
	/** CTX-1: the objections one per line, blank lines left out (workshop prompts). */
	objectionList: string[];
	/** The tone to use with them. */
	tone: string;
	/** Linked targets of the settings lists, live ones only (REF-1). */
	targetIds: string[];
	/** Channels where they can be reached, live ones only (REF-1). */
	channelIds: string[];
	order: string;
}

/** The live ids of an id set (REF-1: a removed record's id is left out). */
export function liveIds(doc: Y.Doc, rec: Y.Map<unknown>, field: string, key: PlanRootKey): string[] {
	return readIdSet(rec, field).filter((id) => liveRecord(doc, key, id) !== undefined);
}

/** CTX-1: one item per non-blank line, trimmed. */
export function lines(text: string): string[] {
	return text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line.length > 0);
}

function requireRefs(doc: Y.Doc, key: PlanRootKey, ids: readonly string[] | undefined, field: string): void {
	for (const id of ids ?? []) requireLive(doc, key, id, field);
}

/** CTX-1: adds a persona; targets and channels must exist (REF-2). Returns its id. */
export function addPersona(doc: Y.Doc, props: AddPersonaProps, origin: Origin): string {
	const { index, targetIds, channelIds, ...f } = parse(addInput, props);
	requireRefs(doc, 'targets', targetIds, 'targetIds');
	requireRefs(doc, 'channels', channelIds, 'channelIds');
	const id = newId();
	doc.transact(() => {
		insertRecord(
			doc,
			'personas',
			id,
			{ ...f, targetIds: newIdSet(targetIds ?? []), channelIds: newIdSet(channelIds ?? []) },
			index
		);
	}, origin);
	return id;
}

/** CTX-1: changes the given fields; id sets are made equal to the given lists, touching only what changes. */
export function updatePersona(doc: Y.Doc, props: UpdatePersonaProps, origin: Origin): void {
	const { id, targetIds, channelIds, ...patch } = parse(updateInput, props);
	const rec = requireLive(doc, 'personas', id, 'id');
	requireRefs(doc, 'targets', targetIds, 'targetIds');
	requireRefs(doc, 'channels', channelIds, 'channelIds');
	doc.transact(() => {
		patchRecord(rec, patch);
		if (targetIds) writeIdSet(rec, 'targetIds', targetIds);
		if (channelIds) writeIdSet(rec, 'channelIds', channelIds);
	}, origin);
}

export function removePersona(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	removeRecord(doc, 'personas', props, origin);
}

export function reorderPersona(doc: Y.Doc, props: { id: string; index: number }, origin: Origin): void {
	reorderRecord(doc, 'personas', props, origin);
}

export function selectPersonas(doc: Y.Doc): Persona[] {
	return orderedLive(liveEntries(doc, 'personas')).sorted.map(({ id, order, rec }) => {
		const objections = str(rec, 'objections');
		return {
			id,
			name: str(rec, 'name'),
			description: str(rec, 'description'),
			needs: str(rec, 'needs'),
			objections,
			objectionList: lines(objections),
			tone: str(rec, 'tone'),
			targetIds: liveIds(doc, rec, 'targetIds', 'targets'),
			channelIds: liveIds(doc, rec, 'channelIds', 'channels'),
			order
		};
	});
}

export type ChannelFit = 'reachable' | 'unreachable' | 'unknown';

/**
 * CTX-2: whether a channel reaches a persona ("seniors are not on TikTok"): `reachable` when the persona
 * lists it, `unreachable` when the persona lists other channels only, `unknown` when it lists none (or
 * either record is gone): nothing to check against.
 */
export function channelFit(doc: Y.Doc, personaId: string | null, channelId: string | null): ChannelFit {
	if (personaId === null || channelId === null) return 'unknown';
	const rec = liveRecord(doc, 'personas', personaId);
	if (!rec || !liveRecord(doc, 'channels', channelId)) return 'unknown';
	const reachable = liveIds(doc, rec, 'channelIds', 'channels');
	if (reachable.length === 0) return 'unknown';
	return reachable.includes(channelId) ? 'reachable' : 'unreachable';
}
