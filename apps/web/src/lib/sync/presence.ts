/** Pure presence helpers, kept out of the bridge so they are unit-tested without a provider. */
import type { AwarenessUser } from '@cap/protocol';

/**
 * One entry per participant (the same person in two tabs shows once), this participant first, then the
 * others by name so avatars do not jump around when someone's cursor moves.
 */
export function dedupePeers(users: AwarenessUser[], self: AwarenessUser): AwarenessUser[] {
	const byId = new Map<string, AwarenessUser>();
	for (const user of users) {
		if (user.participantId === self.participantId) continue;
		const seen = byId.get(user.participantId);
		// Prefer the tab that is focused on something, so "X is editing" is not hidden by an idle tab.
		if (!seen || (!seen.focus && user.focus)) byId.set(user.participantId, user);
	}
	const others = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
	return [self, ...others];
}
