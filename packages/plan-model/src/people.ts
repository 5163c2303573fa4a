/**
 * Who has joined the plan (SPEC PPL-1, PPL-2): one record per participant, written by the server when
 * one of their connections to the plan opens. The name and role come from their session token, never
 * from a client, so every reader can trust them; a client update touching this root is refused (AUTH-2).
 *
 *   people: Y.Map<ParticipantId, Y.Map<'name' | 'role' | 'joinedAt', value>>
 *
 * This is what lets a comment mention someone who has joined but not written anything yet (CMT-6), and
 * a person's own team-list entry (a member of the same name) count as them (CMT-11).
 */
import * as Y from 'yjs';
import * as v from 'valibot';
import { PlanError } from './errors.ts';
import type { Origin } from './origin.ts';
import { num, str } from './records.ts';
import { now } from './runtime.ts';
import { collection } from './schema.ts';
import { parse, participantIdSchema } from './validate.ts';

export interface PlanPerson {
	/** The participant id of their session. */
	id: string;
	name: string;
	/** Their role the last time they joined (facilitator, editor, commenter, viewer, …). */
	role: string;
	/** When they first joined (epoch ms). */
	joinedAt: number;
}

const joinInput = v.object({
	participantId: participantIdSchema,
	name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
	role: v.pipe(v.string(), v.minLength(1), v.maxLength(32))
});

/**
 * PPL-1: records that a participant joined, as the server saw their session. Writes nothing when the
 * record already holds this name and role, so reconnecting costs nothing; a new name or role replaces
 * the old one, and the first join time is kept. Only the server writes it.
 */
export function recordJoin(
	doc: Y.Doc,
	props: { participantId: string; name: string; role: string },
	origin: Origin
): void {
	if (origin.kind !== 'server') throw new PlanError('forbidden', null, 'Only the server records who joined');
	const p = parse(joinInput, props);
	const people = collection(doc, 'people');
	const rec = people.get(p.participantId);
	if (rec instanceof Y.Map && str(rec, 'name') === p.name && str(rec, 'role') === p.role) return;
	doc.transact(() => {
		if (rec instanceof Y.Map) {
			if (str(rec, 'name') !== p.name) rec.set('name', p.name);
			if (str(rec, 'role') !== p.role) rec.set('role', p.role);
			return;
		}
		const created = new Y.Map<unknown>();
		people.set(p.participantId, created);
		created.set('name', p.name);
		created.set('role', p.role);
		created.set('joinedAt', now());
	}, origin);
}

/** PPL-1: everyone who has joined the plan, by name. */
export function selectPeople(doc: Y.Doc): PlanPerson[] {
	const list: PlanPerson[] = [];
	collection(doc, 'people').forEach((rec, id) => {
		if (!(rec instanceof Y.Map)) return;
		const name = str(rec, 'name');
		if (name === '') return;
		list.push({ id, name, role: str(rec, 'role'), joinedAt: num(rec, 'joinedAt') });
	});
	return list.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

/** How names are compared to match a person with their team-list entry (CMT-11). */
export function sameName(a: string, b: string): boolean {
	const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
	return a !== '' && norm(a) === norm(b);
}
