/**
 * Several processes on one PostgreSQL (issue #13): compaction must never delete a row it has not
 * merged into its snapshot. Two stores on one schema stand for two processes: each has its own pool,
 * so their transactions interleave as two processes' would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadConfig } from '../src/config.ts';
import { openPostgresStore } from '../src/store/postgres.ts';
import type { Store } from '../src/store/types.ts';
import { Harness, PG_URL, pgSchema, postgresAvailable, storedDoc } from './helpers.ts';

const h = new Harness();
const withPostgres = await postgresAvailable();
afterEach(() => h.cleanup());

async function twoStores(): Promise<[Store, Store]> {
	const { schema, drop } = pgSchema();
	h.defer(drop);
	const a = await openPostgresStore(PG_URL, schema);
	h.defer(() => a.close());
	const b = await openPostgresStore(PG_URL, schema);
	h.defer(() => b.close());
	return [a, b];
}

/** A change made by a process that holds `doc`: the update it would append. */
function change(doc: Y.Doc, key: string, value: unknown): Uint8Array {
	let update: Uint8Array | null = null;
	const listen = (u: Uint8Array) => (update = u);
	doc.on('update', listen);
	doc.getMap('m').set(key, value);
	doc.off('update', listen);
	return update!;
}

describe.runIf(withPostgres)('compaction with several writers (PostgreSQL)', () => {
	it('keeps a row another process appended and this one never applied', async () => {
		const [a, b] = await twoStores();
		await a.appendUpdate('doc', change(new Y.Doc(), 'first', 1));
		const docA = await storedDoc(a, 'doc');
		const docB = await storedDoc(b, 'doc');
		// B appends a change A never hears of (no relay between them).
		await b.writeBatch([{ kind: 'append', doc: 'doc', update: change(docB, 'fromB', 'b') }]);
		// A appends its own change, then compacts with the state it holds, as the persistence does.
		await a.writeBatch([
			{ kind: 'append', doc: 'doc', update: change(docA, 'fromA', 'a') },
			{ kind: 'compact', doc: 'doc', state: Y.encodeStateAsUpdate(docA) }
		]);
		const after = (await storedDoc(b, 'doc')).getMap('m').toJSON();
		expect(after).toEqual({ first: 1, fromA: 'a', fromB: 'b' });
		expect((await a.loadDocument('doc')).updates.length).toBeLessThanOrEqual(2);
	});

	it('loses nothing when compactions race appends of another process', async () => {
		const [a, b] = await twoStores();
		await a.appendUpdate('doc', change(new Y.Doc(), 'first', 0));
		const docA = await storedDoc(a, 'doc');
		const docB = await storedDoc(b, 'doc');
		const rounds = 40;
		await Promise.all([
			(async () => {
				for (let i = 0; i < rounds; i++)
					await b.writeBatch([{ kind: 'append', doc: 'doc', update: change(docB, `b${i}`, i) }]);
			})(),
			(async () => {
				for (let i = 0; i < rounds; i++)
					await a.writeBatch([
						{ kind: 'append', doc: 'doc', update: change(docA, `a${i}`, i) },
						{ kind: 'compact', doc: 'doc', state: Y.encodeStateAsUpdate(docA) }
					]);
			})()
		]);
		const after = (await storedDoc(a, 'doc')).getMap('m').toJSON();
		for (let i = 0; i < rounds; i++) {
			expect(after[`a${i}`]).toBe(i);
			expect(after[`b${i}`]).toBe(i);
		}
	});
});

describe.runIf(withPostgres)('compaction beside the write queue (PostgreSQL, Store.compactAside)', () => {
	it('a snapshot taken before appends that committed since still keeps them', async () => {
		const [a] = await twoStores();
		const doc = new Y.Doc();
		await a.appendUpdate('doc', change(doc, 'first', 1));
		await a.appendUpdate('doc', change(doc, 'second', 2));
		// The server encodes its state, then appends arrive and commit before the compaction reads.
		const stale = Y.encodeStateAsUpdate(doc);
		await a.writeBatch([{ kind: 'append', doc: 'doc', update: change(doc, 'late', 3) }]);
		await a.compactAside!('doc', stale);
		expect((await storedDoc(a, 'doc')).getMap('m').toJSON()).toEqual({ first: 1, second: 2, late: 3 });
		expect((await a.loadDocument('doc')).updates).toHaveLength(1);
	});

	it('loses nothing when compactions run while appends of the same process are in flight', async () => {
		const [a] = await twoStores();
		const doc = new Y.Doc();
		await a.appendUpdate('doc', change(doc, 'k0', 0));
		const rounds = 60;
		const appends: Promise<number[]>[] = [];
		const compactions: Promise<unknown>[] = [];
		for (let i = 1; i <= rounds; i++) {
			// As the write queue does with PostgreSQL: several batches in flight, not awaited one by one.
			appends.push(a.writeBatch([{ kind: 'append', doc: 'doc', update: change(doc, `k${i}`, i) }]));
			if (i % 6 === 0) compactions.push(a.compactAside!('doc', Y.encodeStateAsUpdate(doc)));
		}
		await Promise.all([...appends, ...compactions]);
		const after = (await storedDoc(a, 'doc')).getMap('m').toJSON();
		for (let i = 0; i <= rounds; i++) expect(after[`k${i}`]).toBe(i);
	});
});

describe.runIf(withPostgres)('compaction of known rows (PostgreSQL, one process)', () => {
	it('replaces exactly the rows it is given, reads nothing else, and keeps the others', async () => {
		const [a] = await twoStores();
		const doc = new Y.Doc();
		const s1 = await a.appendUpdate('doc', change(doc, 'one', 1));
		const s2 = await a.appendUpdate('doc', change(doc, 'two', 2));
		const state = Y.encodeStateAsUpdate(doc);
		// A row the caller does not vouch for (appended after its snapshot) stays, whatever its number.
		const s3 = await a.appendUpdate('doc', change(doc, 'three', 3));
		expect(await a.compactAside!('doc', state, [s1, s2])).toBe(s2);
		const stored = await a.loadDocument('doc');
		expect(stored.seqs).toEqual([s2, s3]);
		expect((await storedDoc(a, 'doc')).getMap('m').toJSON()).toEqual({ one: 1, two: 2, three: 3 });
		// Nothing to replace: nothing happens.
		expect(await a.compactAside!('doc', state, [s1])).toBeUndefined();
		expect((await a.loadDocument('doc')).seqs).toEqual([s2, s3]);
	});
});

describe('several-process settings', () => {
	it('REDIS_URL needs a redis:// URL and DATABASE_URL (SQLite is one process by construction)', () => {
		const dir = h.dir();
		expect(() => loadConfig({ DATA_DIR: dir, REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
			/REDIS_URL: needs DATABASE_URL/
		);
		expect(() => loadConfig({ DATA_DIR: dir, DATABASE_URL: PG_URL, REDIS_URL: 'http://x' })).toThrow(
			/REDIS_URL: expected a redis:\/\/ or rediss:\/\/ URL/
		);
		expect(
			loadConfig({ DATA_DIR: dir, DATABASE_URL: PG_URL, REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl
		).toBe('redis://127.0.0.1:6379');
	});
});
