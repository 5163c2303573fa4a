/**
 * The participant's session on this browser, one per plan, in localStorage under `cap.session.<planId>`.
 * It keeps the invite and the name too, so an expired token is renewed without asking anything again
 * (join with the same invite + name + `previousToken` keeps the same participant id).
 */
import { isRole, type JoinResponse, type Role } from '@cap/protocol';

export interface StoredSession {
	planId: string;
	token: string;
	participantId: string;
	name: string;
	role: Role;
	invite: string;
	/** Token expiry, epoch milliseconds. */
	expiresAt: number;
	/**
	 * When this browser joined the plan (epoch ms), kept across renewals: older threads the participant
	 * has no part in are not their news (plan-model CMT-10). Absent in sessions saved before it existed.
	 */
	joinedAt?: number;
}

/** The subset of the Web Storage API used here, so tests pass an in-memory map. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const PREFIX = 'cap.session.';

/** Renew a little before the real expiry, so a token does not die between the check and the handshake. */
const EXPIRY_MARGIN_MS = 60_000;

function defaultStorage(): KeyValueStorage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

function parse(raw: string | null): StoredSession | null {
	if (!raw) return null;
	try {
		const v = JSON.parse(raw) as Partial<StoredSession>;
		if (
			typeof v.planId === 'string' &&
			typeof v.token === 'string' &&
			typeof v.participantId === 'string' &&
			typeof v.name === 'string' &&
			isRole(v.role) &&
			typeof v.invite === 'string' &&
			typeof v.expiresAt === 'number' &&
			(v.joinedAt === undefined || typeof v.joinedAt === 'number')
		) {
			return v as StoredSession;
		}
	} catch {
		// A corrupted entry is treated as absent; the invite link recreates it.
	}
	return null;
}

export function loadSession(planId: string, storage = defaultStorage()): StoredSession | null {
	return parse(storage?.getItem(PREFIX + planId) ?? null);
}

export function saveSession(session: StoredSession, storage = defaultStorage()): void {
	storage?.setItem(PREFIX + session.planId, JSON.stringify(session));
}

export function clearSession(planId: string, storage = defaultStorage()): void {
	storage?.removeItem(PREFIX + planId);
}

/** Every plan session stored on this browser (the plans it knows), most recently renewed first. */
export function listSessions(storage = defaultStorage()): StoredSession[] {
	if (!storage) return [];
	const out: StoredSession[] = [];
	for (let i = 0; i < storage.length; i++) {
		const key = storage.key(i);
		if (!key?.startsWith(PREFIX)) continue;
		const session = parse(storage.getItem(key));
		if (session) out.push(session);
	}
	return out.sort((a, b) => b.expiresAt - a.expiresAt);
}

/** The stored session created from this invite, if any (the join page reuses it instead of asking again). */
export function findSessionByInvite(invite: string, storage = defaultStorage()): StoredSession | null {
	if (!storage) return null;
	for (let i = 0; i < storage.length; i++) {
		const key = storage.key(i);
		if (!key?.startsWith(PREFIX)) continue;
		const session = parse(storage.getItem(key));
		if (session?.invite === invite) return session;
	}
	return null;
}

/** The session a join answer makes; `joinedAt` is kept from the session it renews, else now. */
export function sessionFromJoin(
	response: JoinResponse,
	invite: string,
	joinedAt: number = Date.now()
): StoredSession {
	return {
		planId: response.planId,
		token: response.token,
		participantId: response.participantId,
		name: response.name,
		role: response.role,
		invite,
		expiresAt: response.expiresAt,
		joinedAt
	};
}

export function isExpired(session: StoredSession, now = Date.now()): boolean {
	return session.expiresAt - EXPIRY_MARGIN_MS <= now;
}
