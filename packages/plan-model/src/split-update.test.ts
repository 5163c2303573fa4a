import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction } from './actions.ts';
import { splitUpdate } from './split-update.ts';
import { alice, newPlan } from './test-utils.ts';

/** Applies `pieces` in order to a copy of `before` and returns the copy. */
function replay(before: Uint8Array, pieces: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, before);
	for (const piece of pieces) {
		Y.applyUpdate(doc, piece);
		// Each piece applies on its own: nothing waits for a later one.
		expect(doc.store.pendingStructs).toBeNull();
	}
	return doc;
}

describe('SYNC-1 splitting a large update', () => {
	it('a plan-sized import splits into pieces under the limit that rebuild the same document', () => {
		const doc = newPlan();
		const before = Y.encodeStateAsUpdate(doc);
		let big: Uint8Array | null = null;
		doc.once('update', (update: Uint8Array) => (big = update));
		doc.transact(() => {
			for (let i = 0; i < 400; i++) addAction(doc, { name: `Action ${i} ${'x'.repeat(180)}` }, alice);
			// Deletions in the same change: the delete set travels too.
			doc.getMap('keyMoments').set('tmp', 1);
			doc.getMap('keyMoments').delete('tmp');
		}, alice);
		const update = big! as Uint8Array;
		const pieces = splitUpdate(update, 16 * 1024);
		expect(update.byteLength).toBeGreaterThan(80 * 1024);
		expect(pieces.length).toBeGreaterThan(4);
		for (const piece of pieces) expect(piece.byteLength).toBeLessThanOrEqual(16 * 1024);
		const copy = replay(before, pieces);
		expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(doc));
		expect(copy.getMap('actions').toJSON()).toEqual(doc.getMap('actions').toJSON());
		expect(copy.getMap('keyMoments').has('tmp')).toBe(false);
	});

	it('random edits by several peers, split at random sizes, converge to the unsplit result', () => {
		let seed = 42;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		for (let round = 0; round < 30; round++) {
			const a = new Y.Doc();
			const b = new Y.Doc();
			Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
			const text = a.getText('t');
			const list = a.getArray<number>('l');
			const map = a.getMap('m');
			// Some content from another peer first, so origins point at both clients.
			b.getText('t').insert(0, 'bonjour le monde');
			Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
			const base = Y.encodeStateAsUpdate(a);
			let update: Uint8Array | null = null;
			a.once('update', (u: Uint8Array) => (update = u));
			a.transact(() => {
				for (let i = 0; i < 200; i++) {
					const r = random();
					if (r < 0.4) text.insert(Math.floor(random() * (text.length + 1)), `mot${i} `);
					else if (r < 0.55 && text.length > 3) text.delete(Math.floor(random() * (text.length - 2)), 2);
					else if (r < 0.75) list.insert(Math.floor(random() * (list.length + 1)), [i]);
					else if (r < 0.85 && list.length > 0) list.delete(Math.floor(random() * list.length), 1);
					else {
						const nested = new Y.Map<number>();
						map.set(`k${i % 17}`, nested);
						nested.set('v', i);
					}
				}
			});
			const max = 200 + Math.floor(random() * 2_000);
			const pieces = splitUpdate(update! as Uint8Array, max);
			const copy = replay(base, pieces);
			expect(copy.getText('t').toString()).toBe(text.toString());
			expect(copy.getArray('l').toJSON()).toEqual(list.toJSON());
			expect(copy.getMap('m').toJSON()).toEqual(map.toJSON());
		}
	});

	it('leaves an update under the limit as it is', () => {
		const doc = new Y.Doc();
		let update: Uint8Array | null = null;
		doc.once('update', (u: Uint8Array) => (update = u));
		doc.getMap('m').set('a', 1);
		expect(splitUpdate(update!, 1_000)).toEqual([update]);
	});
});
