import { describe, expect, it } from 'vitest';
import {
	clearSession,
	findSessionByInvite,
	isExpired,
	listSessions,
	loadSession,
	saveSession,
	sessionFromJoin,
	type KeyValueStorage,
	type StoredSession
} from './session.ts';

function memoryStorage(): KeyValueStorage {
	const map = new Map<string, string>();
	return {
		getItem: (k) => map.get(k) ?? null,
		setItem: (k, v) => void map.set(k, v),
		removeItem: (k) => void map.delete(k),
		key: (i) => [...map.keys()][i] ?? null,
		get length() {
			return map.size;
		}
	};
}

const session: StoredSession = {
	planId: 'plan_0123456789',
	token: 'tok',
	participantId: 'p1',
	name: 'Marie',
	role: 'editor',
	invite: 'inv.abc',
	expiresAt: Date.now() + 3_600_000
};

describe('session storage', () => {
	it('round-trips a session per plan and finds it by invite', () => {
		const storage = memoryStorage();
		saveSession(session, storage);
		expect(loadSession(session.planId, storage)).toEqual(session);
		expect(loadSession('other_plan_id', storage)).toBeNull();
		expect(findSessionByInvite('inv.abc', storage)).toEqual(session);
		expect(findSessionByInvite('inv.zzz', storage)).toBeNull();
		clearSession(session.planId, storage);
		expect(loadSession(session.planId, storage)).toBeNull();
	});
	it('lists the plans this browser knows, most recently renewed first, skipping other keys', () => {
		const storage = memoryStorage();
		const older = { ...session, planId: 'plan_older_000', expiresAt: session.expiresAt - 1000 };
		saveSession(older, storage);
		saveSession(session, storage);
		storage.setItem('cap.names', '{}');
		storage.setItem('cap.session.broken_plan_id', '{not json');
		expect(listSessions(storage).map((s) => s.planId)).toEqual([session.planId, older.planId]);
	});
	it('treats a corrupted or incomplete entry as absent', () => {
		const storage = memoryStorage();
		storage.setItem(`cap.session.${session.planId}`, '{not json');
		expect(loadSession(session.planId, storage)).toBeNull();
		storage.setItem(`cap.session.${session.planId}`, JSON.stringify({ ...session, role: 'admin' }));
		expect(loadSession(session.planId, storage)).toBeNull();
	});
	it('considers a token expired a minute before its expiry', () => {
		const now = 1_000_000;
		expect(isExpired({ ...session, expiresAt: now + 30_000 }, now)).toBe(true);
		expect(isExpired({ ...session, expiresAt: now + 120_000 }, now)).toBe(false);
	});
	it('builds the stored session from the join answer and the invite', () => {
		const stored = sessionFromJoin(
			{ token: 't', participantId: 'p', role: 'viewer', planId: 'x', name: 'N', expiresAt: 5 },
			'inv',
			1_000
		);
		expect(stored).toEqual({
			token: 't',
			participantId: 'p',
			role: 'viewer',
			planId: 'x',
			name: 'N',
			expiresAt: 5,
			invite: 'inv',
			joinedAt: 1_000
		});
	});

	it('keeps the join time, which may be absent in sessions saved before it existed', () => {
		const storage = memoryStorage();
		const base = {
			planId: 'x',
			token: 't',
			participantId: 'p',
			name: 'N',
			role: 'viewer',
			invite: 'i',
			expiresAt: 5
		} as const;
		saveSession({ ...base, joinedAt: 42 }, storage);
		expect(loadSession('x', storage)?.joinedAt).toBe(42);
		saveSession(base, storage);
		expect(loadSession('x', storage)).toEqual(base);
	});
});
