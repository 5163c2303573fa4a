import type { AwarenessUser } from '@cap/protocol';
import { describe, expect, it } from 'vitest';
import { dedupePeers } from './presence.ts';

const user = (participantId: string, name: string, focus: string | null = null): AwarenessUser => ({
	participantId,
	name,
	color: 'red',
	role: 'editor',
	focus
});

describe('presence', () => {
	it('lists me first, then one entry per participant sorted by name', () => {
		const me = user('me', 'Zoé');
		const peers = dedupePeers(
			[user('b', 'Bruno'), me, user('a', 'Alice'), user('b', 'Bruno', 'settings:title')],
			me
		);
		expect(peers.map((p) => p.participantId)).toEqual(['me', 'a', 'b']);
		// The focused tab wins, so "Bruno is editing" shows.
		expect(peers[2]!.focus).toBe('settings:title');
	});
});
