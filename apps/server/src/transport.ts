/**
 * Attaches Hocuspocus to our own node:http server: upgrades on COLLAB_PATH become `ws` sockets handed
 * to `hocuspocus.handleConnection`, the same calls Hocuspocus's own Server class makes through crossws.
 * Using `ws` directly keeps one port and lets its maxPayload refuse oversized frames (close 1009)
 * before they are buffered.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server';
import { CLOSE_CODES, CLOSE_REASONS, COLLAB_PATH, MAX_MESSAGE_BYTES } from '@cap/protocol';
import { WebSocketServer, type RawData } from 'ws';
import { hasEnvelope } from './extensions/limits.ts';
import type { Logger } from './log.ts';
import type { OutputGate } from './output-gate.ts';
import type { WriteQueue } from './write-queue.ts';

export interface Transport {
	/** Closes every websocket (clients reconnect elsewhere or later). */
	closeAll(): void;
}

export function attachTransport(
	server: Server,
	hocuspocus: Hocuspocus,
	gate: OutputGate,
	log: Logger,
	queue?: WriteQueue
): Transport {
	const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
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
			sockets.add(socket);
			socket.once('close', () => sockets.delete(socket));
			if (queue?.pressed) socket.pause();
			// Hocuspocus writes through the output gate: nothing reaches the client before it is stored.
			const client = hocuspocus.handleConnection(
				gate.wrap(ws, socket) satisfies WebSocketLike,
				toWebRequest(req)
			);
			ws.on('message', (data: RawData) => {
				const bytes = toBytes(data);
				if (!hasEnvelope(bytes)) {
					log.warn('closing a connection: unreadable frame', { bytes: bytes.byteLength });
					ws.close(CLOSE_CODES.badMessage, CLOSE_REASONS.badMessage);
					return;
				}
				client.handleMessage(bytes);
			});
			ws.on('close', (code: number, reason: Buffer) =>
				client.handleClose({ code, reason: reason.toString() })
			);
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

/** Hocuspocus reads headers and query parameters from a WHATWG Request. */
function toWebRequest(req: IncomingMessage): Request {
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (value === undefined) continue;
		headers.set(name, Array.isArray(value) ? value.join(', ') : value);
	}
	// Only the path and query matter to Hocuspocus; a fixed base avoids trusting the Host header.
	return new Request(new URL(req.url ?? '/', 'http://localhost'), { headers });
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
