/**
 * After the server refused a change of this device, rebuild the device's plan so that the refusal costs
 * exactly the refused change (docs/method.md, "One refusal costs one change").
 *
 * The refused update stays in the device's Yjs document, and every later update of that Yjs client
 * depends on it, so it cannot simply be resent without it. Instead, starting again from the server's copy,
 * each of the device's own changes is written again, one field (or one created or removed record) at a
 * time, as new edits of a new Yjs client: the same change the person made, no longer tied to the refused
 * one. Before a change is kept it is checked with the server's own rules (plan-model's checkPlanUpdate,
 * SPEC AUTH-1..5) against the plan as rebuilt so far, and its size against the message limit; one the
 * server would refuse again is left out and reported, with its text so the person can copy it.
 *
 * What others changed meanwhile (in the server's copy only) is kept as it is, never reported.
 */
import {
	checkPlanUpdate,
	PLAN_ROOT_KEYS,
	splitUpdate,
	type Origin,
	type PlanRootKey,
	type ViolationCode,
	type Writer
} from '@cap/plan-model';
import { CLOSE_REASONS, MAX_MESSAGE_BYTES, WORKSHOP_CLOSE_REASON } from '@cap/protocol';
import * as Y from 'yjs';
import { TOO_LARGE_TO_SEND, type DroppedChange } from './recovery.ts';

export { TOO_LARGE_TO_SEND } from './recovery.ts';

/** A change of this device that was not kept. */
export interface RefusedChange {
	root: PlanRootKey;
	/** The record's id, or the field's name for maps of fields (settings, workshop). */
	id: string;
	/** The record's field the change wrote, null when it created or removed the whole record. */
	field: string | null;
	/** The record's name, title or text, shortened; null when it has none. */
	name: string | null;
	/** What the change wrote, as text the person can copy (empty for a removal). */
	text: string;
	/** Why it was not kept: a close reason of @cap/protocol, or TOO_LARGE_TO_SEND. */
	reason: string;
}

export interface Rebased {
	/** The server's copy with every kept change written again (a new Yjs client). */
	doc: Y.Doc;
	refused: RefusedChange[];
	/** How many changes were written again. */
	kept: number;
}

export interface RebaseOptions {
	writer: Writer;
	origin: Origin;
	/**
	 * The server refused for a reason its rules cannot foresee on this device (the plan's size limit,
	 * a repeated refusal): `largest` leaves out the largest change, `all` every change.
	 */
	leaveOut?: 'largest' | 'all' | null;
	/** The reason reported for what `leaveOut` leaves out. */
	reason?: string;
	/** A message's limit; tests pass a smaller one. */
	maxMessageBytes?: number;
}

/** The close reason the server's guard gives for each rule (apps/server guard.ts). */
const REASON_OF: Record<ViolationCode, string> = {
	unresolved: CLOSE_REASONS.outOfSync,
	'not-writable': CLOSE_REASONS.notWritable,
	workshop: WORKSHOP_CLOSE_REASON,
	'comment-only': CLOSE_REASONS.commentOnly,
	'read-only': CLOSE_REASONS.readOnly
};

/** Room in a message for its envelope (document name, message types, length prefix). */
const ENVELOPE_BYTES = 1024;
/** The fields read, in order, to name a record. */
const NAME_FIELDS = ['name', 'title', 'body', 'label'];
const MAX_NAME = 60;
/** Roots whose entries are fields of one record, not records. */
const FIELD_ROOTS: ReadonlySet<string> = new Set(['settings', 'meta', 'workshop']);

/** Plain text of a value: rich text by paragraph, records by their text fields. */
export function textOf(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value instanceof Y.XmlFragment || value instanceof Y.XmlElement) {
		return value
			.toString()
			.replace(/<\/paragraph>|<\/heading>|<br\s*\/?>/g, '\n')
			.replace(/<[^>]*>/g, '')
			.trim();
	}
	if (value instanceof Y.Text) return value.toString();
	if (value instanceof Y.Map) {
		// A record's words: its name (or title, body, label), then its rich texts.
		const names = NAME_FIELDS.map((field) => value.get(field)).filter((v) => typeof v === 'string');
		const texts = [...value.values()].filter((v) => v instanceof Y.XmlFragment);
		return [...names, ...texts]
			.map(textOf)
			.filter((text) => text !== '')
			.join('\n');
	}
	return JSON.stringify(value instanceof Y.AbstractType ? value.toJSON() : value);
}

export function nameOf(value: unknown): string | null {
	if (!(value instanceof Y.Map)) return null;
	for (const field of NAME_FIELDS) {
		const clean = textOf(value.get(field)).replace(/\s+/g, ' ').trim();
		if (clean) return clean.length > MAX_NAME ? `${clean.slice(0, MAX_NAME - 1)}…` : clean;
	}
	return null;
}

function json(value: unknown): string {
	return JSON.stringify(value instanceof Y.AbstractType ? value.toJSON() : value) ?? 'undefined';
}

/** Writes `wanted` as entry `key` of `map`: nested maps field by field, other types as copies. */
function writeEntry(map: Y.Map<unknown>, key: string, wanted: unknown): void {
	if (wanted === undefined) {
		if (map.has(key)) map.delete(key);
		return;
	}
	const current = map.get(key);
	if (wanted instanceof Y.Map && current instanceof Y.Map) {
		for (const k of [...current.keys()]) if (!wanted.has(k)) current.delete(k);
		for (const [k, v] of wanted.entries()) if (json(current.get(k)) !== json(v)) writeEntry(current, k, v);
	} else if (wanted instanceof Y.XmlFragment && current instanceof Y.XmlFragment) {
		current.delete(0, current.length);
		current.insert(
			0,
			wanted.toArray().map((node) => node.clone() as Y.XmlElement | Y.XmlText)
		);
	} else if (wanted instanceof Y.AbstractType) {
		map.set(key, (wanted as Y.AbstractType<unknown>).clone());
	} else map.set(key, wanted);
}

