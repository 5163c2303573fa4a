/** The group commit and the output gate, in-process with a store whose commits the test releases. */
import { MessageType } from '@hocuspocus/server';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { createLogger } from '../src/log.ts';
import { OutputGate } from '../src/output-gate.ts';
import type { Store, WriteJob } from '../src/store/types.ts';
import { HIGH_WATER_BYTES, LOW_WATER_BYTES, WriteQueue } from '../src/write-queue.ts';
import { waitFor } from './helpers.ts';

/** A store whose batches wait until the test commits (or fails) them; `pipeline` as a store declares it. */
function heldStore(pipeline?: number) {
	const batches: Array<{ jobs: WriteJob[]; commit: () => void; fail: (e: Error) => void; done?: boolean }> =
		[];
	let seq = 0;
	const store = {
		pipeline,
		writeBatch: (jobs: WriteJob[]) =>
			new Promise<number[]>((resolve, reject) => {
				batches.push({
					jobs,
					commit: () => resolve(jobs.map((j) => (j.kind === 'append' ? ++seq : 0))),
					fail: reject
				});
			})
	} as unknown as Store;
	return { store, batches };
}

const log = createLogger('silent');

/** A websocket that records what it was sent and how it was closed. */
function fakeSocket() {
	const sent: string[] = [];
	const closes: Array<[number | undefined, string | undefined]> = [];
	const ws = {
		readyState: 1,
		send: (data: Uint8Array) => sent.push(new TextDecoder().decode(data)),
		close: (code?: number, reason?: string) => closes.push([code, reason])
	} as unknown as WebSocket;
	return { ws, sent, closes };
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe('group commit', () => {
	it('commits together what arrives while a batch is in flight, in order, one batch at a time', async () => {
		const { store, batches } = heldStore();
		const queue = new WriteQueue(store, log);
		const first = queue.append('plan-a', bytes('1'));
		await waitFor(() => batches.length === 1);
		const more = Array.from({ length: 100 }, (_, i) => queue.append(`plan-${i % 3}`, bytes(String(i))));
		const compaction = queue.compact('plan-a', bytes('state'));
		batches[0]!.commit();
		expect(await first).toBe(1);
		await waitFor(() => batches.length === 2);
		// Everything queued meanwhile is one batch, compaction after the appends queued before it.
		expect(batches[1]!.jobs).toHaveLength(101);
		expect(batches[1]!.jobs.at(-1)).toMatchObject({ kind: 'compact', doc: 'plan-a' });
		expect(queue.settled).toBe(1);
		batches[1]!.commit();
		expect(await Promise.all(more)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
		await compaction;
		expect(queue.settled).toBe(102);
		expect(queue.stats).toMatchObject({ batches: 2, jobs: 102 });
	});

	it('a failed batch rejects each of its writes and names its documents; the next batch goes on', async () => {
		const { store, batches } = heldStore();
		const queue = new WriteQueue(store, log);
		const failures: string[][] = [];
		queue.onFailure(({ docs }) => failures.push([...docs].sort()));
		const a = queue.append('plan-a', bytes('a'));
		const b = queue.append('plan-b', bytes('b'));
		await waitFor(() => batches.length === 1);
		const c = queue.append('plan-c', bytes('c'));
		batches[0]!.fail(new Error('disk full'));
		await expect(a).rejects.toThrow('disk full');
		await expect(b).rejects.toThrow('disk full');
		expect(failures).toEqual([['plan-a', 'plan-b']]);
		await waitFor(() => batches.length === 2);
		batches[1]!.commit();
		expect(await c).toBe(1);
		await queue.drain();
		expect(queue.settled).toBe(3);
	});
});

describe('group commit, pipelined (a store with round trips to overlap)', () => {
	it('sends the next batch while one commits, and settles them in queue order', async () => {
		const { store, batches } = heldStore(2);
		const queue = new WriteQueue(store, log);
		const gate = new OutputGate(queue);
		const { ws, sent } = fakeSocket();
		const socket = gate.wrap(ws);
		const first = queue.append('plan-a', bytes('1'));
		socket.send(bytes('ack 1'));
		await waitFor(() => batches.length === 1);
		const second = queue.append('plan-b', bytes('2'));
		socket.send(bytes('ack 2'));
		// The second batch leaves without waiting for the first; a third waits for a free slot.
		await waitFor(() => batches.length === 2);
		const third = queue.append('plan-c', bytes('3'));
		await new Promise((resolve) => setImmediate(resolve));
		expect(batches).toHaveLength(2);

		// The second commits first: nothing of it is reported before the first is settled.
		const order: number[] = [];
		void second.then(() => order.push(2));
		void first.then(() => order.push(1));
		batches[1]!.commit();
		await waitFor(() => batches.length === 3);
		await new Promise((resolve) => setImmediate(resolve));
		expect(queue.settled).toBe(0);
		expect(sent).toEqual([]);
		batches[0]!.commit();
		await waitFor(() => sent.length === 2);
		expect(sent).toEqual(['ack 1', 'ack 2']);
		expect(order).toEqual([1, 2]);
		expect(queue.settled).toBe(2);
		batches[2]!.commit();
		await third;
		expect(queue.settled).toBe(3);
	});

	it('a compaction leaves alone, after the batches before it are committed, and holds the ones after it', async () => {
		const { store, batches } = heldStore(3);
		const queue = new WriteQueue(store, log);
		void queue.append('plan-a', bytes('1'));
		await waitFor(() => batches.length === 1);
		void queue.append('plan-a', bytes('2'));
		const compaction = queue.compact('plan-a', bytes('state'));
		void queue.append('plan-a', bytes('3'));
		// The append before the compaction leaves; the compaction waits for both batches in flight.
		await waitFor(() => batches.length === 2);
		expect(batches[1]!.jobs).toEqual([{ kind: 'append', doc: 'plan-a', update: bytes('2') }]);
		batches[1]!.commit();
		await new Promise((resolve) => setImmediate(resolve));
		expect(batches).toHaveLength(2);
		batches[0]!.commit();
		await waitFor(() => batches.length === 3);
		expect(batches[2]!.jobs).toEqual([{ kind: 'compact', doc: 'plan-a', state: bytes('state') }]);
		// Nothing leaves while the compaction commits.
		await new Promise((resolve) => setImmediate(resolve));
		expect(batches).toHaveLength(3);
		batches[2]!.commit();
		await compaction;
		await waitFor(() => batches.length === 4);
		expect(batches[3]!.jobs).toEqual([{ kind: 'append', doc: 'plan-a', update: bytes('3') }]);
		batches[3]!.commit();
		await queue.drain();
		expect(queue.settled).toBe(4);
	});

	it('an earlier batch failing after a later one committed: both settle in order, the failure is reported', async () => {
		const { store, batches } = heldStore(2);
		const queue = new WriteQueue(store, log);
		const failures: string[][] = [];
		queue.onFailure(({ docs }) => failures.push([...docs]));
		const a = queue.append('plan-a', bytes('a'));
		await waitFor(() => batches.length === 1);
		const b = queue.append('plan-b', bytes('b'));
		await waitFor(() => batches.length === 2);
		batches[1]!.commit();
		batches[0]!.fail(new Error('connection lost'));
		await expect(a).rejects.toThrow('connection lost');
		expect(await b).toBe(1);
		expect(failures).toEqual([['plan-a']]);
		expect(queue.settled).toBe(2);
		expect(queue.stats).toMatchObject({ batches: 1, jobs: 1, failures: 1 });
	});

	it('backpressure: past HIGH_WATER_BYTES pending it reports pressure, and lifts it under LOW_WATER_BYTES', async () => {
		const { store, batches } = heldStore();
		const queue = new WriteQueue(store, log);
		const pressure: boolean[] = [];
		queue.onPressure((pressed) => pressure.push(pressed));
		const chunk = new Uint8Array(4 * 1024 * 1024);
		const writes = Array.from({ length: HIGH_WATER_BYTES / chunk.byteLength + 1 }, () =>
			queue.append('plan-a', chunk)
		);
		expect(pressure).toEqual([true]);
		expect(queue.pendingBytes).toBeGreaterThan(HIGH_WATER_BYTES);
		// The store catches up: batch after batch commits (at most 16 MB each).
		while (queue.settled < writes.length) {
			await waitFor(() => batches.some((b) => !b.done));
			const batch = batches.find((b) => !b.done)!;
			batch.done = true;
			batch.commit();
			await new Promise((resolve) => setImmediate(resolve));
		}
		await Promise.all(writes);
		expect(pressure).toEqual([true, false]);
		expect(queue.pendingBytes).toBe(0);
		expect(queue.pendingBytes).toBeLessThan(LOW_WATER_BYTES);
	});
});

describe('output gate', () => {
	it('holds every frame until the writes queued before it are committed, then sends them in order', async () => {
		const { store, batches } = heldStore();
		const queue = new WriteQueue(store, log);
		const gate = new OutputGate(queue);
		const { ws, sent, closes } = fakeSocket();
		const socket = gate.wrap(ws);

		// Nothing queued: a frame leaves at the end of the current run.
		socket.send(bytes('hello'));
		await waitFor(() => sent.length === 1);

		void queue.append('plan-a', bytes('u1'));
		socket.send(bytes('ack u1'));
		socket.close(4403, 'refused');
		await waitFor(() => batches.length === 1);
		await new Promise((resolve) => setImmediate(resolve));
		expect(sent).toEqual(['hello']);
		expect(gate.held).toBe(2);
		batches[0]!.commit();
		await waitFor(() => closes.length === 1);
		expect(sent).toEqual(['hello', 'ack u1']);
		expect(closes).toEqual([[4403, 'refused']]);
	});

	it("a failed batch gives no acknowledgement: its documents' sockets are closed before anything held is released", async () => {
		const { store, batches } = heldStore();
		const queue = new WriteQueue(store, log);
		const gate = new OutputGate(queue);
		const { ws, sent, closes } = fakeSocket();
		const socket = gate.wrap(ws);
		// What the persistence extension does with a failure: the document's sockets lose what they held.
		queue.onFailure(() => socket.abort(1011, 'store-failed'));
		void queue.append('plan-a', bytes('u1')).catch(() => {});
		socket.send(bytes('ack u1'));
		await waitFor(() => batches.length === 1);
		batches[0]!.fail(new Error('disk full'));
		await waitFor(() => closes.length === 1);
		expect(sent).toEqual([]);
		expect(closes).toEqual([[1011, 'store-failed']]);
	});

	it('a frame sent before its write is queued, in the same run, still waits for that write', async () => {
		const { store, batches } = heldStore();
		const queue = new WriteQueue(store, log);
		const gate = new OutputGate(queue);
		const { ws, sent } = fakeSocket();
		const socket = gate.wrap(ws);
		// As Hocuspocus's own update listener can: broadcast first, our listener queues the write after.
		socket.send(bytes('update'));
		void queue.append('plan-a', bytes('u'));
		await waitFor(() => batches.length === 1);
		expect(sent).toEqual([]);
		batches[0]!.commit();
		await waitFor(() => sent.length === 1);
	});

	it('relayEarly: a copy to a socket it names leaves at once, past acknowledgements but never past a copy', async () => {
		const { store, batches } = heldStore();
		const queue = new WriteQueue(store, log);
		const gate = new OutputGate(queue);
		// Frames as Hocuspocus encodes them: the document's name, the message type, then its content.
		const labels = new Map<Uint8Array, string>();
		const frame = (label: string, type: number) => {
			const encoder = encoding.createEncoder();
			encoding.writeVarString(encoder, 'plan-a');
			encoding.writeVarUint(encoder, type);
			encoding.writeVarUint(encoder, 1);
			const data = encoding.toUint8Array(encoder);
			labels.set(data, label);
			return data;
		};
		const peer = () => {
			const sent: string[] = [];
			const ws = { readyState: 1, send: (data: Uint8Array) => sent.push(labels.get(data)!) };
			return { socket: gate.wrap(ws as unknown as WebSocket), sent };
		};
		const [editor, author, behindCopy, viewer] = [peer(), peer(), peer(), peer()];
		void queue.append('plan-a', bytes('u0'));
		author.socket.send(frame('ack u0', MessageType.SyncStatus));
		behindCopy.socket.send(frame('copy u0', MessageType.Sync));
		void queue.append('plan-a', bytes('u1'));
		gate.relayEarly(new Set([editor.socket, author.socket, behindCopy.socket]), () => {
			for (const p of [editor, author, behindCopy, viewer]) p.socket.send(frame('copy u1', MessageType.Sync));
		});
		// Outside relayEarly, even the editor's next frame waits.
		editor.socket.send(frame('ack u2', MessageType.SyncStatus));
		expect(editor.sent).toEqual(['copy u1']);
		expect(author.sent).toEqual(['copy u1']);
		expect(behindCopy.sent).toEqual([]);
		expect(viewer.sent).toEqual([]);
		expect(gate.relayedEarly).toBe(2);
		await waitFor(() => batches.length === 1);
		batches[0]!.commit();
		await waitFor(() => viewer.sent.length === 1);
		expect(author.sent).toEqual(['copy u1', 'ack u0']);
		expect(behindCopy.sent).toEqual(['copy u0', 'copy u1']);
		expect(editor.sent).toEqual(['copy u1', 'ack u2']);
	});

	it('abort drops what was held and closes at once', async () => {
		const { store, batches } = heldStore();
		const queue = new WriteQueue(store, log);
		const gate = new OutputGate(queue);
		const { ws, sent, closes } = fakeSocket();
		const socket = gate.wrap(ws);
		void queue.append('plan-a', bytes('u')).catch(() => {});
		socket.send(bytes('ack'));
		await waitFor(() => batches.length === 1);
		socket.abort(1011, 'store-failed');
		batches[0]!.fail(new Error('disk full'));
		await queue.drain();
		expect(sent).toEqual([]);
		expect(closes).toEqual([[1011, 'store-failed']]);
	});
});
