/**
 * Presence churn (issue #22): one connection sending presence as fast as it can is coalesced on the
 * server, so the others receive a bounded number of presence messages, always ending on the latest
 * state, and edits keep flowing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { planDocumentName, type AwarenessUser } from '@cap/protocol';
import * as Y from 'yjs';
import { acknowledged, createPlan, Harness, join, waitFor, wsUrl } from './helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

function client(url: string, planId: string, token: string) {
	const doc = new Y.Doc();
	const provider = new HocuspocusProvider({
		url: wsUrl(url),
		name: planDocumentName(planId),
		token,
		document: doc
	});
	h.defer(() => provider.destroy());
	return { doc, provider };
}

describe('presence', () => {
	it("PRESENCE_RATE coalesces one connection's churn: others get a few messages, ending on the latest", async () => {
		const app = await h.start(h.config({ PRESENCE_RATE: '10/s' }));
		const plan = await createPlan(app.url);
		const churner = client(app.url, plan.planId, (await join(app.url, plan, 'viewer', 'Vite')).token);
		const watcher = client(app.url, plan.planId, (await join(app.url, plan, 'editor', 'Éva')).token);
		await Promise.all([acknowledged(churner.provider), acknowledged(watcher.provider)]);

		const churnerId = churner.doc.clientID;
		let received = 0;
		watcher.provider.awareness!.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
			if ([...added, ...updated].includes(churnerId)) received++;
		});
		const focusOf = () =>
			(watcher.provider.awareness!.getStates().get(churnerId)?.user as AwarenessUser | undefined)?.focus;

		// As fast as it may: one presence change every turn of the event loop, for 300 turns.
		const started = Date.now();
		for (let i = 0; i < 300; i++) {
			churner.provider.setAwarenessField('user', { section: 'actions', focus: `cell-${i}` });
			await new Promise((resolve) => setImmediate(resolve));
		}
		await waitFor(() => focusOf() === 'cell-299', 10_000, 'the latest presence');
		const seconds = (Date.now() - started) / 1000;
		// At most one message a tenth of a second, plus the first and the last.
		expect(received).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 2);

		// Edits are not held back by it.
		const editor = client(app.url, plan.planId, (await join(app.url, plan, 'editor', 'Ben')).token);
		await acknowledged(editor.provider);
		editor.doc.getMap('keyMoments').set('salon', 1);
		await waitFor(() => watcher.doc.getMap('keyMoments').has('salon'));
	});
});
