/**
 * Attaches Hocuspocus to our own node:http server: upgrades on COLLAB_PATH become `ws` sockets handed
 * to `hocuspocus.handleConnection`, the same calls Hocuspocus's own Server class makes through crossws.
 * Using `ws` directly keeps one port and lets its maxPayload refuse oversized frames (close 1009)
 * before they are buffered.
 *
 * It also bounds what a visitor holds before proving who they are: a websocket that has not
 * authenticated a document within AUTH_TIMEOUT, or that sent more than MAX_PREAUTH_BYTES first, is
 * closed (Hocuspocus would buffer up to 5 MiB per socket for a minute or two); and one address keeps at
 * most MAX_SOCKETS_PER_ADDRESS TCP connections open, so half-sent requests from one place cannot use up
 * the process's file descriptors. The client address travels to the auth extension in CLIENT_ADDRESS_HEADER.
 *
 * Presence is coalesced per socket, document and set of client ids: at most PRESENCE_RATE messages are
 * handed to Hocuspocus (which relays each to every connection of the document); one arriving sooner
 * replaces the one waiting, which is handed over when the turn comes. Others always end on the latest
 * state, and a connection churning its presence costs the server one decode per message, no fan-out.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server';
import { CLOSE_CODES, CLOSE_REASONS, COLLAB_PATH, MAX_MESSAGE_BYTES } from '@cap/protocol';
import * as decoding from 'lib0/decoding';
import { WebSocketServer, type RawData } from 'ws';
import type { Limits } from './config.ts';
import { hasEnvelope } from './extensions/limits.ts';
import type { Logger } from './log.ts';
import type { OutputGate } from './output-gate.ts';
import { clientAddress } from './rates.ts';
import type { WriteQueue } from './write-queue.ts';

/** Set by the transport on the request Hocuspocus hands to hooks; any value a client sent is dropped. */
export const CLIENT_ADDRESS_HEADER = 'x-cap-client-address';

/** Called by the auth extension once a document of this request's socket is authenticated. */
const onAuthenticated = new WeakMap<Request, () => void>();

/** Set by the transport on the request Hocuspocus hands to hooks: names its websocket (closeSocketOf). */
const SOCKET_HEADER = 'x-cap-socket';

/** How to close each open websocket, by the name SOCKET_HEADER gives it. */
const closers = new Map<string, (code: number, reason: string) => void>();

/**
 * Closes the websocket whose request carried these headers, with a reason the app shows; the provider
 * connects again by itself. For a store that does not answer while a document is authenticated or
 * loaded: Hocuspocus would answer that document "permission denied", which a provider never asks again.
 */
export function closeSocketOf(headers: Headers, code: number, reason: string): void {
	const name = headers.get(SOCKET_HEADER);
	if (name) closers.get(name)?.(code, reason);
}

/** Tells the transport that the socket behind `request` proved who it is. */
export function markAuthenticated(request: Request): void {
	onAuthenticated.get(request)?.();
	onAuthenticated.delete(request);
}

export interface Transport {
	/** Closes every websocket (clients reconnect elsewhere or later). */
	closeAll(): void;
}

export type TransportLimits = Pick<
	Limits,
	'trustProxy' | 'authTimeoutMs' | 'maxPreauthBytes' | 'maxSocketsPerAddress' | 'presenceRate'
>;

export function attachTransport(
	server: Server,
	hocuspocus: Hocuspocus,
	gate: OutputGate,
	log: Logger,
	limits: TransportLimits,
	queue?: WriteQueue
): Transport {
	const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
	const presenceGapMs = (limits.presenceRate.perSeconds * 1000) / limits.presenceRate.points;
	if (!limits.trustProxy) boundSocketsPerAddress(server, limits.maxSocketsPerAddress, log);
	/** The connections under the websockets, to stop reading from them while writes pile up. */
	const sockets = new Set<Duplex>();
	queue?.onPressure((pressed) => {
		for (const socket of sockets) {
			if (pressed) socket.pause();
			else socket.resume();
		}
	});

	server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		const path = new URL(req.url ?? '/', 'http://localhost').pathname;
		if (path !== COLLAB_PATH) {
			socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
			return;
		}
		wss.handleUpgrade(req, socket, head, (ws) => {
			const socketName = randomUUID();
			const request = toWebRequest(req, clientAddress(req, limits.trustProxy), socketName);
			// Before authentication: a deadline and a byte budget, both cleared by the first authentication.
			let preauthBytes = 0;
			let authenticated = false;
			const deadline = setTimeout(() => {
				log.info('closing a websocket: no authentication in time', { ms: limits.authTimeoutMs });
				ws.close(CLOSE_CODES.authTimeout, CLOSE_REASONS.authTimeout);
				// A peer that does not answer the close handshake is cut off.
				setTimeout(() => ws.terminate(), 1_000).unref();
			}, limits.authTimeoutMs);
			deadline.unref();
			closers.set(socketName, (code, reason) => ws.close(code, reason));
			onAuthenticated.set(request, () => {
				authenticated = true;
				clearTimeout(deadline);
			});
			sockets.add(socket);
			socket.once('close', () => sockets.delete(socket));
			if (queue?.pressed) socket.pause();
			// Hocuspocus writes through the output gate: nothing reaches the client before it is stored.
			const client = hocuspocus.handleConnection(gate.wrap(ws, socket) satisfies WebSocketLike, request);
			const presence = new PresenceThrottle(presenceGapMs, (bytes) => client.handleMessage(bytes));
			ws.on('message', (data: RawData) => {
				const bytes = toBytes(data);
				if (!authenticated) {
					preauthBytes += bytes.byteLength;
					if (preauthBytes > limits.maxPreauthBytes) {
						log.warn('closing a websocket: too much sent before authenticating', { bytes: preauthBytes });
						ws.close(CLOSE_CODES.badMessage, CLOSE_REASONS.preauthTooLarge);
						return;
					}
				}
				if (!hasEnvelope(bytes)) {
					log.warn('closing a connection: unreadable frame', { bytes: bytes.byteLength });
					ws.close(CLOSE_CODES.badMessage, CLOSE_REASONS.badMessage);
					return;
				}
				const key = presenceKey(bytes);
				if (key === null) client.handleMessage(bytes);
				else presence.offer(key, bytes);
			});
			ws.on('close', (code: number, reason: Buffer) => {
				clearTimeout(deadline);
				presence.clear();
				onAuthenticated.delete(request);
				closers.delete(socketName);
				client.handleClose({ code, reason: reason.toString() });
			});
			// ws closes the socket itself after an error (e.g. 1009 for a frame over maxPayload).
			ws.on('error', (error: Error) => log.warn('websocket error', { error: error.message }));
		});
	});

	return {
		closeAll() {
			for (const ws of wss.clients) ws.close(1001, 'server shutting down');
		}
	};
}

