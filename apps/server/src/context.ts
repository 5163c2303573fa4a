import type { Role, SessionScope } from '@cap/protocol';

/** What the auth extension stores on every websocket connection, read by the other extensions. */
export interface CapContext {
	participantId: string;
	role: Role;
	/** `workshop` for a room code's participant: the plan document is read-only for them. */
	scope?: SessionScope;
	name: string;
	planId: string;
	documentKind: 'plan' | 'private';
	/** When the session token of this connection expires (epoch ms); renewed by a token sync. */
	expiresAt: number;
}

/** Hocuspocus rejects a hook with this shape; `reason` reaches the provider's onAuthenticationFailed. */
export interface HookRefusal {
	reason: string;
	code?: number;
}

export function refusal(reason: string, code?: number): HookRefusal {
	// A plain object, not an Error: Hocuspocus logs rejected hooks that carry a `message`, and a
	// refused token is routine, not a server error.
	return code === undefined ? { reason } : { reason, code };
}
