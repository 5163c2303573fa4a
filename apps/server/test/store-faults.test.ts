/**
 * What a store that refuses writes (a full disk) does to the process: /healthz says so while it lasts,
 * and recovers when writes are stored again; the write queue's metrics show what waits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite.ts';
import type { Store, WriteJob } from '../src/store/types.ts';
import * as Y from 'yjs';
import { acknowledged, connectAs, createPlan, Harness, join, waitFor } from './helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

describe('a store that refuses writes', () => {
	it('/healthz answers 503 "store-refuses-writes" while writes fail, and 200 again once one is stored', async () => {
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
		const eva = await connectAs(h, app, plan, 'editor', 'Éva');
		const health = async () => {
			const res = await fetch(`${app.url}/healthz`);
			return { status: res.status, body: (await res.json()) as Record<string, unknown> };
		};
		expect((await health()).status).toBe(200);

		failing = true;
		eva.doc.getMap('keyMoments').set('pendant', 1);
		await waitFor(async () => (await health()).status === 503, 5_000, '/healthz degraded');
		expect((await health()).body).toMatchObject({ ok: false, degraded: 'store-refuses-writes' });

		// The disk has room again: the retry stores what memory held, and the process is healthy.
		failing = false;
		await waitFor(async () => (await health()).status === 200, 10_000, '/healthz recovered');
		await acknowledged(eva.provider, 10_000);
		const stored = await real.loadDocument(plan.planId);
		expect(stored.updates.length).toBeGreaterThan(0);
	});

	it('a document the store cannot load closes the connection with store-failed; the tab connects again by itself', async () => {
		const config = h.config();
		const real = await openSqliteStore(`${config.dataDir}/cap.sqlite`);
		h.defer(() => real.close());
		let refusals = 0;
		const store: Store = {
			...real,
			loadDocument: (name: string) =>
				refusals-- > 0
					? Promise.reject(new Error('Query read timeout (injected: the store stopped answering)'))
					: real.loadDocument(name)
		};
		const app = await h.start(config, { store });
		const plan = await createPlan(app.url);
		// The plan is in the store; the first two loads of it fail, as they would while PostgreSQL stalls.
		refusals = 2;
		const eva = h.provider(app, plan.planId, (await join(app.url, plan, 'editor', 'Éva')).token);
		const closes: string[] = [];
		eva.provider.on('close', ({ event }: { event: { reason: string } }) => closes.push(event.reason));
		eva.doc.getMap('keyMoments').set('typed-offline', 1);
		await acknowledged(eva.provider, 20_000);
		expect(eva.failures).toEqual([]);
		expect(closes).toContain('store-failed');
		const doc = new Y.Doc();
		for (const update of (await real.loadDocument(plan.planId)).updates) Y.applyUpdate(doc, update);
		expect(doc.getMap('keyMoments').get('typed-offline')).toBe(1);
	}, 30_000);
});
