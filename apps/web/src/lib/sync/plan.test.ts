// The bridge without a server: commands go through plan-model, selectors follow every transaction,
// errors come back as values, and read-only roles are refused before the document is touched.
import { initPlan, serverOrigin } from '@cap/plan-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { StoredSession } from '../session.ts';
import { collabUrl, PlanSync } from './plan.svelte.ts';
import { addItem, generatePeriods, moveItem, updateSettings } from '#lib/settings/commands.ts';

function setup(role: StoredSession['role'] = 'editor') {
	const doc = new Y.Doc();
	initPlan(doc, { title: 'Plan 2027', year: 2027 }, serverOrigin());
	const session: StoredSession = {
		planId: 'plan_0123456789',
		token: 't',
		participantId: 'p1',
		name: 'Marie',
		role,
		invite: 'i',
		expiresAt: Date.now() + 3_600_000
	};
	return { doc, sync: new PlanSync({ session, doc, connect: false }) };
}

describe('PlanSync', () => {
	it('re-runs selectors after local and remote changes', () => {
		const { doc, sync } = setup();
		expect(sync.settings.title).toBe('Plan 2027');
		expect(updateSettings(sync, { title: 'Plan 2028' }).ok).toBe(true);
		expect(sync.settings.title).toBe('Plan 2028');

		// A change arriving from another replica.
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		other.getMap('settings').set('company', 'Acme');
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
		expect(sync.settings.company).toBe('Acme');
		sync.destroy();
	});

	it('edits lists and periods through plan-model commands with the user origin', () => {
		const { doc, sync } = setup();
		const origins: unknown[] = [];
		doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
		const a = addItem(sync, 'members', { name: 'Marie' });
		const b = addItem(sync, 'members', { name: 'Karim' });
		expect(a.ok && b.ok).toBe(true);
		expect(sync.members.map((m) => m.name)).toEqual(['Marie', 'Karim']);
		if (b.ok) moveItem(sync, 'members', b.value, 0);
		expect(sync.members.map((m) => m.name)).toEqual(['Karim', 'Marie']);
		expect(generatePeriods(sync, 2027, false).ok).toBe(true);
		expect(sync.periods).toHaveLength(36);
		expect(
			origins.every((o) => JSON.stringify(o) === JSON.stringify({ kind: 'user', participantId: 'p1' }))
		).toBe(true);
		sync.destroy();
	});

	it('returns PlanErrors as values and leaves the document untouched', () => {
		const { sync } = setup();
		addItem(sync, 'channels', { name: 'E-mailing' });
		const duplicate = addItem(sync, 'channels', { name: ' e-mailing ' });
		expect(duplicate.ok).toBe(false);
		if (!duplicate.ok) expect(duplicate.error.code).toBe('conflict');
		expect(sync.channels).toHaveLength(1);
		const empty = updateSettings(sync, { title: '   ' });
		expect(empty.ok).toBe(false);
		expect(sync.settings.title).toBe('Plan 2027');
		sync.destroy();
	});

	it('refuses writes for read-only roles', () => {
		const { sync } = setup('viewer');
		expect(sync.canEdit).toBe(false);
		const result = updateSettings(sync, { title: 'Nope' });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.code).toBe('forbidden');
		expect(sync.settings.title).toBe('Plan 2027');
		sync.destroy();
	});

	it('is saved when offline-free and in memory, and builds the websocket URL from the page', () => {
		expect(collabUrl({ protocol: 'https:', host: 'cap.example' })).toBe('wss://cap.example/collab');
		expect(collabUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/collab');
	});
});
