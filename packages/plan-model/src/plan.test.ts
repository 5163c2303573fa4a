import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addListItem, selectList } from './lists.ts';
import { observePlan, type PlanChange } from './observe.ts';
import { migrationOrigin, serverOrigin, userOrigin, isPlanOrigin } from './origin.ts';
import { getSchemaVersion, initPlan, migrate } from './plan.ts';
import { PLAN_ROOT_KEYS, SCHEMA_VERSION } from './schema.ts';
import { selectSettings, updatePlanSettings } from './settings.ts';
import { alice, expectRefused, newPlan } from './test-utils.ts';

describe('plan lifecycle', () => {
	it('MIG-1 initPlan creates a plan with defaults and refuses a second init', () => {
		const doc = new Y.Doc();
		initPlan(doc, { title: 'PAC 2027', year: 2027 }, alice);
		expect(getSchemaVersion(doc)).toBe(SCHEMA_VERSION);
		expect(selectSettings(doc)).toEqual({
			title: 'PAC 2027',
			year: 2027,
			company: null,
			locale: 'fr',
			currency: 'EUR'
		});
		expectRefused(doc, () => initPlan(doc, { title: 'Other', year: 2028 }, alice), 'conflict');
		expect(selectSettings(doc).title).toBe('PAC 2027');
	});

	it('MIG-1 CMD-2 initPlan validates its settings before creating anything', () => {
		const doc = new Y.Doc();
		expectRefused(doc, () => initPlan(doc, { title: '  ', year: 2027 }, alice), 'invalid_input', 'title');
		expect(getSchemaVersion(doc)).toBe(0);
	});

	it('MIG-2 migrate upgrades a settings-only v0 document, then writes nothing the second time', () => {
		const doc = new Y.Doc();
		doc.getMap('settings').set('title', 'Ancien plan');
		doc.getMap('settings').set('year', 2025);
		const origins: unknown[] = [];
		doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
		expect(migrate(doc)).toEqual({ from: 0, to: SCHEMA_VERSION, changed: true });
		expect(origins).toEqual([migrationOrigin()]);
		expect(selectSettings(doc)).toMatchObject({
			title: 'Ancien plan',
			year: 2025,
			locale: 'fr',
			currency: 'EUR'
		});
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		expect(migrate(doc).changed).toBe(false);
		expect(updates).toHaveLength(0);
	});

	it('MIG-2 CONV-1 two replicas migrating the same old document concurrently converge', () => {
		const a = new Y.Doc();
		a.getMap('settings').set('title', 'Ancien plan');
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		migrate(a);
		migrate(b);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(selectSettings(a)).toEqual(selectSettings(b));
		expect(getSchemaVersion(b)).toBe(SCHEMA_VERSION);
	});

	it('MIG-1 MIG-2 migrating a brand-new empty document writes nothing, so initPlan still works', () => {
		const doc = new Y.Doc();
		expect(migrate(doc)).toEqual({ from: 0, to: 0, changed: false });
		initPlan(doc, { title: 'Nouveau', year: 2027 }, alice);
		expect(selectSettings(doc).title).toBe('Nouveau');
	});

	it('MIG-3 migrate refuses a document from a newer schema', () => {
		const doc = new Y.Doc();
		doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
		expectRefused(doc, () => migrate(doc), 'unsupported_version');
	});
});

describe('commands and observation', () => {
	it('CMD-1 OBS-1 a command is one transaction carrying its origin, seen once by observePlan', () => {
		const doc = newPlan();
		const changes: PlanChange[] = [];
		const stop = observePlan(doc, (c) => changes.push(c));
		const carol = userOrigin('carol');
		addListItem(doc, 'members', { name: 'Carole', email: 'carole@example.fr' }, carol);
		expect(changes).toEqual([{ origin: carol, local: true }]);
		updatePlanSettings(doc, { title: 'Plan 2027' }, serverOrigin());
		expect(changes).toHaveLength(1);
		stop();
		updatePlanSettings(doc, { title: 'Renamed' }, alice);
		expect(changes).toHaveLength(1);
	});

	it('CMD-1 each command is one undo step for an UndoManager tracking that origin object', () => {
		const doc = newPlan();
		const undo = new Y.UndoManager(
			PLAN_ROOT_KEYS.map((k) => doc.getMap(k)),
			{ trackedOrigins: new Set([alice]), captureTimeout: 0 }
		);
		updatePlanSettings(doc, { title: 'Renommé', year: 2028 }, alice);
		addListItem(doc, 'channels', { name: 'Salon' }, alice);
		addListItem(doc, 'channels', { name: 'Radio' }, userOrigin('alice'));
		undo.undo();
		expect(selectList(doc, 'channels').map((c) => c.name)).toEqual(['Radio']);
		undo.undo();
		expect(selectSettings(doc)).toMatchObject({ title: 'Plan 2027', year: 2027 });
	});

	it('OBS-1 remote updates are observed with a null origin', () => {
		const a = newPlan();
		const b = new Y.Doc();
		const changes: PlanChange[] = [];
		observePlan(b, (c) => changes.push(c));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'provider');
		expect(changes).toEqual([{ origin: null, local: false }]);
		expect(isPlanOrigin('provider')).toBe(false);
	});

	it('OBS-1 PLAN_ROOT_KEYS names every top-level map the model writes', () => {
		const doc = newPlan();
		const share = [...doc.share.keys()];
		for (const key of share) expect(PLAN_ROOT_KEYS).toContain(key);
		expect(PLAN_ROOT_KEYS).toContain('actions');
		expect(new Set(PLAN_ROOT_KEYS).size).toBe(PLAN_ROOT_KEYS.length);
	});

	it('CMD-3 creating commands return a fresh URL-safe id', () => {
		const doc = newPlan();
		const ids = Array.from({ length: 20 }, (_, i) =>
			addListItem(doc, 'channels', { name: `Canal ${i}` }, alice)
		);
		for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
		expect(new Set(ids).size).toBe(20);
	});
});
