import { describe, expect, it } from 'vitest';
import { forgetPlan, listJoinedPlans, recordVisit } from './plans.ts';
import { saveSession, type KeyValueStorage, type StoredSession } from './session.ts';

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

const session = (planId: string, role: StoredSession['role']): StoredSession => ({
	planId,
	token: 't',
	participantId: 'p',
	name: 'Marie',
	role,
	invite: 'inv',
	expiresAt: 0
});

describe('joined plans', () => {
	it('lists every joined plan with role and last visit, most recent first', () => {
		const storage = memoryStorage();
		saveSession(session('plan_aaaaaaaaaa', 'editor'), storage);
		saveSession(session('plan_bbbbbbbbbb', 'facilitator'), storage);
		saveSession(session('plan_cccccccccc', 'viewer'), storage);
		recordVisit('plan_aaaaaaaaaa', { title: 'PAC 2027', year: 2027 }, 1_000, storage);
		recordVisit('plan_bbbbbbbbbb', { title: 'Lancement', year: 2027 }, 2_000, storage);
		storage.setItem('cap.visit.plan_cccccccccc', '{broken');
		expect(listJoinedPlans(storage)).toEqual([
			{
				planId: 'plan_bbbbbbbbbb',
				name: 'Marie',
				role: 'facilitator',
				title: 'Lancement',
				year: 2027,
				lastVisit: 2_000
			},
			{
				planId: 'plan_aaaaaaaaaa',
				name: 'Marie',
				role: 'editor',
				title: 'PAC 2027',
				year: 2027,
				lastVisit: 1_000
			},
			{ planId: 'plan_cccccccccc', name: 'Marie', role: 'viewer', title: null, year: null, lastVisit: null }
		]);
	});

	it('forgets a plan: it leaves the list and its session is gone', () => {
		const storage = memoryStorage();
		saveSession(session('plan_aaaaaaaaaa', 'editor'), storage);
		recordVisit('plan_aaaaaaaaaa', { title: 'PAC', year: 2027 }, 1, storage);
		forgetPlan('plan_aaaaaaaaaa', storage);
		expect(listJoinedPlans(storage)).toEqual([]);
		expect(storage.length).toBe(0);
	});
});
