/**
 * Presence in the plan: this participant's AwarenessUser (section, focused field) published on the live
 * provider, and everyone here, one entry per participant (several tabs count once, presence.ts).
 */
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { participantColor, type AwarenessUser } from '@cap/protocol';
import type { StoredSession } from '../session.ts';
import { dedupePeers } from './presence.ts';

export class Peers {
	/** Everyone here now, this participant first, one entry per participant. */
	all = $state<AwarenessUser[]>([]);
	#local: AwarenessUser;
	#provider: HocuspocusProvider | null = null;
	/** Names of the Yjs clients seen in presence, to say who wrote a value, even after they left. */
	// Read on demand when a notice is built, never rendered from: a plain map is right.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #clientNames = new Map<number, string>();

	constructor(session: StoredSession) {
		this.#local = {
			participantId: session.participantId,
			name: session.name,
			color: participantColor(session.participantId),
			role: session.role,
			section: undefined,
			focus: null
		};
		this.all = [this.#local];
	}

	/**
	 * Publishes this participant on `provider`. A provider replacing one (the session renewed) speaks for
	 * the same Yjs client: its presence must go on from the clock the old one ended at, its "gone"
	 * included, or everyone else keeps ignoring it as older news and this participant vanishes.
	 */
	attach(provider: HocuspocusProvider, previous: HocuspocusProvider | null, clientId: number): void {
		const clock = previous?.awareness?.meta.get(clientId)?.clock;
		if (clock !== undefined) provider.awareness?.meta.set(clientId, { clock, lastUpdated: Date.now() });
		provider.setAwarenessField('user', this.#local);
		this.#provider = provider;
	}

	detach(): void {
		this.#provider = null;
	}

	/** Changes what this participant shows (section, focused field). */
	set(patch: Partial<AwarenessUser>): void {
		this.#local = { ...this.#local, ...patch };
		this.#provider?.setAwarenessField('user', this.#local);
		if (!this.#provider) this.all = [this.#local];
	}

	/** Reads everyone's presence again (the provider's awareness changed). */
	refresh(): void {
		const users: AwarenessUser[] = [];
		this.#provider?.awareness?.getStates().forEach((state, clientId) => {
			const user = (state as { user?: AwarenessUser }).user;
			if (user && typeof user.participantId === 'string') {
				users.push(user);
				this.#clientNames.set(clientId, user.name);
			}
		});
		this.all = dedupePeers(users, this.#local);
	}

	/** The name of whoever wrote with Yjs client `client`, if they were seen here, else null. */
	nameOfClient(client: number): string | null {
		return this.#clientNames.get(client) ?? null;
	}
}
