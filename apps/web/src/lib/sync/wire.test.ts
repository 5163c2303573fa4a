// No frame over the limit leaves the tab (SYNC-1, on every path): a sync frame (a live update or the
// answer to the server's sync step 1) is sent as several sync frames that apply in order; one that no
// split can bring under the limit (a single huge text) is said to be too large, never sent.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FramedSocket, frameKind, splitFrame } from './wire.ts';

/** A Hocuspocus sync frame: document name, message type 0, sync step, update. */
function syncFrame(name: string, step: number, update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarString(encoder, name);
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, step);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

function readFrame(frame: Uint8Array) {
	const decoder = decoding.createDecoder(frame);
	return {
		name: decoding.readVarString(decoder),
		type: decoding.readVarUint(decoder),
		step: decoding.readVarUint(decoder),
		update: decoding.readVarUint8Array(decoder)
	};
}

/** 300 rows of about 100 bytes each, written offline. */
function offlineRows(): Y.Doc {
	const doc = new Y.Doc();
	const rows = doc.getMap<Y.Map<string>>('actions');
	for (let i = 0; i < 300; i++) {
		const row = new Y.Map<string>();
		rows.set(`row${i}`, row);
		row.set('name', `Action ${i} ${'x'.repeat(90)}`);
	}
	return doc;
}

describe('splitFrame', () => {
	it('leaves a frame under the limit, or one that is not a sync update, whole', () => {
		const small = syncFrame('plan:p', 2, Y.encodeStateAsUpdate(offlineRows()));
		expect(splitFrame(small, small.byteLength)).toEqual({ kind: 'whole' });
		const encoder = encoding.createEncoder();
		encoding.writeVarString(encoder, 'plan:p');
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarUint8Array(encoder, new Uint8Array(5_000));
		expect(splitFrame(encoding.toUint8Array(encoder), 1_000)).toEqual({ kind: 'whole' });
	});

	it('sends a sync step 2 over the limit as sync step 2 frames under it that rebuild the document', () => {
		const offline = offlineRows();
		const frame = syncFrame('plan:p', 1, Y.encodeStateAsUpdate(offline));
		expect(frame.byteLength).toBeGreaterThan(20_000);
		const split = splitFrame(frame, 8_192, 4_096);
		if (split.kind !== 'pieces') throw new Error(`expected pieces, got ${split.kind}`);
		expect(split.frames.length).toBeGreaterThan(3);
		const server = new Y.Doc();
		for (const piece of split.frames) {
			expect(piece.byteLength).toBeLessThanOrEqual(8_192);
			const { name, type, step, update } = readFrame(piece);
			expect([name, type, step]).toEqual(['plan:p', 0, 1]);
			Y.applyUpdate(server, update);
		}
		expect(server.getMap('actions').toJSON()).toEqual(offline.getMap('actions').toJSON());
	});

	it('says a frame holding one text over the limit is too large', () => {
		const doc = new Y.Doc();
		doc.getText('t').insert(0, 'x'.repeat(10_000));
		const frame = syncFrame('plan:p', 2, Y.encodeStateAsUpdate(doc));
		expect(splitFrame(frame, 8_192, 4_096)).toEqual({ kind: 'too-large', documentName: 'plan:p' });
	});
});

/** A websocket that is open at once and records what is sent. */
class RecordingSocket {
	static last: RecordingSocket | null = null;
	readyState = 1;
	sent: Uint8Array[] = [];
	constructor() {
		RecordingSocket.last = this;
	}
	addEventListener(): void {}
	removeEventListener(): void {}
	close(): void {}
	send(frame: Uint8Array): void {
		this.sent.push(frame);
	}
}

describe('FramedSocket', () => {
	it('holds live updates from its sync step 1 until its sync step 2, then sends them after it', () => {
		const socket = new FramedSocket(
			{ url: 'ws://cap.test/collab', WebSocketPolyfill: RecordingSocket },
			{ onTooLarge: () => {} }
		);
		const wire = RecordingSocket.last!;
		const doc = new Y.Doc();
		doc.getMap('settings').set('title', 'Plan');
		const update = Y.encodeStateAsUpdate(doc);
		const sent = () =>
			wire.sent.map((frame) => `${frameKind(frame)?.documentName}:${frameKind(frame)?.step}`);

		socket.send(syncFrame('plan:p', 0, Y.encodeStateVector(doc)));
		socket.send(syncFrame('plan:p', 2, update));
		socket.send(syncFrame('plan:other', 2, update));
		// The update of plan:p waits for its sync answer; another document's goes on.
		expect(sent()).toEqual(['plan:p:0', 'plan:other:2']);
		socket.send(syncFrame('plan:p', 1, update));
		expect(sent()).toEqual(['plan:p:0', 'plan:other:2', 'plan:p:1', 'plan:p:2']);
		// After the answer, live updates go at once.
		socket.send(syncFrame('plan:p', 2, update));
		expect(sent()).toEqual(['plan:p:0', 'plan:other:2', 'plan:p:1', 'plan:p:2', 'plan:p:2']);
		socket.destroy();
	});

	it('sends a large update in pieces and has its provider wait for one acknowledgement per piece', () => {
		const socket = new FramedSocket(
			{ url: 'ws://cap.test/collab', WebSocketPolyfill: RecordingSocket },
			{ onTooLarge: () => {} }
		);
		const wire = RecordingSocket.last!;
		let waitingFor = 1;
		// The provider as the socket knows it (configuration.providerMap, by the name frames carry).
		const provider = { incrementUnsyncedChanges: () => waitingFor++ };
		socket.configuration.providerMap.set('plan:p', provider as never);
		const rows = offlineRows();
		for (let i = 0; i < 12; i++) rows.getMap('notes').set(`n${i}`, 'y'.repeat(200_000));
		socket.send(syncFrame('plan:p', 2, Y.encodeStateAsUpdate(rows)));
		expect(wire.sent.length).toBeGreaterThan(1);
		expect(wire.sent.every((frame) => frame.byteLength <= 2 * 1024 ** 2)).toBe(true);
		expect(waitingFor).toBe(wire.sent.length);
		socket.destroy();
	});
});
