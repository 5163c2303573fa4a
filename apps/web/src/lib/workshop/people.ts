/** Names of idea authors: members of the plan's presence, or whoever this browser has seen. */
import type { AwarenessUser } from '@cap/protocol';

const seen = new Map<string, string>();

export function authorName(id: string, peers: AwarenessUser[]): string | null {
	if (!id) return null;
	for (const p of peers) seen.set(p.participantId, p.name);
	return seen.get(id) ?? null;
}
