/**
 * Live speed (#8), PostgreSQL: a compaction runs beside the write queue (Store.compactAside), so
 * nobody's edits wait behind it. Before, a compaction was a barrier in the queue: every edit made while
 * it read, merged and rewrote the log was held, the ack and the other people's copies with it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { planDocumentName } from '@cap/protocol';
import * as Y from 'yjs';
import { openPostgresStore } from '../src/store/postgres.ts';
import type { Store } from '../src/store/types.ts';
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

/**
 * A Cap process on a fresh PostgreSQL schema, its store wrapped by `wrap` (to hold or watch it), a plan,
 * and two editors, Ana and Bob, synced.
 */
async function twoEditors(wrap: (store: Store) => Partial<Store>, compactDebounceMs: number) {
	const { schema, drop } = pgSchema();
	h.defer(drop);
	const store = await openPostgresStore(PG_URL, schema);
	h.defer(() => store.close());
	const wrapped: Store = Object.assign(Object.create(store) as Store, wrap(store));
	const config = h.config({ DATABASE_URL: PG_URL, PG_SCHEMA: schema });
	const app = await h.start(config, { store: wrapped, compactDebounceMs });
	const plan = await createPlan(app.url);
	const name = planDocumentName(plan.planId);
	const [ana, bob] = await Promise.all([
		join(app.url, plan, 'editor', 'Ana'),
		join(app.url, plan, 'editor', 'Bob')
	]);
	const a = h.provider(app, name, ana.token);
	const b = h.provider(app, name, bob.token);
	await Promise.all([acknowledged(a.provider), acknowledged(b.provider)]);
	return { store, config, app, plan, name, a, b };
}

/** Ana and Bob each set `rounds` values, Ana deleting one in ten; messages leave a few at a time. */
async function storm(a: Y.Doc, b: Y.Doc, rounds: number) {
	for (let i = 0; i < rounds; i++) {
		a.getMap('keyMoments').set(`a${i}`, i);
		b.getMap('keyMoments').set(`b${i}`, i);
		// A deletion too: a snapshot that missed it would bring the value back.
		if (i % 10 === 9) a.getMap('keyMoments').delete(`a${i - 5}`);
		// Let the messages go out a few at a time, so compactions fall between them.
		if (i % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
	}
}

describe.runIf(withPostgres)('compaction beside the write queue (PostgreSQL)', () => {
	it(
		'edits reach the others and are acknowledged while a compaction is still running, and all are kept',
		{ timeout: 20_000 },
		async () => {
			// The compaction is held open until the test lets it go, as a slow one on a big plan would be.
			let started = 0;
			let release!: () => void;
			const held = new Promise<void>((resolve) => (release = resolve));
			const { store, config, app, plan, name, a, b } = await twoEditors(
				(store) => ({
					async compactAside(docName, state, known) {
						started++;
						await held;
						return store.compactAside!(docName, state, known);
					},
					// A compaction sent through the queue instead is held the same way.
					async writeBatch(jobs) {
						if (jobs.some((job) => job.kind === 'compact')) {
							started++;
							await held;
						}
						return store.writeBatch(jobs);
					}
				}),
				50
			);

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
			const { config, app, plan, name, a, b } = await twoEditors(() => ({}), 10);
			const rounds = 150;
			await storm(a.doc, b.doc, rounds);
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
			// Every appended row by its number, and every compaction with the rows it was told to replace.
			const appended = new Map<number, Uint8Array>();
			const calls: Array<{ state: Uint8Array; known: readonly number[] }> = [];
			const { a, b } = await twoEditors(
				(store) => ({
					async writeBatch(jobs) {
						const seqs = await store.writeBatch(jobs);
						jobs.forEach((job, i) => job.kind === 'append' && appended.set(seqs[i]!, job.update));
						return seqs;
					},
					async compactAside(docName, state, known) {
						if (known) calls.push({ state, known });
						return store.compactAside!(docName, state, known);
					}
				}),
				5
			);
			await storm(a.doc, b.doc, 200);
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
