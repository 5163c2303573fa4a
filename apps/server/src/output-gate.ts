/**
 * Nothing leaves the server before what it reports is stored (but for the early relay, below): every
 * frame Hocuspocus sends to a websocket (acknowledgements, other people's updates, a newcomer's first
 * sync, workshop replies) waits until the writes queued before it have been committed (write-queue.ts).
 *
 * Why this is enough for "no acknowledged edit is lost on kill -9", while updates are applied in
 * memory at once: a client hears of a change only through a frame, and a frame carries a tag, the
 * number of writes queued when it was sent; it is released once that many writes have settled. Every
 * change to a document queues its write synchronously, in the document's `update` event, before any
 * frame that could report it is tagged. If the process dies first, its sender was not told: it still
 * holds the change as unacknowledged and sends it again when it reconnects.
 *
 * Tags are given at the end of the current synchronous run (a microtask), not at `send`: Hocuspocus's
 * own `update` listener can send before ours has queued the write. Frames of one socket leave in order;
 * a close waits behind the frames sent before it.
 *
 * One exception, the early relay (extensions/early-relay.ts, SPEC AUTH-6): while `relayEarly` runs, the
 * copies it sends to the sockets it names leave at once, when those sockets hold nothing but
 * acknowledgements (which carry no content a copy could build on, so no copy overtakes another). It
 * names only editors and facilitators, for an update any of them could send back themselves: a crash
 * before the commit leaves them with nothing the restarted server would refuse from them.
 */
import { MessageType, type WebSocketLike } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import type { WebSocket } from 'ws';
import type { WriteQueue } from './write-queue.ts';

/** The connection under a websocket, as far as the gate uses it (a net.Socket). */
type Corkable = Pick<NodeJS.WritableStream, 'writable'> & { cork(): void; uncork(): void };

type Frame = { tag: number | null } & (
	{ data: Parameters<WebSocketLike['send']>[0] } | { close: { code?: number; reason?: string } }
);

export class OutputGate {
	readonly #queue: WriteQueue;
	readonly #waiting = new Set<GatedSocket>();
	/** Frames sent since the last tagging, every socket together. */
	#untagged: Frame[] = [];
	/** While `relayEarly` runs: the sockets its frames may leave at once to. */
	#early: ReadonlySet<GatedSocket> | null = null;
	/** Frames sent at once by `relayEarly` (for tests and the benchmark). */
	relayedEarly = 0;

	constructor(queue: WriteQueue) {
		this.#queue = queue;
		queue.onSettled(() => this.#release());
	}

	/**
	 * The socket Hocuspocus writes to: frames go through the gate. `raw` is the connection under the
	 * websocket: frames released together are written to it in one go (one system call, not one each).
	 */
	wrap(ws: WebSocket, raw?: Corkable): GatedSocket {
		return new GatedSocket(ws, this, raw);
	}

	/** Frames held right now, all sockets together (for tests and the benchmark). */
	get held(): number {
		let n = 0;
		for (const socket of this.#waiting) n += socket.frames.length;
		return n;
	}

	/**
	 * Runs `send`; what it sends to one of `sockets` holding nothing but acknowledgements leaves at once
	 * instead of waiting for the writes queued before it. Only for a copy every one of them could write
	 * themselves (AUTH-6).
	 */
	relayEarly(sockets: ReadonlySet<GatedSocket>, send: () => void): void {
		const outer = this.#early;
		this.#early = sockets;
		try {
			send();
		} finally {
			this.#early = outer;
		}
	}

	/** @internal whether a frame to `socket` may leave at once, were it holding no copy. */
	early(socket: GatedSocket): boolean {
		return this.#early !== null && this.#early.has(socket);
	}

	/** @internal a socket has a new frame. */
	waiting(socket: GatedSocket, frame: Frame): void {
		this.#waiting.add(socket);
		this.#untagged.push(frame);
		if (this.#untagged.length > 1) return;
		queueMicrotask(() => {
			const tag = this.#queue.enqueued;
			for (const f of this.#untagged) f.tag = tag;
			this.#untagged = [];
			this.#release();
		});
	}

	#release(): void {
		const settled = this.#queue.settled;
		for (const socket of this.#waiting) {
			socket.release(settled);
			if (socket.frames.length === 0) this.#waiting.delete(socket);
		}
	}
}

/**
 * Whether a frame is an acknowledgement (Hocuspocus's SyncStatus message: its address, its type, a flag):
 * it tells the client its own update was stored, and carries nothing of anyone else's.
 */
function isAcknowledgement(frame: Frame): boolean {
	if (!('data' in frame) || !(frame.data instanceof Uint8Array)) return false;
	try {
		const decoder = decoding.createDecoder(frame.data);
		decoding.readVarString(decoder);
		return decoding.readVarUint(decoder) === MessageType.SyncStatus;
	} catch {
		return false;
	}
}

export class GatedSocket implements WebSocketLike {
	readonly ws: WebSocket;
	/** @internal frames not yet sent, oldest first */
	frames: Frame[] = [];
	readonly #gate: OutputGate;
	readonly #raw: Corkable | undefined;

	constructor(ws: WebSocket, gate: OutputGate, raw?: Corkable) {
		this.ws = ws;
		this.#gate = gate;
		this.#raw = raw;
	}

	get readyState(): number {
		return this.ws.readyState;
	}

	send(data: Parameters<WebSocketLike['send']>[0]): void {
		if (this.#gate.early(this) && this.frames.every(isAcknowledgement)) {
			this.#gate.relayedEarly++;
			this.#sendNow(data);
			return;
		}
		const frame: Frame = { tag: null, data };
		this.frames.push(frame);
		this.#gate.waiting(this, frame);
	}

	close(code?: number, reason?: string): void {
		const frame: Frame = { tag: null, close: { code, reason } };
		this.frames.push(frame);
		this.#gate.waiting(this, frame);
	}

	/**
	 * Drops every frame not yet sent and closes the socket now: what they would have reported was not
	 * stored. The client reconnects and syncs again.
	 */
	abort(code: number, reason: string): void {
		this.frames = [];
		this.ws.close(code, reason);
	}

	/** @internal sends, in order, the frames whose writes have all settled. */
	release(settled: number): void {
		// A batch commonly releases many frames to each socket (every update of the batch): corked, they
		// leave in one write when the loop ends.
		const corked = this.#raw !== undefined && this.frames.length > 1 && this.#raw.writable;
		if (corked) this.#raw!.cork();
		try {
			this.#releaseFrames(settled);
		} finally {
			if (corked) this.#raw!.uncork();
		}
	}

	#releaseFrames(settled: number): void {
		let sent = 0;
		while (sent < this.frames.length) {
			const frame = this.frames[sent]!;
			if (frame.tag === null || frame.tag > settled) break;
			sent++;
			if ('close' in frame) {
				this.frames = [];
				this.ws.close(frame.close.code, frame.close.reason);
				return;
			}
			this.#sendNow(frame.data);
		}
		if (sent > 0) this.frames = this.frames.slice(sent);
	}

	#sendNow(data: Parameters<WebSocketLike['send']>[0]): void {
		try {
			this.ws.send(data as Parameters<WebSocket['send']>[0]);
		} catch {
			// A socket closing underneath: Hocuspocus learns it from the close event.
		}
	}
}