/** One change of this device: one field of a record, or a whole record created or removed. */
interface LocalChange {
	root: PlanRootKey;
	id: string;
	field: string | null;
	/** The value after the device's change (undefined: removed). */
	value: unknown;
	/** The value the server holds (to name a removed record). */
	before: unknown;
}

/** The device's changes the server does not hold, field by field, from `server` and `merged`. */
function localChanges(server: Y.Doc, merged: Y.Doc): LocalChange[] {
	const changes: LocalChange[] = [];
	for (const root of PLAN_ROOT_KEYS) {
		const before = server.getMap<unknown>(root);
		const after = merged.getMap<unknown>(root);
		for (const id of new Set([...before.keys(), ...after.keys()])) {
			const was = before.get(id);
			const is = after.get(id);
			if (json(was) === json(is)) continue;
			if (!FIELD_ROOTS.has(root) && was instanceof Y.Map && is instanceof Y.Map) {
				for (const field of new Set([...was.keys(), ...is.keys()])) {
					if (json(was.get(field)) === json(is.get(field))) continue;
					changes.push({ root, id, field, value: is.get(field), before: was });
				}
			} else changes.push({ root, id, field: null, value: is, before: was });
		}
	}
	return changes;
}

function copyOf(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}

/**
 * Rebuilds `local`'s plan on `server`'s copy, keeping every change of `local` that the server would keep
 * (see the module comment). Neither document is modified.
 */
export function rebaseLocalChanges(server: Y.Doc, local: Y.Doc, options: RebaseOptions): Rebased {
	const limit = (options.maxMessageBytes ?? MAX_MESSAGE_BYTES) - ENVELOPE_BYTES;
	const merged = copyOf(server);
	Y.applyUpdate(merged, Y.encodeStateAsUpdate(local, Y.encodeStateVector(server)));
	const changes = localChanges(server, merged);
	const leftOut = new Set<LocalChange>();
	if (options.leaveOut === 'all') for (const change of changes) leftOut.add(change);
	else if (options.leaveOut === 'largest' && changes.length > 0) {
		const size = (c: LocalChange) => json(c.value).length;
		leftOut.add(changes.reduce((a, b) => (size(b) > size(a) ? b : a)));
	}

	const doc = copyOf(server);
	/** Where each change is tried first: equal to `doc` before each change. */
	let trial = copyOf(server);
	const refused: RefusedChange[] = [];
	let kept = 0;
	const refuse = (change: LocalChange, reason: string) => {
		const record =
			change.field === null ? (change.value ?? change.before) : merged.getMap(change.root).get(change.id);
		refused.push({
			root: change.root,
			id: change.id,
			field: change.field,
			name: FIELD_ROOTS.has(change.root) ? null : (nameOf(record) ?? nameOf(change.before)),
			text: textOf(change.value),
			reason
		});
	};
	for (const change of changes) {
		if (leftOut.has(change)) {
			refuse(change, options.reason ?? CLOSE_REASONS.planTooLarge);
			continue;
		}
		const updates: Uint8Array[] = [];
		const collect = (update: Uint8Array) => updates.push(update);
		trial.on('update', collect);
		trial.transact(() => {
			const root = trial.getMap<unknown>(change.root);
			if (change.field === null) writeEntry(root, change.id, change.value);
			else {
				const record = root.get(change.id);
				if (record instanceof Y.Map) writeEntry(record, change.field, change.value);
			}
		}, options.origin);
		trial.off('update', collect);
		const update = updates.length > 1 ? Y.mergeUpdates(updates) : updates[0];
		if (!update) continue;
		const verdict = checkPlanUpdate(doc, update, options.writer);
		const why = verdict.violation
			? REASON_OF[verdict.violation.code]
			: splitUpdate(update, limit).some((piece) => piece.byteLength > limit)
				? TOO_LARGE_TO_SEND
				: null;
		if (why) {
			refuse(change, why);
			trial.destroy();
			trial = copyOf(doc);
			continue;
		}
		Y.applyUpdate(doc, update, options.origin);
		kept++;
	}
	trial.destroy();
	merged.destroy();
	return { doc, refused, kept };
}

export interface RebuildOptions {
	/** The close reason (or TOO_LARGE_TO_SEND). */
	reason: string;
	writer: Writer;
	origin: Origin;
	/** This device's plan was itself rebuilt after a refusal and not saved since. */
	again: boolean;
}

/**
 * This device's plan rebuilt on the server's copy without what the server refused; `dropped` is null when
 * every change was kept (an update refused only for the order it came in).
 */
export function rebuildAfterRefusal(
	server: Y.Doc,
	local: Y.Doc,
	{ reason, writer, origin, again }: RebuildOptions
): { doc: Y.Doc; dropped: DroppedChange | null } {
	const leaveOut = again ? 'all' : reason === CLOSE_REASONS.planTooLarge ? 'largest' : null;
	const rebased = rebaseLocalChanges(server, local, { writer, origin, leaveOut, reason });
	return {
		doc: rebased.doc,
		dropped: rebased.refused.length > 0 ? { reason, records: rebased.refused } : null
	};
}
