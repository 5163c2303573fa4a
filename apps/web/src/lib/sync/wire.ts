/**
 * Every message this tab sends fits the server's frame limit (MAX_MESSAGE_BYTES), on every path: a live
 * change, the answer to the server's sync step 1 when a connection opens (everything the server lacks:
 * what was written offline, restored from the device after a reload), and whatever the provider sends
 * later. The server closes the connection on a larger frame, and the provider would send it again on the
 * next connection, for ever.
 *
 * The seam is the provider's public websocket class: `send` is where every frame of every provider on the
 * socket passes, already encoded. A sync frame over the limit (sync step 2 or update) is sent as several
 * sync frames, its update split with plan-model's splitUpdate (SPEC SYNC-1); the server applies and
 * acknowledges each, so the provider that sent it waits for one acknowledgement more per extra piece. A
 * frame that cannot be split under the limit (one struct over it: a single huge pasted text) is not sent
 * at all: `onTooLarge` is told, once per frame, and the plan's sync rebuilds the tab's changes without it
 * (recovery.ts), so nothing loops and the tab's other edits go on.
 *
 * Live changes never overtake the sync answer of a new connection. From the provider's sync step 1 until
 * its sync step 2 (the answer to the server's step 1: everything the server lacks), a live update frame
 * is held and sent just after that answer. Sent before it, an edit typed during the handshake could build
 * on content the server lacks (a server whose store failed and that reloaded the plan), and the server
 * refuses such an update (out-of-sync, SPEC AUTH-1). Held frames are dropped with a closed socket, like
 * the provider's own queue: the next connection's answer carries them.
 */
import {
	HocuspocusProviderWebsocket,
	type HocuspocusProviderWebsocketConfiguration
} from '@hocuspocus/provider';
import { splitUpdate } from '@cap/plan-model';
import { MAX_MESSAGE_BYTES } from '@cap/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Hocuspocus's message type of sync messages, and y-protocols' sync steps. */
const SYNC = 0;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** The document a frame addresses and, for a sync frame, its step (null otherwise). */
export function frameKind(frame: Uint8Array): { documentName: string; step: number | null } | null {
	try {
		const decoder = decoding.createDecoder(frame);
		const documentName = decoding.readVarString(decoder);
		if (decoding.readVarUint(decoder) !== SYNC) return { documentName, step: null };
		return { documentName, step: decoding.readVarUint(decoder) };
	} catch {
		return null;
	}
}

/** Pieces are at most this big: under the limit, with room for the envelope. */
export const PIECE_BYTES = MAX_MESSAGE_BYTES / 2;

export type SplitFrame =
	| { kind: 'whole' }
	| { kind: 'pieces'; frames: Uint8Array[] }
	/** A sync frame whose update has a piece over the limit: it cannot be sent. */
	| { kind: 'too-large'; documentName: string };

/**
 * How `frame` goes on the wire: whole when it fits (or is not a sync frame with an update), else as
 * several sync frames of the same document and step, each under `maxBytes`.
 */
export function splitFrame(
	frame: Uint8Array,
	maxBytes = MAX_MESSAGE_BYTES,
	pieceBytes = PIECE_BYTES
): SplitFrame {
	if (frame.byteLength <= maxBytes) return { kind: 'whole' };
	const decoder = decoding.createDecoder(frame);
	const documentName = decoding.readVarString(decoder);
	const type = decoding.readVarUint(decoder);
	if (type !== SYNC) return { kind: 'whole' };
	const step = decoding.readVarUint(decoder);
	if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return { kind: 'whole' };
	const update = decoding.readVarUint8Array(decoder);
	const frames = splitUpdate(update, pieceBytes).map((piece) => {
		const encoder = encoding.createEncoder();
		encoding.writeVarString(encoder, documentName);
		encoding.writeVarUint(encoder, SYNC);
		encoding.writeVarUint(encoder, step);
		encoding.writeVarUint8Array(encoder, piece);
		return encoding.toUint8Array(encoder);
	});
	if (frames.some((f) => f.byteLength > maxBytes)) return { kind: 'too-large', documentName };
	return { kind: 'pieces', frames };
}

export interface FramedSocketHooks {
	/** A frame of the document `documentName` (as addressed on the wire) was too large and was not sent. */
	onTooLarge(documentName: string): void;
}

/** The provider's websocket, sending no frame over the server's limit (see the module comment). */
export class FramedSocket extends HocuspocusProviderWebsocket {
	#hooks: FramedSocketHooks | null = null;
	/** Live update frames held, by document, while that document's sync answer is awaited. */
	readonly #held = new Map<string, Uint8Array[]>();

	constructor(configuration: HocuspocusProviderWebsocketConfiguration, hooks: FramedSocketHooks) {
		super(configuration);
		this.#hooks = hooks;
		this.on('close', () => this.#held.clear());
	}

	override send(message: unknown): void {
		if (!(message instanceof Uint8Array) || !this.#hooks) return super.send(message);
		const kind = frameKind(message);
		if (!kind) return this.#sendFitting(message);
		if (kind.step === SYNC_STEP_1) this.#held.set(kind.documentName, []);
		const held = this.#held.get(kind.documentName);
		if (held && kind.step === SYNC_UPDATE) {
			held.push(message);
			return;
		}
		this.#sendFitting(message);
		if (held && kind.step === SYNC_STEP_2) {
			this.#held.delete(kind.documentName);
			for (const frame of held) this.#sendFitting(frame);
		}
	}

	#sendFitting(message: Uint8Array): void {
		if (!this.#hooks) return;
		const split = splitFrame(message);
		if (split.kind === 'whole') return super.send(message);
		if (split.kind === 'too-large') return this.#hooks.onTooLarge(split.documentName);
		// The server acknowledges each piece: the provider that sent the frame waits for each of them. The
		// socket's providerMap (its attached providers by the name their frames carry) is the provider's
		// own bookkeeping, not documented API: pinned with the provider (4.8, pnpm catalog) and covered by
		// wire.test.ts.
		const provider = this.configuration.providerMap.get(
			decoding.readVarString(decoding.createDecoder(message))
		);
		for (let extra = 1; extra < split.frames.length; extra++) provider?.incrementUnsyncedChanges();
		for (const frame of split.frames) super.send(frame);
	}
}
