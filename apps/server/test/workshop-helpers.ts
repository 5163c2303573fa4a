/** Workshop test clients: a provider on the plan document that sends commands and awaits their acks. */
import { HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import {
	privateDocumentName,
	type CreatePlanResponse,
	type Role,
	type WorkshopClientMessage,
	type WorkshopServerMessage
} from '@cap/protocol';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { App } from '../src/app.ts';
import { acknowledged, join, PG_URL, pgSchema, postgresAvailable, wsUrl, type Harness } from './helpers.ts';

/**
 * The stores the workshop's load and secrecy tests run against: the file store always, PostgreSQL when it
 * answers (under CI it must: postgresAvailable fails the run otherwise).
 */
export const WORKSHOP_STORES: ('file' | 'postgres')[] = [
	'file',
	...((await postgresAvailable()) ? (['postgres'] as const) : [])
];

/** Starts a server on the given store (a fresh PostgreSQL schema, dropped after the test). */
export async function startOn(h: Harness, store: 'file' | 'postgres'): Promise<App> {
	if (store === 'file') return h.start();
	const { schema, drop } = pgSchema();
	h.defer(drop);
	return h.start(h.config({ DATABASE_URL: PG_URL, PG_SCHEMA: schema }));
}

type Without<T> = T extends unknown ? Omit<T, 'id'> : never;
export type Command = Without<WorkshopClientMessage>;
export type Reply = WorkshopServerMessage;

export interface WorkshopClient {
	participantId: string;
	role: Role;
	token: string;
	doc: Y.Doc;
	provider: HocuspocusProvider;
	closes: string[];
	/** Sends a command; resolves with the server's reply to it. */
	send(command: Command): Promise<Reply>;
	/** Like send, and fails unless the ack is ok. */
	ok(command: Command): Promise<Extract<Reply, { ok: true }>>;
	/** Every raw frame this client's websocket received (when recorded). */
	frames: Buffer[];
}

let counter = 0;

/** A ws WebSocket that keeps every frame it receives, byte for byte. */
function recordingSocket(frames: Buffer[]) {
	return class RecordingWebSocket extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols);
			this.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
				frames.push(Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer));
			});
		}
	};
}

export async function workshopClient(
	h: Harness,
	app: App,
	plan: CreatePlanResponse,
	role: Role,
	name: string,
	options: { record?: boolean; websocket?: HocuspocusProviderWebsocket; wait?: boolean } = {}
): Promise<WorkshopClient> {
	const session = await join(app.url, plan, role, name);
	const frames: Buffer[] = [];
	const doc = new Y.Doc();
	const waiting = new Map<string, (reply: Reply) => void>();
	const closes: string[] = [];
	const provider = new HocuspocusProvider({
		...(options.websocket
			? { websocketProvider: options.websocket }
			: {
					url: wsUrl(app.url),
					...(options.record && { WebSocketPolyfill: recordingSocket(frames) })
				}),
		name: plan.planId,
		token: session.token,
		document: doc,
		onStateless: ({ payload }) => {
			const reply = JSON.parse(payload) as Reply;
			waiting.get(reply.id)?.(reply);
			waiting.delete(reply.id);
		}
	});
	if (options.websocket) provider.attach();
	provider.on('close', ({ event }: { event: { reason: string } }) => closes.push(event.reason));
	h.defer(() => provider.destroy());
	if (options.wait !== false) await acknowledged(provider, 20_000);
	const send = (command: Command) =>
		new Promise<Reply>((resolve, reject) => {
			const id = `c${++counter}`;
			const timer = setTimeout(() => reject(new Error(`no reply to ${command.t}`)), 20_000);
			waiting.set(id, (reply) => {
				clearTimeout(timer);
				resolve(reply);
			});
			provider.sendStateless(JSON.stringify({ ...command, id }));
		});
	return {
		participantId: session.participantId,
		role,
		token: session.token,
		doc,
		provider,
		closes,
		frames,
		send,
		async ok(command) {
			const reply = await send(command);
			if (reply.t !== 'ack' || !reply.ok) throw new Error(`${command.t} refused: ${JSON.stringify(reply)}`);
			return reply;
		}
	};
}

/** The participant's private document, read through their own (read-only) connection. */
export async function privateView(h: Harness, app: App, client: WorkshopClient, planId: string) {
	const doc = new Y.Doc();
	const provider = new HocuspocusProvider({
		url: wsUrl(app.url),
		name: privateDocumentName(planId, client.participantId),
		token: client.token,
		document: doc
	});
	h.defer(() => provider.destroy());
	await acknowledged(provider);
	return { doc, provider };
}

export function bytesOf(frames: Buffer[]): Buffer {
	return Buffer.concat(frames);
}
