/** One contract every store passes (SQLite and PostgreSQL run the same suite, store.test.ts). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PlanMeta, Store } from '../src/store/types.ts';

export function storeContract(
	name: string,
	open: () => Promise<{ store: Store; dispose: () => Promise<void> }>
) {
	describe(`store contract: ${name}`, () => {
		let store: Store;
		let dispose: () => Promise<void>;

		beforeEach(async () => {
			({ store, dispose } = await open());
		});
		afterEach(async () => {
			await store.close();
			await dispose();
		});

		const meta = (id: string): PlanMeta => ({
			id,
			title: 'Plan 2027',
			year: 2027,
			locale: 'fr',
			currency: 'EUR',
			createdAt: 1_700_000_000_000
		});

		const update = (key: string, value: number, doc = new Y.Doc()) => {
			doc.getMap('m').set(key, value);
			return Y.encodeStateAsUpdate(doc);
		};

		const replay = (updates: Uint8Array[]) => {
			const doc = new Y.Doc();
			for (const u of updates) Y.applyUpdate(doc, u);
			return doc.getMap('m').toJSON();
		};

		it('creates a plan with its first update and reads it back', async () => {
			await store.createPlan(meta('plan_aaaaaaaaaa'), update('a', 1));
			expect(await store.getPlan('plan_aaaaaaaaaa')).toEqual(meta('plan_aaaaaaaaaa'));
			expect(await store.getPlan('plan_missing00')).toBeNull();
			const loaded = await store.loadDocument('plan_aaaaaaaaaa');
			expect(replay(loaded.updates)).toEqual({ a: 1 });
			expect(loaded.lastSeq).toBeGreaterThan(0);
		});

		it('refuses a second plan with the same id', async () => {
			await store.createPlan(meta('plan_bbbbbbbbbb'), update('a', 1));
			await expect(store.createPlan(meta('plan_bbbbbbbbbb'), update('a', 2))).rejects.toThrow();
		});

		it('appends updates in order with increasing sequence numbers, per document', async () => {
			const s1 = await store.appendUpdate('doc_one_00000', update('x', 1));
			const s2 = await store.appendUpdate('doc_two_00000', update('y', 2));
			const s3 = await store.appendUpdate('doc_one_00000', update('z', 3));
			expect(s2).toBeGreaterThan(s1);
			expect(s3).toBeGreaterThan(s2);
			const one = await store.loadDocument('doc_one_00000');
			expect(one.updates).toHaveLength(2);
			expect(one.lastSeq).toBe(s3);
			expect(one.seqs).toEqual([s1, s3]);
			expect(replay(one.updates)).toEqual({ x: 1, z: 3 });
			expect(await store.loadDocument('doc_none_0000')).toEqual({ updates: [], seqs: [], lastSeq: 0 });
		});

		it('sets a row aside: out of the log, counted, and never touched by a compaction', async () => {
			const doc = new Y.Doc();
			const good = await store.appendUpdate('doc_s_0000000', update('ok', 1, doc));
			const bad = await store.appendUpdate('doc_s_0000000', new Uint8Array([255, 1, 2]));
			const before = await store.countSetAside();
			await store.setAside('doc_s_0000000', bad, 'unreadable');
			expect(await store.countSetAside()).toBe(before + 1);
			const loaded = await store.loadDocument('doc_s_0000000');
			expect(loaded.seqs).toEqual([good]);
			await store.appendUpdate('doc_s_0000000', update('more', 2, doc));
			await store.compact('doc_s_0000000', Y.encodeStateAsUpdate(doc), bad + 10);
			expect(replay((await store.loadDocument('doc_s_0000000')).updates)).toEqual({ ok: 1, more: 2 });
			expect(await store.countSetAside()).toBe(before + 1);
		});

		it('compacts a prefix into one snapshot and keeps rows appended after it', async () => {
			const doc = new Y.Doc();
			let last = 0;
			for (let i = 0; i < 5; i++) last = await store.appendUpdate('doc_c_0000000', update(`k${i}`, i, doc));
			const merged = Y.encodeStateAsUpdate(doc);
			// Appended "concurrently": after the merged state was taken, so not contained in it.
			const later = await store.appendUpdate('doc_c_0000000', update('late', 99));
			await store.compact('doc_c_0000000', merged, last);
			const loaded = await store.loadDocument('doc_c_0000000');
			expect(loaded.updates).toHaveLength(2);
			expect(loaded.lastSeq).toBe(later);
			expect(replay(loaded.updates)).toEqual({ k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, late: 99 });
			// Further appends still sort after the snapshot.
			expect(await store.appendUpdate('doc_c_0000000', update('after', 1))).toBeGreaterThan(later);
		});

		it('counts the bytes a document takes, from its rows, after a compaction too', async () => {
			const doc = new Y.Doc();
			const rows = [update('a', 1, doc), update('b', 2, doc)];
			let last = 0;
			for (const row of rows) last = await store.appendUpdate('doc_b_0000000', row);
			await store.appendUpdate('doc_b_other00', update('c', 3));
			expect(await store.documentBytes('doc_b_0000000')).toBe(rows[0]!.byteLength + rows[1]!.byteLength);
			const merged = Y.encodeStateAsUpdate(doc);
			await store.compact('doc_b_0000000', merged, last);
			expect(await store.documentBytes('doc_b_0000000')).toBe(merged.byteLength);
			expect(await store.documentBytes('doc_b_none000')).toBe(0);
		});

		it('leaves a single row alone and never touches other documents', async () => {
			const only = await store.appendUpdate('doc_single_00', update('a', 1));
			await store.appendUpdate('doc_other_000', update('b', 2));
			await store.compact('doc_single_00', update('a', 1), only);
			expect((await store.loadDocument('doc_single_00')).updates).toHaveLength(1);
			expect(replay((await store.loadDocument('doc_other_000')).updates)).toEqual({ b: 2 });
		});

		it('lists the documents under a prefix, literally (no wildcard)', async () => {
			await store.appendUpdate('plan_bbbbbbbbbb.private.p1', update('a', 1));
			await store.appendUpdate('plan_bbbbbbbbbb.private.p1', update('b', 1));
			await store.appendUpdate('plan_bbbbbbbbbb.private.p2', update('a', 1));
			await store.appendUpdate('plan_bbbbbbbbbbX', update('a', 1));
			await store.appendUpdate('plan_b_bbbbbbbb.private.p3', update('a', 1));
			expect(await store.listDocuments('plan_bbbbbbbbbb.private.')).toEqual([
				'plan_bbbbbbbbbb.private.p1',
				'plan_bbbbbbbbbb.private.p2'
			]);
			expect(await store.listDocuments('nothing.')).toEqual([]);
		});

		it('stores join codes with expiry; a live code is never taken over, an expired one is', async () => {
			const now = Date.now();
			const entry = { code: 'ABC234', planId: 'plan_cccccccccc', invite: 'inv.1', expiresAt: now + 60_000 };
			expect(await store.createJoinCode(entry)).toBe(true);
			expect(await store.resolveJoinCode('ABC234', now)).toEqual(entry);
			expect(await store.createJoinCode({ ...entry, invite: 'inv.2' })).toBe(false);
			expect(await store.resolveJoinCode('ABC234', now + 60_001)).toBeNull();
			expect(await store.resolveJoinCode('ZZZ999', now)).toBeNull();
			const old = { ...entry, code: 'OLD234', expiresAt: now - 1 };
			expect(await store.createJoinCode(old)).toBe(true);
			expect(await store.createJoinCode({ ...old, invite: 'inv.3', expiresAt: now + 1_000 })).toBe(true);
			expect((await store.resolveJoinCode('OLD234', now))?.invite).toBe('inv.3');
		});

		it("counts a plan's live join codes only", async () => {
			const now = Date.now();
			const planId = 'plan_dddddddddd';
			expect(await store.countJoinCodes(planId, now)).toBe(0);
			await store.createJoinCode({ code: 'LIVE2345', planId, invite: 'i', expiresAt: now + 60_000 });
			await store.createJoinCode({ code: 'LIVE2346', planId, invite: 'i', expiresAt: now + 1_000 });
			await store.createJoinCode({ code: 'GONE2345', planId, invite: 'i', expiresAt: now - 1 });
			await store.createJoinCode({
				code: 'ELSE2345',
				planId: 'plan_eeeeeeeeee',
				invite: 'i',
				expiresAt: now + 60_000
			});
			expect(await store.countJoinCodes(planId, now)).toBe(2);
			expect(await store.countJoinCodes(planId, now + 1_000)).toBe(1);
		});

		it('commits a batch in order: a compaction replaces the rows before it and keeps those after it', async () => {
			const doc = new Y.Doc();
			const a = update('a', 1, doc);
			const b = update('b', 2, doc);
			const state = Y.encodeStateAsUpdate(doc);
			const seqs = await store.writeBatch([
				{ kind: 'append', doc: 'doc_batch_000', update: a },
				{ kind: 'append', doc: 'doc_other_000', update: update('z', 9) },
				{ kind: 'append', doc: 'doc_batch_000', update: b },
				{ kind: 'compact', doc: 'doc_batch_000', state },
				{ kind: 'append', doc: 'doc_batch_000', update: update('c', 3, doc) }
			]);
			expect(seqs[3]).toBe(0);
			const appended = [seqs[0]!, seqs[1]!, seqs[2]!, seqs[4]!];
			expect([...appended].sort((x, y) => x - y)).toEqual(appended);
			const loaded = await store.loadDocument('doc_batch_000');
			expect(loaded.updates).toHaveLength(2);
			expect(replay(loaded.updates)).toEqual({ a: 1, b: 2, c: 3 });
			expect(loaded.lastSeq).toBe(seqs[4]);
			expect(replay((await store.loadDocument('doc_other_000')).updates)).toEqual({ z: 9 });
		});

		it('writes nothing of a batch that fails', async () => {
			await expect(
				store.writeBatch([
					{ kind: 'append', doc: 'doc_atomic_00', update: update('a', 1) },
					// Deliberately not an update (the type says it cannot be): the database refuses this row.
					{ kind: 'append', doc: 'doc_atomic_00', update: null as unknown as Uint8Array }
				])
			).rejects.toThrow();
			expect((await store.loadDocument('doc_atomic_00')).updates).toEqual([]);
			await store.appendUpdate('doc_atomic_00', update('b', 2));
			expect(replay((await store.loadDocument('doc_atomic_00')).updates)).toEqual({ b: 2 });
		});

		it('answers ping while open', async () => {
			await expect(store.ping()).resolves.toBeUndefined();
		});

		it('starts every invite at generation 0 and rotates one role at a time, per plan', async () => {
			expect(await store.inviteGenerations('plan_gen0000000')).toEqual({
				facilitator: 0,
				editor: 0,
				commenter: 0,
				viewer: 0
			});
			expect(await store.rotateInvite('plan_gen0000000', 'editor')).toBe(1);
			expect(await store.rotateInvite('plan_gen0000000', 'editor')).toBe(2);
			expect(await store.rotateInvite('plan_gen0000000', 'viewer')).toBe(1);
			expect(await store.inviteGenerations('plan_gen0000000')).toMatchObject({
				editor: 2,
				viewer: 1,
				facilitator: 0
			});
			expect((await store.inviteGenerations('plan_other00000')).editor).toBe(0);
		});

		it('keeps named versions as full states, newest first, untouched by compaction', async () => {
			const doc = new Y.Doc();
			await store.createPlan(meta('plan_vers000000'), update('a', 1, doc));
			const v1 = Y.encodeStateAsUpdate(doc);
			const base = { planId: 'plan_vers000000', authorName: 'Inès', authorId: 'p1', bytes: v1.byteLength };
			await store.saveVersion({ ...base, id: 'ver_one', name: 'v1', createdAt: 1_000 }, v1);
			const s2 = await store.appendUpdate('plan_vers000000', update('b', 2, doc));
			await store.compact('plan_vers000000', Y.encodeStateAsUpdate(doc), s2);
			const v2 = Y.encodeStateAsUpdate(doc);
			await store.saveVersion(
				{
					...base,
					id: 'ver_two',
					name: 'restored v1',
					createdAt: 2_000,
					bytes: v2.byteLength,
					restoredFrom: 'ver_one'
				},
				v2
			);
			const list = await store.listVersions('plan_vers000000');
			expect(list.map((v) => [v.id, v.name, v.restoredFrom])).toEqual([
				['ver_two', 'restored v1', 'ver_one'],
				['ver_one', 'v1', undefined]
			]);
			expect(list[1]).toEqual({ ...base, id: 'ver_one', name: 'v1', createdAt: 1_000 });
			const one = await store.getVersion('plan_vers000000', 'ver_one');
			expect(replay([one!.state])).toEqual({ a: 1 });
			expect(await store.getVersion('plan_other00000', 'ver_one')).toBeNull();
			expect(await store.listVersions('plan_other00000')).toEqual([]);
		});
	});
}
