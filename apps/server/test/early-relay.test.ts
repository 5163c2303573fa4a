/**
 * The early relay (SPEC AUTH-6, src/extensions/early-relay.ts): with the store's commits held back, an
 * editor's change reaches the other editors at once, and nobody else (nor its author's acknowledgement)
 * before it is stored; after a crash before the commit, an editor who received it gives it back to the
 * restarted server, which accepts it from them.
 */
import type { Socket } from 'node:net';
import { addAction, addIdea, selectActions, selectIdeas } from '@cap/plan-model';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from '../src/app.ts';
import { openStore } from '../src/store/index.ts';
import type { Store, WriteJob } from '../src/store/types.ts';
import { acknowledged, connectAs, createPlan, Harness, storedDoc, waitFor } from './helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

/** The store, with a switch that holds every later batch until `release` (or forever: a crash). */
function holdable(store: Store) {
	let holding = false;
	const held: Array<() => void> = [];
	const wrapped: Store = {
		...store,
		writeBatch: (jobs: WriteJob[]) =>
			holding
				? new Promise<number[]>((resolve, reject) =>
						held.push(() => void store.writeBatch(jobs).then(resolve, reject))
					)
				: store.writeBatch(jobs)
	};
	return {
		store: wrapped,
		hold: () => (holding = true),
		/** Commits what was held, and lets later batches through. */
		release() {
			holding = false;
			for (const commit of held.splice(0)) commit();
		}
	};
}

/** An app whose sockets the test can cut as a kill -9 would (its own `close` would wait for the store). */
async function crashableApp(store: Store) {
	const config = h.config();
	const app = await startApp(config, { store, compactDebounceMs: 60_000 });
	const sockets = new Set<Socket>();
	app.httpServer.prependListener('upgrade', (_req, socket: Socket) => sockets.add(socket));
	return {
		app,
		config,
		crash() {
			app.httpServer.close();
			for (const socket of sockets) socket.destroy();
		}
	};
}

describe('early relay (AUTH-6)', () => {
	it('an editor’s change reaches the other editors before it is stored, and only them; after a crash they give it back', async () => {
		const raw = await openStore(h.config());
		h.defer(() => raw.close());
		const switchable = holdable(raw);
		const first = await crashableApp(switchable.store);
		const plan = await createPlan(first.app.url);
		const ana = await connectAs(h, first.app, plan, 'editor', 'Ana');
		const bruno = await connectAs(h, first.app, plan, 'editor', 'Bruno');
		const fanny = await connectAs(h, first.app, plan, 'facilitator', 'Fanny');
		const lea = await connectAs(h, first.app, plan, 'commenter', 'Léa');
		const victor = await connectAs(h, first.app, plan, 'viewer', 'Victor');

		switchable.hold();
		const heldBefore = first.app.gate.held;
		addAction(ana.doc, { name: 'Salon Big Data Paris' }, ana.me);
		await waitFor(() => selectActions(bruno.doc).length === 1, 5_000, 'the action at Bruno');
		await waitFor(() => selectActions(fanny.doc).length === 1, 5_000, 'the action at Fanny');
		// Ana's acknowledgement, Léa's and Victor's copies: held until the commit.
		await waitFor(() => first.app.gate.held >= heldBefore + 3, 2_000, 'the held frames');
		expect(ana.provider.hasUnsyncedChanges).toBe(true);
		expect(selectActions(lea.doc)).toEqual([]);
		expect(selectActions(victor.doc)).toEqual([]);

		// kill -9 before the commit; Ana closes her laptop for good.
		ana.provider.destroy();
		first.crash();
		bruno.provider.destroy();

		const second = await h.start(first.config, { store: raw });
		expect(selectActions(await storedDoc(raw, plan.planId))).toEqual([]);
		// Bruno comes back: his provider sends what the server lacks, Ana's action with it, as his own.
		const brunoAgain = await connectAs(h, second, plan, 'editor', 'Bruno', bruno.doc);
		expect(brunoAgain.closes).toEqual([]);
		const leaAgain = await connectAs(h, second, plan, 'commenter', 'Léa');
		await waitFor(() => selectActions(leaAgain.doc).length === 1, 5_000, 'the action at Léa');
		expect(selectActions(leaAgain.doc)[0]!.name).toBe('Salon Big Data Paris');
		expect(selectActions(await storedDoc(raw, plan.planId))).toHaveLength(1);
		expect(brunoAgain.closes).toEqual([]);
	});

	it('an idea (the workshop board) waits for the store, for editors too', async () => {
		const raw = await openStore(h.config());
		h.defer(() => raw.close());
		const switchable = holdable(raw);
		const app = await h.start(h.config(), { store: switchable.store });
		const plan = await createPlan(app.url);
		const ana = await connectAs(h, app, plan, 'editor', 'Ana');
		const bruno = await connectAs(h, app, plan, 'editor', 'Bruno');

		switchable.hold();
		const heldBefore = app.gate.held;
		addIdea(ana.doc, { title: 'Webinaire clients' }, ana.me);
		// Ana's acknowledgement and both copies wait.
		await waitFor(() => app.gate.held >= heldBefore + 3, 2_000, 'the held frames');
		expect(selectIdeas(bruno.doc)).toEqual([]);
		switchable.release();
		await waitFor(() => selectIdeas(bruno.doc).length === 1, 5_000, 'the idea at Bruno');
		await acknowledged(ana.provider);
		expect(ana.closes).toEqual([]);
	});
});
