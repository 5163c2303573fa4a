/**
 * The participant's private document (drafts, hidden votes and scores), opened read-only on the plan's
 * websocket, shared by every workshop screen of that websocket and closed when the last one lets go.
 *
 * Hocuspocus's websocket keeps one provider per document name and detaches by name: when the workshop
 * screen is mounted again (a navigation to the same section), the new screen's provider would attach
 * before the old screen's teardown, and that teardown would then detach the new one (and close the
 * document on the server) — the new screen would never see its own drafts again. So the document and its
 * provider are held here, counted, and destroyed once.
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
		const provider = new HocuspocusProvider({ websocketProvider: websocket, name, document: doc, token });
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
