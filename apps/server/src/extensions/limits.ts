/**
 * Message limits. The websocket layer already refuses frames over MAX_MESSAGE_BYTES (close 1009,
 * see transport.ts); this extension decodes every message of an established connection before
 * Hocuspocus handles it, and a message that is too big or does not decode closes that socket only
 * (close 4400 "bad-message"). It runs before the persistence extension's beforeSync, so an
 * undecodable update is never written to the store, where it would break every later load.
 * It also bounds each connection's message rate (UPDATE_RATE, close 4429 "rate-limited": the
 * provider reconnects after a pause and sends what it holds again) and the size of a presence message
 * (MAX_PRESENCE_BYTES, "presence-too-large"). Only the connection at fault is closed.
 */
import type { beforeHandleMessagePayload, Extension, onDisconnectPayload } from '@hocuspocus/server';
import { CLOSE_CODES, CLOSE_REASONS, MAX_MESSAGE_BYTES } from '@cap/protocol';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { Limits } from '../config.ts';
import { refusal } from '../context.ts';
import type { Logger } from '../log.ts';
import { RateLimit } from '../rates.ts';

/** Hocuspocus message types (its MessageType enum) a client may send. */
const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const QUERY_AWARENESS = 3;
const SYNC_REPLY = 4;
const STATELESS = 5;
const CLOSE = 7;
const PING = 9;
const PONG = 10;

/**
 * True when the message starts with a readable address and type. The transport checks this on every
 * frame, including those Hocuspocus queues before authentication, which it would otherwise refuse
 * with a generic close code.
 */
export function hasEnvelope(data: Uint8Array): boolean {
	try {
		const decoder = decoding.createDecoder(data);
		decoding.readVarString(decoder);
		decoding.readVarUint(decoder);
		return true;
	} catch {
		return false;
	}
}

/** True when the whole message decodes: envelope, sync payload as a Yjs update, awareness entries. */
export function isWellFormedMessage(data: Uint8Array): boolean {
	try {
		const decoder = decoding.createDecoder(data);
		decoding.readVarString(decoder);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case SYNC:
			case SYNC_REPLY: {
				const step = decoding.readVarUint(decoder);
				if (step > 2) return false;
				const payload = decoding.readVarUint8Array(decoder);
				// Step 1 carries a state vector; steps 2 and updates carry an update.
				if (step === 0) Y.decodeStateVector(payload);
				else Y.decodeUpdate(payload);
				return true;
			}
			case AWARENESS: {
				const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
				const count = decoding.readVarUint(inner);
				for (let i = 0; i < count; i++) {
					decoding.readVarUint(inner);
					decoding.readVarUint(inner);
					JSON.parse(decoding.readVarString(inner));
				}
				return true;
			}
			case AUTH:
			case QUERY_AWARENESS:
			case STATELESS:
			case CLOSE:
			case PING:
			case PONG:
				return true;
			default:
				return false;
		}
	} catch {
		return false;
	}
}

export interface LimitsOptions {
	limits: Pick<Limits, 'updateRate' | 'maxPresenceBytes'>;
	/** Told about each refusal, by reason (metrics). */
	onRefused?: (reason: string) => void;
}

/** The payload of an awareness message (its states), or null for another type. */
function awarenessPayload(data: Uint8Array): Uint8Array | null {
	const decoder = decoding.createDecoder(data);
	decoding.readVarString(decoder);
	if (decoding.readVarUint(decoder) !== AWARENESS) return null;
	return decoding.readVarUint8Array(decoder);
}

export function limitsExtension(log: Logger, { limits, onRefused }: LimitsOptions): Extension {
	const rate = new RateLimit(limits.updateRate);

	function close(
		connection: beforeHandleMessagePayload['connection'],
		documentName: string,
		context: unknown,
		code: number,
		reason: string,
		detail: Record<string, unknown>
	): never {
		log.warn(`closing a connection: ${reason}`, {
			doc: documentName,
			participant: (context as { participantId?: string }).participantId,
			...detail
		});
		onRefused?.(reason);
		connection.webSocket.close(code, reason);
		// Rejecting makes Hocuspocus drop this message and close the document connection.
		throw refusal(reason, code);
	}

	return {
		extensionName: 'cap-limits',
		// Before every other beforeHandleMessage/beforeSync hook.
		priority: 1000,
		async beforeHandleMessage({
			update,
			connection,
			documentName,
			context,
			socketId
		}: beforeHandleMessagePayload) {
			const tooBig = update.byteLength > MAX_MESSAGE_BYTES;
			if (tooBig || !isWellFormedMessage(update)) {
				const code = tooBig ? CLOSE_CODES.messageTooBig : CLOSE_CODES.badMessage;
				close(connection, documentName, context, code, CLOSE_REASONS.badMessage, {
					bytes: update.byteLength
				});
			}
			const presence = awarenessPayload(update);
			if (presence && presence.byteLength > limits.maxPresenceBytes) {
				close(connection, documentName, context, CLOSE_CODES.badMessage, CLOSE_REASONS.presenceTooLarge, {
					bytes: presence.byteLength
				});
			}
			const taken = await rate.take(`${socketId}:${documentName}`);
			if (!taken.ok) {
				close(connection, documentName, context, CLOSE_CODES.rateLimited, CLOSE_REASONS.rateLimited, {});
			}
		},
		async onDisconnect({ socketId, documentName }: onDisconnectPayload) {
			rate.forget(`${socketId}:${documentName}`);
		}
	};
}
