/**
 * In-process peers: N Y.Docs connected through per-pair message queues, in the spirit of Yjs's
 * tests/testHelper.js (TestConnector) and tldraw's syncFuzz test, written for this package.
 *
 * Every local update of a peer is queued for every other online peer. `flushRandom` delivers one queued
 * message chosen at random (any pair, any position in the queue, so updates arrive out of order), and
 * may put a copy back to be delivered again later (duplication). Offline peers neither send nor receive;
 * `reconnect` exchanges the missing state both ways, as a provider's sync step would. Ids and clocks are
 * seeded (see runtime.ts) so one seed always replays the same run.
 */
import * as Y from 'yjs';
import { userOrigin, type Origin } from '../origin.ts';
import { setRuntime } from '../runtime.ts';
import { PLAN_ROOT_KEYS } from '../schema.ts';
import { selectPlan } from '../snapshot.ts';
import { Prng } from './prng.ts';
import { firstDifference, stableStringify } from './stable.ts';

/** The origin of updates applied from another peer (never a plan Origin). */
export const REMOTE_ORIGIN = Symbol('remote-peer');

export interface TestPeer {
	index: number;
	doc: Y.Doc;
	participantId: string;
	origin: Origin;
	online: boolean;
}

export interface PeerNetworkOptions {
	peers: number;
	seed: number;
	/** Probability that a delivered message is queued again for a later duplicate delivery. Default 0.1. */
	duplicateRate?: number;
	/** Called with each message just before a peer applies it (tests that watch what arrives). */
	onDeliver?: (to: TestPeer, update: Uint8Array) => void;
}

export class PeerNetwork {
	readonly peers: TestPeer[];
	readonly rng: Prng;
	readonly duplicateRate: number;
	private readonly onDeliver: PeerNetworkOptions['onDeliver'];
	/** queues[to][from]: updates waiting to be applied by `to`. */
	private readonly queues: Uint8Array[][][];
	private readonly restoreRuntime: () => void;
	delivered = 0;

	constructor(options: PeerNetworkOptions) {
		this.rng = new Prng(options.seed);
		this.duplicateRate = options.duplicateRate ?? 0.1;
		this.onDeliver = options.onDeliver;
		const idRng = new Prng(options.seed ^ 0x5bd1e995);
		let clock = Date.UTC(2026, 8, 1);
		const idChars = 'abcdefghijklmnopqrstuvwxyz0123456789';
		this.restoreRuntime = setRuntime({
			newId: () => Array.from({ length: 10 }, () => idChars[idRng.int(0, idChars.length - 1)]).join(''),
			now: () => (clock += 1000)
		});
		this.queues = Array.from({ length: options.peers }, () =>
			Array.from({ length: options.peers }, () => [])
		);
		this.peers = Array.from({ length: options.peers }, (_, index) => {
			const doc = new Y.Doc();
			doc.clientID = index + 1;
			const participantId = `p${index + 1}`;
			const peer: TestPeer = { index, doc, participantId, origin: userOrigin(participantId), online: true };
			doc.on('update', (update: Uint8Array, origin: unknown) => {
				if (origin === REMOTE_ORIGIN || !peer.online) return;
				this.broadcast(index, update);
			});
			return peer;
		});
	}

	private broadcast(from: number, update: Uint8Array): void {
		for (const peer of this.peers) {
			if (peer.index !== from && peer.online) this.queues[peer.index]?.[from]?.push(update);
		}
	}

	private nonEmpty(): [number, number][] {
		const out: [number, number][] = [];
		this.queues.forEach((row, to) =>
			row.forEach((queue, from) => {
				if (queue.length > 0) out.push([to, from]);
			})
		);
		return out;
	}

	get pending(): number {
		return this.queues.flat().reduce((n, q) => n + q.length, 0);
	}

	/** Delivers one random queued message; returns false when nothing is queued. */
	flushRandom(allowDuplicates = true): boolean {
		const pairs = this.nonEmpty();
		if (pairs.length === 0) return false;
		const [to, from] = this.rng.pick(pairs);
		const queue = this.queues[to]?.[from] as Uint8Array[];
		const [message] = queue.splice(this.rng.int(0, queue.length - 1), 1);
		if (!message) return false;
		if (allowDuplicates && this.rng.bool(this.duplicateRate)) queue.push(message);
		const peer = this.peers[to] as TestPeer;
		this.onDeliver?.(peer, message);
		Y.applyUpdate(peer.doc, message, REMOTE_ORIGIN);
		this.delivered++;
		return true;
	}

	/** Delivers up to `count` random messages. */
	flushSome(count: number): void {
		for (let i = 0; i < count && this.flushRandom(); i++);
	}

	/** Delivers everything queued (in random order, without new duplicates). */
	flushAll(): void {
		while (this.flushRandom(false));
	}

	disconnect(index: number): void {
		const peer = this.peers[index];
		if (!peer) return;
		peer.online = false;
		this.queues[index]?.forEach((q) => (q.length = 0));
		this.queues.forEach((row) => row[index] && (row[index].length = 0));
	}

	/** Brings a peer back and queues the state each side misses, both ways. */
	reconnect(index: number): void {
		const peer = this.peers[index];
		if (!peer || peer.online) return;
		peer.online = true;
		for (const other of this.peers) {
			if (other.index === index || !other.online) continue;
			this.queues[index]?.[other.index]?.push(
				Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(peer.doc))
			);
			this.queues[other.index]?.[index]?.push(
				Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(other.doc))
			);
		}
	}

	/**
	 * Reconnects everyone, delivers everything and throws unless all replicas are equal: same state vector
	 * and delete set (Y.snapshot), same raw JSON of every root map, same selector output (selectPlan, or
	 * `select` when given).
	 */
	compare(select: (doc: Y.Doc) => unknown = selectPlan): void {
		for (const peer of this.peers) this.reconnect(peer.index);
		this.flushAll();
		const [first, ...rest] = this.peers;
		if (!first) return;
		const views = (doc: Y.Doc) => ({
			raw: stableStringify(Object.fromEntries(PLAN_ROOT_KEYS.map((k) => [k, doc.getMap(k).toJSON()]))),
			selected: stableStringify(select(doc))
		});
		const expected = views(first.doc);
		const expectedSnapshot = Y.snapshot(first.doc);
		for (const peer of rest) {
			if (!Y.equalSnapshots(expectedSnapshot, Y.snapshot(peer.doc))) {
				throw new Error(`Replica p${peer.index + 1} has a different state vector or delete set than p1`);
			}
			const actual = views(peer.doc);
			for (const key of ['raw', 'selected'] as const) {
				if (actual[key] !== expected[key]) {
					throw new Error(
						`Replica p${peer.index + 1} ${key} state differs from p1 ${firstDifference(expected[key], actual[key])}`
					);
				}
			}
		}
	}

	/** Restores the real id and clock sources and destroys the docs. */
	destroy(): void {
		this.restoreRuntime();
		for (const peer of this.peers) peer.doc.destroy();
	}
}

export function createPeers(options: PeerNetworkOptions): PeerNetwork {
	return new PeerNetwork(options);
}
