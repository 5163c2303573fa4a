/**
 * Names of people. Comments store participant ids only; a name comes from the team list (members), from
 * who is here now (awareness), from who joined the plan (plan-model PPL-1), or from what this browser saw
 * before (a small cache in localStorage), so an author who left still reads as a name. A role mention
 * (CMT-11) reads as the role's word ("animateur"). Kept apart from people.ts (record names), which reads every
 * kind of record: the plan shell needs only these, and loads the rest with the comments panel.
 */
import { mentionedRole, selectPeople, type MentionRole } from '@cap/plan-model';
import * as m from '#lib/paraglide/messages.js';
import type { PlanSync } from '#lib/sync/plan.svelte.ts';

const CACHE = 'cap.names';

function cache(): Record<string, string> {
	try {
		return JSON.parse(localStorage.getItem(CACHE) ?? '{}') as Record<string, string>;
	} catch {
		return {};
	}
}

/** Remembers the names of everyone present, for later. */
export function rememberPeers(sync: PlanSync): void {
	const known = cache();
	let changed = false;
	for (const peer of sync.peers) {
		if (known[peer.participantId] !== peer.name) {
			known[peer.participantId] = peer.name;
			changed = true;
		}
	}
	if (changed) localStorage.setItem(CACHE, JSON.stringify(known));
}

/** The word a role mention is written with, without the "@" (CMT-11). */
export function roleMentionName(role: MentionRole): string {
	switch (role) {
		case 'facilitator':
			return m.cmt_role_mention_facilitator();
		case 'editor':
			return m.cmt_role_mention_editor();
		default:
			return m.cmt_role_mention_commenter();
	}
}

export function personName(sync: PlanSync, id: string): string {
	const role = mentionedRole(id);
	if (role) return roleMentionName(role);
	const member = sync.members.find((mbr) => mbr.id === id);
	if (member) return member.name;
	const peer = sync.peers.find((p) => p.participantId === id);
	if (peer) return peer.name;
	const joined = sync.read((doc) => selectPeople(doc)).find((p) => p.id === id);
	if (joined) return joined.name;
	return cache()[id] ?? m.cmt_someone();
}
