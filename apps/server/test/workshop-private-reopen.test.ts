/**
 * Issue #9: a workshop screen mounted again closes its participant's private document and reopens it on
 * the same websocket at once (the web app's private-doc.ts). Hocuspocus routes a websocket's messages by
 * their address: reopened under the bare document name, the new authentication and sync reach the
 * server's connection that is still closing and are swallowed with it, so the reopened document never
 * receives a draft. Addressed by its own session (`sessionAwareness`), the reopened document gets a
 * connection of its own and the drafts written afterwards. The control shows the test reaches the case.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { privateDocumentName } from '@cap/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { acknowledged, createPlan, Harness, waitFor, wsUrl } from './helpers.ts';
import { workshopClient } from './workshop-helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

describe('a private document closed and reopened at once on the same websocket', () => {
	async function reopen(sessionAwareness: boolean) {
		const app = await h.start();
		const plan = await createPlan(app.url, 'Atelier rouvert');
		const facilitator = await workshopClient(h, app, plan, 'facilitator', 'Marie');
		const socket = new HocuspocusProviderWebsocket({ url: wsUrl(app.url) });
		h.defer(() => socket.destroy());
		const lucas = await workshopClient(h, app, plan, 'commenter', 'Lucas', { websocket: socket });
		await facilitator.ok({ t: 'phase', phase: 'silentWriting' });

		const open = () => {
			const provider = new HocuspocusProvider({
				websocketProvider: socket,
				name: privateDocumentName(plan.planId, lucas.participantId),
				token: lucas.token,
				document: new Y.Doc(),
				sessionAwareness
			});
			provider.attach();
			h.defer(() => provider.destroy());
			return provider;
		};
		const first = open();
		await acknowledged(first);
		// The old screen lets go, the new one opens in the same task: the frames leave together.
		first.destroy();
		const second = open();
		// The sync answer follows the authentication answer on the wire when the connection is set up.
		await waitFor(() => second.isSynced, 5_000, 'the reopened document synced');
		return { lucas, second };
	}

	it('addressed by its own session, it is authenticated and receives the drafts written after', async () => {
		const { lucas, second } = await reopen(true);
		expect(second.isAuthenticated).toBe(true);
		await lucas.ok({ t: 'addIdea', title: 'Webinaire mensuel' });
		await waitFor(() => second.document.getMap('drafts').size === 1, 5_000, 'the draft in the reopened doc');
		const [draft] = [...second.document.getMap('drafts').values()] as Y.Map<unknown>[];
		expect(draft?.get('title')).toBe('Webinaire mensuel');
	});

	it('control: addressed by the bare document name, its authentication is swallowed by the closing connection', async () => {
		const { second } = await reopen(false);
		// Synced by the answer of the closing connection, never authenticated: nothing will reach it.
		expect(second.isAuthenticated).toBe(false);
	});
});
