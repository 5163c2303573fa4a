/**
 * Message limits. The websocket layer already refuses frames over MAX_MESSAGE_BYTES (close 1009,
 * see transport.ts); this extension decodes every message of an established connection before
 * Hocuspocus handles it, and a message that is too big or does not decode closes that socket only
 * (close 4400 "bad-message"). It runs before the persistence extension's beforeSync, so an
 * undecodable update is never written to the store, where it would break every later load.
 */
import type { beforeHandleMessagePayload, Extension } from '@hocuspocus/server';
import { CLOSE_CODES, CLOSE_REASONS, MAX_MESSAGE_BYTES } from '@cap/protocol';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { refusal } from '../context.ts';
import type { Logger } from '../log.ts';

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

export function limitsExtension(log: Logger): Extension {
	return {
		extensionName: 'cap-limits',
		// Before every other beforeHandleMessage/beforeSync hook.
		priority: 1000,
		async beforeHandleMessage({ update, connection, documentName, context }: beforeHandleMessagePayload) {
			const tooBig = update.byteLength > MAX_MESSAGE_BYTES;
			if (!tooBig && isWellFormedMessage(update)) return;
			log.warn('closing a connection: bad message', {
				doc: documentName,
				participant: (context as { participantId?: string }).participantId,
				bytes: update.byteLength
			});
			const code = tooBig ? CLOSE_CODES.messageTooBig : CLOSE_CODES.badMessage;
			connection.webSocket.close(code, CLOSE_REASONS.badMessage);
			// Rejecting makes Hocuspocus drop this message and close the document connection.
			throw refusal(CLOSE_REASONS.badMessage, code);
		}
	};
}
