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
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server';
import { CLOSE_CODES, CLOSE_REASONS, COLLAB_PATH, MAX_MESSAGE_BYTES } from '@cap/protocol';
import { WebSocketServer, type RawData } from 'ws';
import type { Limits } from './config.ts';
import { hasEnvelope } from './extensions/limits.ts';
import type { Logger } from './log.ts';
import type { OutputGate } from './output-gate.ts';
import { clientAddress } from './rates.ts';

/** Set by the transport on the request Hocuspocus hands to hooks; any value a client sent is dropped. */
export const CLIENT_ADDRESS_HEADER = 'x-cap-client-address';

/** Called by the auth extension once a document of this request's socket is authenticated. */
const onAuthenticated = new WeakMap<Request, () => void>();

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
	'trustProxy' | 'authTimeoutMs' | 'maxPreauthBytes' | 'maxSocketsPerAddress'
>;

export function attachTransport(
	server: Server,
	hocuspocus: Hocuspocus,
	gate: OutputGate,
	log: Logger,
	limits: TransportLimits
): Transport {
	const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
	if (!limits.trustProxy) boundSocketsPerAddress(server, limits.maxSocketsPerAddress, log);

	server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		const path = new URL(req.url ?? '/', 'http://localhost').pathname;
		if (path !== COLLAB_PATH) {
			socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
			return;
		}
		wss.handleUpgrade(req, socket, head, (ws) => {
			const request = toWebRequest(req, clientAddress(req, limits.trustProxy));
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
			onAuthenticated.set(request, () => {
				authenticated = true;
				clearTimeout(deadline);
			});
			// Hocuspocus writes through the output gate: nothing reaches the client before it is stored.
			const client = hocuspocus.handleConnection(gate.wrap(ws, socket) satisfies WebSocketLike, request);
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
				client.handleMessage(bytes);
			});
			ws.on('close', (code: number, reason: Buffer) => {
				clearTimeout(deadline);
				onAuthenticated.delete(request);
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
function toWebRequest(req: IncomingMessage, address: string): Request {
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (value === undefined) continue;
		headers.set(name, Array.isArray(value) ? value.join(', ') : value);
	}
	headers.set(CLIENT_ADDRESS_HEADER, address);
	// Only the path and query matter to Hocuspocus; a fixed base avoids trusting the Host header.
	return new Request(new URL(req.url ?? '/', 'http://localhost'), { headers });
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
