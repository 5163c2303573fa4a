import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { runSeed } from '../fuzz.ts';
import { createPeers } from '../testing/index.ts';
import { addMarketingObjective, getMarketingObjectiveRationale } from '../objectives.ts';
import { initPlan } from '../plan.ts';
import { PLAN_ROOT_KEYS } from '../schema.ts';
import { startThread, toggleReaction } from '../comments.ts';
import { alice, bob } from '../test-utils.ts';
import { describeUpdate, NewType, type UpdateChange } from './update-changes.ts';

/**
 * The reference the decoder must agree with: apply the update to a full copy of the document and read
 * the transaction's `changed` map (what the server did before AUTH-1, at the cost of a copy per update).
 */
function oracle(live: Y.Doc, update: Uint8Array): Set<string> | 'unresolved' {
	const scratch = new Y.Doc();
	for (const key of PLAN_ROOT_KEYS) scratch.getMap(key);
	Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live));
	const changed: Array<[Y.AbstractType<unknown>, Set<string | null>]> = [];
	scratch.on('afterTransaction', (tr: Y.Transaction) => {
		for (const [type, keys] of tr.changed) changed.push([type as Y.AbstractType<unknown>, keys]);
	});
	Y.applyUpdate(scratch, update);
	try {
		if (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null) return 'unresolved';
		const out = new Set<string>();
		for (const [type, keys] of changed) {
			const at = pathIn(scratch, type);
			for (const key of keys) {
				out.add(at.inSequence || key === null ? `seq ${at.path.join('.')}` : `${at.path.join('.')}.${key}`);
			}
		}
		return out;
	} finally {
		scratch.destroy();
	}
}

function pathIn(doc: Y.Doc, type: Y.AbstractType<unknown>): { path: string[]; inSequence: boolean } {
	if (type._item === null) {
		for (const [name, root] of doc.share) if (root === type) return { path: [name], inSequence: false };
		throw new Error('a root without a name');
	}
	const item = type._item;
	const up = pathIn(doc, item.parent as Y.AbstractType<unknown>);
	if (up.inSequence || item.parentSub === null) return { path: up.path, inSequence: true };
	return { path: [...up.path, item.parentSub], inSequence: false };
}

function keysOf(changes: UpdateChange[]): Set<string> {
	return new Set(changes.map((c) => (c.kind === 'sequence' ? `seq ${c.path.join('.')}` : c.path.join('.'))));
}

/** Two replicas of one plan: `server` is the live document, `client` writes. */
function pair() {
	const client = new Y.Doc();
	initPlan(client, { title: 'PAC 2027', year: 2027 }, alice);
	const server = new Y.Doc();
	Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
	/** The update `write` makes on the client, described against the server, which then applies it. */
	const next = (write: () => void) => {
		const before = Y.encodeStateVector(server);
		write();
		const update = Y.encodeStateAsUpdate(client, before);
		const described = describeUpdate(server, update);
		Y.applyUpdate(server, update);
		return { update, described };
	};
	return { client, server, next };
}

