// The bridge's undo: two replicas kept in sync in memory, each with its own participant; undoing reverts
// only the local participant's edits, whatever the other did meanwhile, and redo brings them back.
import { initPlan, serverOrigin } from '@cap/plan-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { StoredSession } from '../session.ts';
import { localStoreName, PlanSync, UNDO_SCOPE } from './plan.svelte.ts';
import { addItem, updateSettings } from '#lib/settings/commands.ts';

function session(participantId: string, name: string): StoredSession {
	return {
		planId: 'plan_0123456789',
		token: 't',
		participantId,
		name,
		role: 'editor',
		invite: 'i',
		expiresAt: Date.now() + 3_600_000
	};
}

/** Two replicas of one plan, each update relayed to the other as a server would. */
function pair() {
	const docA = new Y.Doc();
	initPlan(docA, { title: 'Plan 2027', year: 2027 }, serverOrigin());
	const docB = new Y.Doc();
	Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
	const relay = 'relay';
	docA.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== relay) Y.applyUpdate(docB, update, relay);
	});
	docB.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== relay) Y.applyUpdate(docA, update, relay);
	});
	const a = new PlanSync({ session: session('pA', 'Marie'), doc: docA, connect: false });
	const b = new PlanSync({ session: session('pB', 'Karim'), doc: docB, connect: false });
	return { a, b };
}

describe('PlanSync undo', () => {
	it('reverts only the local participant’s edit, on both replicas', () => {
		const { a, b } = pair();
		expect(a.canUndo).toBe(false);
		expect(updateSettings(a, { title: 'Plan ambitieux' }).ok).toBe(true);
		expect(addItem(b, 'members', { name: 'Karim' }).ok).toBe(true);
		expect(b.settings.title).toBe('Plan ambitieux');
		expect(a.members.map((m) => m.name)).toEqual(['Karim']);
		expect(a.canUndo).toBe(true);

		expect(a.undo()).toBe(true);
		for (const sync of [a, b]) {
			expect(sync.settings.title).toBe('Plan 2027');
			expect(sync.members.map((m) => m.name)).toEqual(['Karim']);
		}
		expect(a.canUndo).toBe(false);
		expect(a.canRedo).toBe(true);
		// Nothing of A's left to undo: B's member is not A's to revert.
		expect(a.undo()).toBe(false);
		expect(b.members).toHaveLength(1);

		expect(a.redo()).toBe(true);
		expect(b.settings.title).toBe('Plan ambitieux');
		expect(a.canRedo).toBe(false);

		// B's own undo removes B's member and leaves A's title alone.
		expect(b.undo()).toBe(true);
		expect(a.members).toHaveLength(0);
		expect(a.settings.title).toBe('Plan ambitieux');
		a.destroy();
		b.destroy();
	});

	it('undoes edits separated by a boundary one at a time, and refuses read-only participants', () => {
		const { a, b } = pair();
		updateSettings(a, { title: 'Un' });
		a.undoBoundary();
		updateSettings(a, { company: 'Acme' });
		a.undo();
		expect(b.settings.company).not.toBe('Acme');
		expect(b.settings.title).toBe('Un');
		a.undo();
		expect(b.settings.title).toBe('Plan 2027');

		const viewer = new PlanSync({
			session: { ...session('pV', 'Vera'), role: 'viewer' },
			doc: new Y.Doc(),
			connect: false
		});
		expect(viewer.undo()).toBe(false);
		viewer.destroy();
		a.destroy();
		b.destroy();
	});

	it('covers the plan but its comments, and names the local store after the plan', () => {
		expect(UNDO_SCOPE).toContain('settings');
		expect(UNDO_SCOPE).toContain('marketingObjectives');
		expect(UNDO_SCOPE).not.toContain('comments');
		expect(UNDO_SCOPE).not.toContain('commentThreads');
		expect(localStoreName('plan_0123456789')).toBe('cap-plan-plan_0123456789');
	});
});
