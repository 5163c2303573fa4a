import { describe, expect, it } from 'vitest';
import { forgetCode, recallCode, rememberCode } from './live-code.ts';

function memory() {
	const map = new Map<string, string>();
	return {
		getItem: (k: string) => map.get(k) ?? null,
		setItem: (k: string, val: string) => void map.set(k, val),
		removeItem: (k: string) => void map.delete(k),
		map
	};
}

describe('the live room code kept on the device', () => {
	it('comes back for its plan until it expires, then is forgotten', () => {
		const store = memory();
		rememberCode('plan-a', { code: 'K7QW2M', granted: 'participant', expiresAt: 2_000 }, store);
		expect(recallCode('plan-a', 1_000, store)).toEqual({
			code: 'K7QW2M',
			granted: 'participant',
			expiresAt: 2_000
		});
		expect(recallCode('plan-b', 1_000, store)).toBeNull();
		expect(recallCode('plan-a', 2_000, store)).toBeNull();
		expect(store.map.size).toBe(0);
	});

	it('reads a damaged or foreign value as no code, and forgets it on request', () => {
		const store = memory();
		store.setItem('cap.roomCode.plan-a', '{"code":"<script>","granted":"viewer","expiresAt":9}');
		expect(recallCode('plan-a', 1, store)).toBeNull();
		store.setItem('cap.roomCode.plan-a', 'not json');
		expect(recallCode('plan-a', 1, store)).toBeNull();
		rememberCode('plan-a', { code: 'K7QW2M', granted: 'editor', expiresAt: 9 }, store);
		forgetCode('plan-a', store);
		expect(recallCode('plan-a', 1, store)).toBeNull();
	});
});
