/**
 * Live speed (#8), PostgreSQL: a compaction runs beside the write queue (Store.compactAside), so
 * nobody's edits wait behind it. Before, a compaction was a barrier in the queue: every edit made while
 * it read, merged and rewrote the log was held, the ack and the other people's copies with it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { planDocumentName } from '@cap/protocol';
import { openPostgresStore } from '../src/store/postgres.ts';
import type { Store, WriteJob } from '../src/store/types.ts';
import {
	acknowledged,
	createPlan,
	Harness,
	join,
	PG_URL,
	pgSchema,
	postgresAvailable,
	waitFor
} from './helpers.ts';

const h = new Harness();
const withPostgres = await postgresAvailable();
afterEach(() => h.cleanup());

describe.runIf(withPostgres)('compaction beside the write queue (PostgreSQL)', () => {
	it(
		'edits reach the others and are acknowledged while a compaction is still running, and all are kept',
		{ timeout: 20_000 },
		async () => {
			const { schema, drop } = pgSchema();
			h.defer(drop);
			const store = await openPostgresStore(PG_URL, schema);
			h.defer(() => store.close());
			// The compaction is held open until the test lets it go, as a slow one on a big plan would be.
			let started = 0;
			let release!: () => void;
			const held = new Promise<void>((resolve) => (release = resolve));
			const compactAside = store.compactAside!.bind(store);
			const writeBatch = store.writeBatch.bind(store);
			const slow: Store = Object.assign(Object.create(store) as Store, {
				async compactAside(docName: string, state: Uint8Array) {
					started++;
					await held;
					await compactAside(docName, state);
				},
				// A compaction sent through the queue instead is held the same way.
				async writeBatch(jobs: WriteJob[]) {
					if (jobs.some((job) => job.kind === 'compact')) {
						started++;
						await held;
					}
					return writeBatch(jobs);
				}
			});
			const config = h.config({ DATABASE_URL: PG_URL, PG_SCHEMA: schema });
			const app = await h.start(config, { store: slow, compactDebounceMs: 50 });
			const plan = await createPlan(app.url);
			const name = planDocumentName(plan.planId);
			const [ana, bob] = await Promise.all([
				join(app.url, plan, 'editor', 'Ana'),
				join(app.url, plan, 'editor', 'Bob')
			]);
			const a = h.provider(app, name, ana.token);
			const b = h.provider(app, name, bob.token);
			await Promise.all([acknowledged(a.provider), acknowledged(b.provider)]);

			a.doc.getMap('keyMoments').set('before', 1);
			await acknowledged(a.provider);
			await waitFor(() => started > 0, 5_000, 'a compaction to start');
			// While it runs: Ana's next edits are acknowledged and Bob has them.
			for (let i = 0; i < 5; i++) a.doc.getMap('keyMoments').set(`during-${i}`, i);
			await acknowledged(a.provider);
			await waitFor(() => b.doc.getMap('keyMoments').size === 6, 5_000, 'Bob to have every edit');
			release();
			a.provider.destroy();
			b.provider.destroy();
			await app.close();

			// Nothing was lost: the plan reloads with every edit.
			const again = await h.start(config, { store, compactDebounceMs: 50 });
			const c = h.provider(again, name, (await join(again.url, plan, 'viewer', 'Chloé')).token);
			await waitFor(() => c.doc.getMap('keyMoments').size === 6, 5_000, 'the edits after a restart');
			expect(c.doc.getMap('keyMoments').toJSON()).toMatchObject({ before: 1, 'during-4': 4 });
		}
	);
});