/** Hocuspocus's awareness message type. */
const AWARENESS = 1;

/**
 * For a presence (awareness) message, the document and the client ids it speaks for, e.g. `plan:12,40`;
 * null for any other message, or one that does not decode (the limits extension refuses those).
 */
function presenceKey(bytes: Uint8Array): string | null {
	try {
		const decoder = decoding.createDecoder(bytes);
		const documentName = decoding.readVarString(decoder);
		if (decoding.readVarUint(decoder) !== AWARENESS) return null;
		const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
		const ids: number[] = [];
		for (let count = decoding.readVarUint(inner); count > 0; count--) {
			ids.push(decoding.readVarUint(inner));
			decoding.readVarUint(inner);
			decoding.readVarString(inner);
		}
		return `${documentName}:${ids.join(',')}`;
	} catch {
		return null;
	}
}

/** At most one message per key every `gapMs`; one arriving sooner waits, replaced by any later one. */
class PresenceThrottle {
	readonly #last = new Map<string, number>();
	readonly #waiting = new Map<string, { bytes: Uint8Array; timer: NodeJS.Timeout }>();

	readonly #gapMs: number;
	readonly #deliver: (bytes: Uint8Array) => void;

	constructor(gapMs: number, deliver: (bytes: Uint8Array) => void) {
		this.#gapMs = gapMs;
		this.#deliver = deliver;
	}

	offer(key: string, bytes: Uint8Array): void {
		const waiting = this.#waiting.get(key);
		if (waiting) {
			waiting.bytes = bytes;
			return;
		}
		const now = Date.now();
		const wait = (this.#last.get(key) ?? -Infinity) + this.#gapMs - now;
		if (wait <= 0) {
			this.#last.set(key, now);
			this.#deliver(bytes);
			return;
		}
		const timer = setTimeout(() => {
			const held = this.#waiting.get(key);
			this.#waiting.delete(key);
			if (!held) return;
			this.#last.set(key, Date.now());
			this.#deliver(held.bytes);
		}, wait);
		this.#waiting.set(key, { bytes, timer });
	}

	clear(): void {
		for (const { timer } of this.#waiting.values()) clearTimeout(timer);
		this.#waiting.clear();
		this.#last.clear();
	}
}

/** Closes a new TCP connection at once when its address already holds `max` open ones. */
function boundSocketsPerAddress(server: Server, max: number, log: Logger): void {
	const open = new Map<string, number>();
	server.on('connection', (socket: Socket) => {
		const address = socket.remoteAddress ?? 'unknown';
		const count = open.get(address) ?? 0;
		if (count >= max) {
			log.warn('closing a connection: too many open from one address', { address, open: count });
			socket.destroy();
			return;
		}
		open.set(address, count + 1);
		socket.once('close', () => {
			const left = (open.get(address) ?? 1) - 1;
			if (left > 0) open.set(address, left);
			else open.delete(address);
		});
	});
}

/** Hocuspocus reads headers and query parameters from a WHATWG Request. */
function toWebRequest(req: IncomingMessage, address: string, socketName: string): Request {
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (value === undefined) continue;
		headers.set(name, Array.isArray(value) ? value.join(', ') : value);
	}
	headers.set(CLIENT_ADDRESS_HEADER, address);
	headers.set(SOCKET_HEADER, socketName);
	// Only the path and query matter to Hocuspocus; a fixed base avoids trusting the Host header.
	return new Request(new URL(req.url ?? '/', 'http://localhost'), { headers });
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
