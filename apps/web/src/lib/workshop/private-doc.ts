/**
 * The participant's private document (drafts, hidden votes and scores), opened read-only on the plan's
 * websocket, shared by every workshop screen of that websocket and closed when the last one lets go.
 *
 * A workshop screen mounted again (a tap on the workshop entry while in the workshop, which is where a room
 * code lands) lets go of the document before the new screen takes it, so it is closed and reopened on the
 * same websocket within a few milliseconds. Hocuspocus routes a websocket's messages by document name: the
 * reopening's authentication and sync then reached the server's connection that was still closing, were
 * swallowed with it, and the new provider stayed attached with no connection behind it, never receiving a
 * draft (issue #9). So each provider here is addressed by its own session (`sessionAwareness`): a reopened
 * document gets a connection of its own, whatever the old one is still doing.
 */
import { HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';

interface Held {
	doc: Y.Doc;
	provider: HocuspocusProvider;
	users: number;
}

const held = new WeakMap<HocuspocusProviderWebsocket, Map<string, Held>>();

export interface PrivateDoc {
	doc: Y.Doc;
	provider: HocuspocusProvider;
	/** Lets go of it; the last user's release closes it. */
	release(): void;
}

export function acquirePrivateDoc(
	websocket: HocuspocusProviderWebsocket,
	name: string,
	token: () => string
): PrivateDoc {
	let byName = held.get(websocket);
	if (!byName) held.set(websocket, (byName = new Map()));
	let entry = byName.get(name);
	if (!entry) {
		const doc = new Y.Doc();
		const provider = new HocuspocusProvider({
			websocketProvider: websocket,
			name,
			document: doc,
			token,
			sessionAwareness: true
		});
		provider.attach();
		entry = { doc, provider, users: 0 };
		byName.set(name, entry);
	}
	entry.users++;
	const mine = entry;
	let released = false;
	return {
		doc: mine.doc,
		provider: mine.provider,
		release() {
			if (released) return;
			released = true;
			mine.users--;
			if (mine.users > 0) return;
			byName.delete(name);
			mine.provider.destroy();
			mine.doc.destroy();
		}
	};
}
