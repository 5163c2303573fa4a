/**
 * Names of people. Comments store participant ids only; a name comes from the team list (members), from
 * who is here now (awareness), or from what this browser saw before (a small cache in localStorage), so
 * an author who left still reads as a name. Kept apart from people.ts (record names), which reads every
 * kind of record: the plan shell needs only these, and loads the rest with the comments panel.
 */
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

export function personName(sync: PlanSync, id: string): string {
	const member = sync.members.find((mbr) => mbr.id === id);
	if (member) return member.name;
	const peer = sync.peers.find((p) => p.participantId === id);
	if (peer) return peer.name;
	return cache()[id] ?? m.cmt_someone();
}