describe('describeUpdate (AUTH-1)', () => {
	it('AUTH-1 names every entry and sequence an update changes, as applying it to a copy would (fuzzed, 4 peers)', () => {
		let compared = 0;
		let unresolved = 0;
		for (let seed = 1; seed <= 8; seed++) {
			runSeed(seed, {
				steps: 100,
				onDeliver: (peer, update) => {
					const live = peer.doc;
					// A replica already holding pending content is not what a server holds (it refuses those).
					if (live.store.pendingStructs !== null || live.store.pendingDs !== null) return;
					const expected = oracle(live, update);
					const described = describeUpdate(live, update);
					compared++;
					if (expected === 'unresolved') {
						unresolved++;
						expect(described.ok, `seed ${seed}: unresolved`).toBe(false);
						return;
					}
					expect(described.ok, `seed ${seed}: ${described.ok ? '' : described.unresolved}`).toBe(true);
					if (!described.ok) return;
					expect(keysOf(described.changes), `seed ${seed}`).toEqual(expected);
				}
			});
		}
		// The run must have reached the interesting cases, not only empty updates.
		expect(compared).toBeGreaterThan(500);
		expect(unresolved).toBeGreaterThan(5);
	}, 120_000);

	it('AUTH-1 agrees with applying to a copy on concurrent rich text edits delivered out of order (fuzzed)', () => {
		let sequences = 0;
		let unresolved = 0;
		for (let seed = 1; seed <= 6; seed++) {
			const net = createPeers({
				peers: 3,
				seed,
				onDeliver: (peer, update) => {
					const live = peer.doc;
					if (live.store.pendingStructs !== null || live.store.pendingDs !== null) return;
					const expected = oracle(live, update);
					const described = describeUpdate(live, update);
					if (expected === 'unresolved') {
						unresolved++;
						expect(described.ok).toBe(false);
						return;
					}
					expect(described.ok).toBe(true);
					if (!described.ok) return;
					sequences += described.changes.filter((c) => c.kind === 'sequence').length;
					expect(keysOf(described.changes), `seed ${seed}`).toEqual(expected);
				}
			});
			try {
				const [first] = net.peers;
				initPlan(first!.doc, { title: 'PAC', year: 2027 }, first!.origin);
				const id = addMarketingObjective(
					first!.doc,
					{ name: 'Notoriété', family: 'communication', nature: 'qualitative', rationale: 'Salon\nRadio' },
					first!.origin
				);
				net.flushAll();
				for (let step = 0; step < 60; step++) {
					const { doc } = net.rng.pick(net.peers);
					const fragment = getMarketingObjectiveRationale(doc, id)!;
					const rng = net.rng;
					if (fragment.length === 0 || rng.bool(0.2)) {
						const p = new Y.XmlElement('paragraph');
						p.insert(0, [new Y.XmlText(`ligne ${step}`)]);
						fragment.insert(rng.int(0, fragment.length), [p]);
					} else {
						const p = fragment.get(rng.int(0, fragment.length - 1)) as Y.XmlElement;
						const text = p.get(0);
						if (rng.bool(0.15)) fragment.delete(fragment.toArray().indexOf(p), 1);
						else if (text instanceof Y.XmlText && text.length > 0 && rng.bool(0.4)) text.delete(0, 1);
						else if (text instanceof Y.XmlText) text.insert(rng.int(0, text.length), 'x');
						else p.setAttribute('level', String(step));
					}
					net.flushSome(rng.int(0, 3));
				}
				net.compare();
			} finally {
				net.destroy();
			}
		}
		expect(sequences).toBeGreaterThan(60);
		expect(unresolved).toBeGreaterThan(0);
	}, 120_000);

	it('AUTH-1 a new record is one change whose value reads like a map, nested types included', () => {
		const { next, client } = pair();
		const me = alice;
		const { described } = next(() =>
			startThread(client, { targetType: 'plan', targetId: 'plan', body: 'Budget salon ?' }, me)
		);
		expect(described.ok).toBe(true);
		if (!described.ok) return;
		const paths = described.changes.map((c) => c.path.slice(0, 1)[0]).sort();
		expect(paths).toEqual(['commentThreads', 'comments']);
		const comment = described.changes.find((c) => c.path[0] === 'comments');
		expect(comment?.kind).toBe('set');
		const value = comment?.kind === 'set' ? comment.after : null;
		expect(value).toBeInstanceOf(NewType);
		const record = value as NewType;
		expect(record.kind).toBe('map');
		expect(record.get('body')).toBe('Budget salon ?');
		expect(record.get('authorId')).toBe('alice');
		expect((record.get('reactions') as NewType).kind).toBe('map');
		expect(record.keys()).toContain('threadId');
	});

	it('AUTH-1 a field set, a nested entry and a removal name their path and their value after', () => {
		const { next, client } = pair();
		const thread = startThread(client, { targetType: 'plan', targetId: 'plan', body: 'Salon ?' }, alice);
		next(() => {});
		const { described } = next(() => toggleReaction(client, { id: thread.commentId, emoji: '👍' }, bob));
		expect(described).toEqual({
			ok: true,
			changes: [
				{ kind: 'set', path: ['comments', thread.commentId, 'reactions', `${'bob'}:👍`], after: true }
			]
		});
		const off = next(() => toggleReaction(client, { id: thread.commentId, emoji: '👍' }, bob)).described;
		expect(off).toEqual({
			ok: true,
			changes: [
				{ kind: 'delete', path: ['comments', thread.commentId, 'reactions', `${'bob'}:👍`], after: undefined }
			]
		});
		const gone = next(() => client.getMap('commentThreads').delete(thread.threadId)).described;
		expect(gone).toEqual({
			ok: true,
			changes: [{ kind: 'delete', path: ['commentThreads', thread.threadId], after: undefined }]
		});
	});

	it('AUTH-1 typing in rich text is one sequence change on the field that holds it', () => {
		const { next, client } = pair();
		const id = addMarketingObjective(
			client,
			{ name: 'Notoriété', family: 'communication', nature: 'quantitative', rationale: 'Salon' },
			alice
		);
		next(() => {});
		const { described } = next(() => {
			const paragraph = getMarketingObjectiveRationale(client, id)!.get(0) as Y.XmlElement;
			(paragraph.get(0) as Y.XmlText).insert(5, ' de Lyon');
		});
		expect(described).toEqual({
			ok: true,
			changes: [{ kind: 'sequence', path: ['marketingObjectives', id, 'rationale'] }]
		});
	});

	it('AUTH-1 a root the plan does not have is reported by name; the live document is not modified', () => {
		const { next, client, server } = pair();
		const before = Y.encodeStateAsUpdate(server);
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(client));
		const sv = Y.encodeStateVector(other);
		other.getMap('secrets').set('x', 1);
		const update = Y.encodeStateAsUpdate(other, sv);
		expect(describeUpdate(server, update)).toEqual({
			ok: true,
			changes: [{ kind: 'set', path: ['secrets', 'x'], after: 1 }]
		});
		expect(Y.encodeStateAsUpdate(server)).toEqual(before);
		expect(server.share.has('secrets')).toBe(false);
		next(() => {});
	});

	it('AUTH-1 an update that depends on content the document lacks is unresolved, whatever it touches', () => {
		const { client, server } = pair();
		const sv = Y.encodeStateVector(server);
		client.getMap('settings').set('title', 'Un');
		const skipped = Y.encodeStateAsUpdate(client, sv);
		const sv2 = Y.encodeStateVector(client);
		client.getMap('settings').set('title', 'Deux');
		const later = Y.encodeStateAsUpdate(client, sv2);
		expect(describeUpdate(server, later).ok).toBe(false);
		Y.applyUpdate(server, skipped);
		expect(describeUpdate(server, later)).toEqual({
			ok: true,
			changes: [{ kind: 'set', path: ['settings', 'title'], after: 'Deux' }]
		});
	});
});
