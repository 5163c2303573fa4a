/**
 * Live speed (#8), PostgreSQL: a compaction runs beside the write queue (Store.compactAside), so
 * nobody's edits wait behind it. Before, a compaction was a barrier in the queue: every edit made while
 * it read, merged and rewrote the log was held, the ack and the other people's copies with it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { planDocumentName } from '@cap/protocol';
import * as Y from 'yjs';
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

	it(
		'many edits from two people while compactions come and go: every one is kept',
		{ timeout: 30_000 },
		async () => {
			const { schema, drop } = pgSchema();
			h.defer(drop);
			const config = h.config({ DATABASE_URL: PG_URL, PG_SCHEMA: schema });
			const app = await h.start(config, { compactDebounceMs: 10 });
			const plan = await createPlan(app.url);
			const name = planDocumentName(plan.planId);
			const [ana, bob] = await Promise.all([
				join(app.url, plan, 'editor', 'Ana'),
				join(app.url, plan, 'editor', 'Bob')
			]);
			const a = h.provider(app, name, ana.token);
			const b = h.provider(app, name, bob.token);
			await Promise.all([acknowledged(a.provider), acknowledged(b.provider)]);
			const rounds = 150;
			for (let i = 0; i < rounds; i++) {
				a.doc.getMap('keyMoments').set(`a${i}`, i);
				b.doc.getMap('keyMoments').set(`b${i}`, i);
				// A deletion too: a snapshot that missed it would bring the value back.
				if (i % 10 === 9) a.doc.getMap('keyMoments').delete(`a${i - 5}`);
				// Let the messages go out one by one, so compactions fall between them.
				if (i % 5 === 0) await new Promise((resolve) => setImmediate(resolve));
			}
			await Promise.all([acknowledged(a.provider, 15_000), acknowledged(b.provider, 15_000)]);
			const expected = a.doc.getMap('keyMoments').toJSON();
			expect(Object.keys(expected)).toHaveLength(2 * rounds - rounds / 10);
			a.provider.destroy();
			b.provider.destroy();
			await app.close();

			const again = await h.start(config);
			const c = h.provider(again, name, (await join(again.url, plan, 'viewer', 'Chloé')).token);
			await waitFor(() => c.provider.isSynced, 5_000, 'the plan after a restart');
			expect(c.doc.getMap('keyMoments').toJSON()).toEqual(expected);
		}
	);

	it(
		'a compaction vouches only for rows its snapshot holds (what a kill -9 right after it would keep)',
		{ timeout: 30_000 },
		async () => {
			const { schema, drop } = pgSchema();
			h.defer(drop);
			const store = await openPostgresStore(PG_URL, schema);
			h.defer(() => store.close());
			// Every appended row by its number, and every compaction with the rows it was told to replace.
			const appended = new Map<number, Uint8Array>();
			const calls: Array<{ state: Uint8Array; known: readonly number[] }> = [];
			const writeBatch = store.writeBatch.bind(store);
			const compactAside = store.compactAside!.bind(store);
			const watched: Store = Object.assign(Object.create(store) as Store, {
				async writeBatch(jobs: WriteJob[]) {
					const seqs = await writeBatch(jobs);
					jobs.forEach((job, i) => job.kind === 'append' && appended.set(seqs[i]!, job.update));
					return seqs;
				},
				async compactAside(docName: string, state: Uint8Array, known?: readonly number[]) {
					if (known) calls.push({ state, known });
					return compactAside(docName, state, known);
				}
			});
			const config = h.config({ DATABASE_URL: PG_URL, PG_SCHEMA: schema });
			const app = await h.start(config, { store: watched, compactDebounceMs: 5 });
			const plan = await createPlan(app.url);
			const name = planDocumentName(plan.planId);
			const [ana, bob] = await Promise.all([
				join(app.url, plan, 'editor', 'Ana'),
				join(app.url, plan, 'editor', 'Bob')
			]);
			const a = h.provider(app, name, ana.token);
			const b = h.provider(app, name, bob.token);
			await Promise.all([acknowledged(a.provider), acknowledged(b.provider)]);
			for (let i = 0; i < 200; i++) {
				a.doc.getMap('keyMoments').set(`a${i}`, i);
				b.doc.getMap('keyMoments').set(`b${i}`, i);
				if (i % 10 === 9) a.doc.getMap('keyMoments').delete(`a${i - 5}`);
				if (i % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
			}
			await Promise.all([acknowledged(a.provider, 15_000), acknowledged(b.provider, 15_000)]);
			await waitFor(() => calls.length >= 3, 5_000, 'compactions during the edits');
			for (const { state, known } of calls) {
				const snapshot = new Y.Doc();
				Y.applyUpdate(snapshot, state);
				for (const seq of known) {
					const row = appended.get(seq);
					if (!row) continue; // loaded with the plan, so in every later snapshot
					const withRow = new Y.Doc();
					Y.applyUpdate(withRow, state);
					Y.applyUpdate(withRow, row);
					expect(withRow.getMap('keyMoments').toJSON(), `row ${seq} is in the snapshot`).toEqual(
						snapshot.getMap('keyMoments').toJSON()
					);
					expect(Y.encodeStateVector(withRow)).toEqual(Y.encodeStateVector(snapshot));
				}
			}
		}
	);
});
