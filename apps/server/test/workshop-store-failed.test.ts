/**
 * A workshop command whose writes could not be stored (SPEC WS-9, workshop/answers.ts `settling`): it
 * was applied in the server's memory, and the persistence retry stores it once the store takes writes
 * again. The app, told nothing (its connection closed with the failed write), sends the command again
 * with the same id: it gets the command's true answer, and the command counts once.
 */
import { selectIdeas } from '@cap/plan-model';
import type { WorkshopServerMessage } from '@cap/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStore } from '../src/store/sqlite.ts';
import type { Store, WriteJob } from '../src/store/types.ts';
import { acknowledged, createPlan, Harness, waitFor } from './helpers.ts';
import { workshopClient } from './workshop-helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

describe('a command answered store-failed, sent again (WS-9)', () => {
	it('gets its true answer once its writes are stored, and counts once', async () => {
		const config = h.config();
		const real = await openSqliteStore(`${config.dataDir}/cap.sqlite`);
		h.defer(() => real.close());
		let failing = false;
		const store: Store = {
			...real,
			writeBatch: (jobs: WriteJob[]) =>
				failing
					? Promise.reject(new Error('SQLITE_FULL: database or disk is full (injected)'))
					: real.writeBatch(jobs)
		};
		const app = await h.start(config, { store });
		const plan = await createPlan(app.url);
		const fanny = await workshopClient(h, app, plan, 'facilitator', 'Fanny');
		await fanny.ok({ t: 'phase', phase: 'grouping' });
		const replies: WorkshopServerMessage[] = [];
		fanny.provider.on('stateless', ({ payload }: { payload: string }) => {
			const reply = JSON.parse(payload) as WorkshopServerMessage;
			if (reply.id === 'salon-1') replies.push(reply);
		});
		const addSalon = JSON.stringify({ t: 'addIdea', id: 'salon-1', title: 'Salon régional' });

		// The disk is full: the idea is applied in memory, its write fails, the connection closes.
		failing = true;
		fanny.provider.sendStateless(addSalon);
		await waitFor(() => fanny.closes.includes('store-failed'), 10_000, 'the connection closed');
		// The disk has room again; the app reconnects and sends the same command again.
		failing = false;
		await acknowledged(fanny.provider, 20_000);
		fanny.provider.sendStateless(addSalon);
		await waitFor(() => replies.some((r) => r.t === 'ack' && r.ok), 20_000, 'the true answer');

		const answer = replies.find((r) => r.t === 'ack' && r.ok) as { ideaId?: string };
		const stored = new Y.Doc();
		for (const update of (await real.loadDocument(plan.planId)).updates) Y.applyUpdate(stored, update);
		const salons = selectIdeas(stored).filter((idea) => idea.title === 'Salon régional');
		expect(salons.map((idea) => idea.id)).toEqual([answer.ideaId]);
		// Sent once more, the same answer, still one idea.
		fanny.provider.sendStateless(addSalon);
		await waitFor(() => replies.filter((r) => r.t === 'ack' && r.ok).length === 2, 10_000, 'the same answer');
		expect(replies.filter((r) => r.t === 'ack' && r.ok)).toEqual([answer, answer]);
		await waitFor(
			() => selectIdeas(fanny.doc).filter((idea) => idea.title === 'Salon régional').length === 1,
			5_000,
			'one idea on the screen'
		);
	}, 60_000);
});
