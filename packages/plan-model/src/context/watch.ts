/**
 * The watch (veille) of the plan's context: what competitors do and where the market goes.
 *
 *   watchEntries: Y.Map<Id, Y.Map<'kind' | 'subject' | 'observed' | 'sourceUrl' | 'seenOn' | 'notedById'
 *     | 'order', value> & 'tags': Y.Map<tag, true>>
 *
 * `kind` is `competitor` (a competitor's move) or `trend` (the market, a technology, a regulation);
 * `subject` names the competitor or the trend, `observed` says what was seen, `sourceUrl` where (http or
 * https only, CTX-3), `seenOn` when (a calendar day), `notedById` the team member who noted it. Tags are
 * an id-set-like map keyed by the tag's text, so two people tagging one entry at once keep both tags.
 * Listed newest first by `seenOn`, then by fractional key (CTX-3); removal is a real delete.
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { compareOrdered } from '../order.ts';
import type { Origin } from '../origin.ts';
import {
	insertRecord,
	liveEntries,
	newIdSet,
	oneOf,
	patchRecord,
	readIdSet,
	ref,
	removeRecord,
	requireLive,
	requireRef,
	str,
	strOrNull,
	writeIdSet
} from '../records.ts';
import { newId } from '../runtime.ts';
import {
	arrayOf,
	idSchema,
	indexSchema,
	isoDate,
	nameSchema,
	nullish,
	optionalText,
	parse,
	safeText
} from '../validate.ts';

export const WATCH_KINDS = ['competitor', 'trend'] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];

/** CTX-3: a source is a web address people can open: http or https, nothing else (no javascript:). */
export const sourceUrlSchema = v.pipe(
	v.string(),
	v.trim(),
	v.maxLength(2000),
	v.url('Expected a web address (https://…)'),
	v.check((text: string) => /^https?:\/\//i.test(text), 'Expected a web address (https://…)')
);
const tagSchema = safeText(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40)));

const fields = {
	kind: v.picklist(WATCH_KINDS),
	subject: nameSchema,
	observed: optionalText(5000),
	sourceUrl: nullish(sourceUrlSchema),
	seenOn: nullish(isoDate),
	notedById: nullish(idSchema),
	tags: v.optional(arrayOf(tagSchema, 30))
};
const addInput = v.object({ ...fields, index: indexSchema });
const updateInput = v.partial(v.object({ id: idSchema, ...fields }), ['kind', 'subject']);
export type AddWatchEntryProps = v.InferInput<typeof addInput>;
export type UpdateWatchEntryProps = v.InferInput<typeof updateInput>;

export interface WatchEntry {
	id: string;
	kind: WatchKind;
	subject: string;
	observed: string;
	sourceUrl: string | null;
	seenOn: string | null;
	/** A live team member, or null (REF-1). */
	notedById: string | null;
	/** Sorted. */
	tags: string[];
	order: string;
}

/** CTX-3: adds a watch entry; the member who noted it must exist (REF-2). Returns its id. */
export function addWatchEntry(doc: Y.Doc, props: AddWatchEntryProps, origin: Origin): string {
	const { index, tags, ...f } = parse(addInput, props);
	requireRef(doc, 'members', f.notedById, 'notedById');
	const id = newId();
	doc.transact(() => {
		insertRecord(doc, 'watchEntries', id, { ...f, tags: newIdSet(tags ?? []) }, index);
	}, origin);
	return id;
}

export function updateWatchEntry(doc: Y.Doc, props: UpdateWatchEntryProps, origin: Origin): void {
	const { id, tags, ...patch } = parse(updateInput, props);
	const rec = requireLive(doc, 'watchEntries', id, 'id');
	requireRef(doc, 'members', patch.notedById, 'notedById');
	doc.transact(() => {
		patchRecord(rec, patch);
		if (tags) writeIdSet(rec, 'tags', tags);
	}, origin);
}

export function removeWatchEntry(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	removeRecord(doc, 'watchEntries', props, origin);
}

/** CTX-3: newest first by the day it was seen (undated last), then by fractional key and id (ORD-1). */
export function selectWatchEntries(doc: Y.Doc): WatchEntry[] {
	const entries = liveEntries(doc, 'watchEntries').map(([id, rec]) => ({
		id,
		kind: oneOf(rec, 'kind', WATCH_KINDS, 'competitor'),
		subject: str(rec, 'subject'),
		observed: str(rec, 'observed'),
		sourceUrl: strOrNull(rec, 'sourceUrl'),
		seenOn: strOrNull(rec, 'seenOn'),
		notedById: ref(doc, 'members', strOrNull(rec, 'notedById')),
		tags: readIdSet(rec, 'tags'),
		order: str(rec, 'order')
	}));
	return entries.sort((a, b) => {
		if (a.seenOn !== b.seenOn) {
			if (a.seenOn === null) return 1;
			if (b.seenOn === null) return -1;
			return a.seenOn < b.seenOn ? 1 : -1;
		}
		return compareOrdered(a, b);
	});
}
