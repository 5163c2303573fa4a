/**
 * What a session token grants, kept true for as long as the connection is open:
 *
 * - Expiry: a connection ends when its token expires (close "token-expired"), unless the client sent a
 *   renewed token for the same participant over the open connection first (Hocuspocus's token sync,
 *   `provider.sendToken()`); the web app renews before expiry, and on this close it renews and reconnects.
 * - Presence: who a participant is, in presence, comes from the token. The server rewrites the `user`
 *   field of every presence state it relays (participant id, name, role, colour), keeps only a bounded
 *   section and focus from the client, and drops states of more than a few client ids per connection. The
 *   size of a presence message is bounded by the limits extension (MAX_PRESENCE_BYTES).
 */
import type {
	beforeHandleAwarenessPayload,
	Connection,
	connectedPayload,
	Extension,
	onDisconnectPayload,
	onTokenSyncPayload
} from '@hocuspocus/server';
import { CLOSE_CODES, CLOSE_REASONS, participantColor, type AwarenessUser } from '@cap/protocol';
import * as v from 'valibot';
import type { CapContext } from '../context.ts';
import type { Logger } from '../log.ts';
import type { Tokens } from '../tokens.ts';

/** Lengths kept of the client-chosen presence fields. */
const MAX_SECTION = 64;
const MAX_FOCUS = 256;

const clipped = (max: number) =>
	v.pipe(
		v.string(),
		v.transform((text) => text.slice(0, max))
	);

/**
 * What a client may say of itself in its presence: the section it looks at and what it focuses on, each
 * kept when well formed (clipped) and dropped otherwise. Everything else in `user` is the server's word.
 */
const claimedPresence = v.fallback(
	v.object({
		section: v.fallback(v.optional(clipped(MAX_SECTION)), undefined),
		focus: v.fallback(v.optional(v.nullable(clipped(MAX_FOCUS))), undefined)
	}),
	{}
);
const MAX_TIMER_MS = 2 ** 31 - 1;
const MAX_CLIENT_IDS = 8;

export function sessionsExtension(tokens: Tokens, log: Logger): Extension {
	/** Expiry timers by connection context (Hocuspocus gives onDisconnect the context, not the connection). */
	const timers = new Map<object, NodeJS.Timeout>();
	/** The awareness client ids each connection has spoken for. */
	const clientIds = new WeakMap<Connection, Set<number>>();

	function schedule(connection: Connection): void {
		const ctx = connection.context as CapContext;
		clearTimeout(timers.get(ctx));
		timers.delete(ctx);
		if (!Number.isFinite(ctx.expiresAt)) return;
		const timer = setTimeout(
			() => {
				timers.delete(ctx);
				// A timer waits at most about 24 days; a longer TOKEN_TTL waits again.
				if (Date.now() < ctx.expiresAt) return schedule(connection);
				log.info('closing a connection: its session token expired', {
					plan: ctx.planId,
					participant: ctx.participantId
				});
				connection.close({ code: CLOSE_CODES.unauthorized, reason: CLOSE_REASONS.tokenExpired });
			},
			Math.min(MAX_TIMER_MS, Math.max(0, ctx.expiresAt - Date.now()))
		);
		timer.unref();
		timers.set(ctx, timer);
	}

	return {
		extensionName: 'cap-sessions',

		async connected({ connection }: connectedPayload) {
			schedule(connection);
		},

		async onTokenSync({ token, connection }: onTokenSyncPayload) {
			const ctx = connection.context as CapContext;
			const verified = await tokens.verifySession(token);
			const same =
				verified.ok &&
				verified.claims.planId === ctx.planId &&
				verified.claims.participantId === ctx.participantId &&
				verified.claims.role === ctx.role &&
				verified.claims.scope === ctx.scope;
			if (!same || verified.expiresAt === undefined) {
				// A token for someone else, or a bad one, does not extend anything; the current one still runs.
				log.warn('ignoring a token sync that does not renew this session', {
					plan: ctx.planId,
					participant: ctx.participantId
				});
				return;
			}
			ctx.expiresAt = verified.expiresAt;
			ctx.name = verified.claims.name;
			schedule(connection);
		},

		async onDisconnect({ context }: onDisconnectPayload) {
			clearTimeout(timers.get(context as object));
			timers.delete(context as object);
		},

		async beforeHandleAwareness({ states, context, connection }: beforeHandleAwarenessPayload) {
			// Server-internal presence (none today) passes as is.
			if (!context || !connection) return;
			const ctx = context as CapContext;
			let own = clientIds.get(connection);
			if (!own) clientIds.set(connection, (own = new Set()));
			for (const [clientId, state] of states) {
				// A provider's client id changes now and then (Yjs renews it); a connection speaking for
				// more than a few is writing other people's presence.
				if (!own.has(clientId)) {
					if (own.size >= MAX_CLIENT_IDS) {
						states.delete(clientId);
						continue;
					}
					own.add(clientId);
				}
				if (!state || typeof state !== 'object' || !('user' in state)) continue;
				const { section, focus } = v.parse(claimedPresence, state.user);
				const user: AwarenessUser = {
					participantId: ctx.participantId,
					name: ctx.name,
					role: ctx.role,
					color: participantColor(ctx.participantId),
					...(section !== undefined && { section }),
					...(focus !== undefined && { focus })
				};
				state.user = user;
			}
		}
	};
}
