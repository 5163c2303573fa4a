import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, addActionDependency, removeAction, selectActions, updateAction } from './actions.ts';
import { addListItem, removeListItem } from './lists.ts';
import { alice, bob, newPlan, pair } from './test-utils.ts';

/** What selectActions reads from a copy of `doc` that has never been read (no memory). */
function uncached(doc: Y.Doc) {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return selectActions(copy);
}

describe('selectActions memory', () => {
	it('returns fresh values after a change and the same objects for untouched records', () => {
		const doc = newPlan();
		const a = addAction(doc, { name: 'A', start: '2026-03-01', end: '2026-03-05' }, alice);
		const b = addAction(doc, { name: 'B' }, alice);
		const before = selectActions(doc);
		updateAction(doc, { id: a, start: '2026-03-02', end: '2026-03-06' }, alice);
		const after = selectActions(doc);
		expect(after.find((x) => x.id === a)).toMatchObject({ start: '2026-03-02', end: '2026-03-06' });
		expect(before.find((x) => x.id === a)?.start).toBe('2026-03-01');
		expect(after.find((x) => x.id === b)).toBe(before.find((x) => x.id === b));
		expect(after).toEqual(uncached(doc));
	});

	it('follows remote updates, dependencies, removals and references', () => {
		const { a: here, b: there, sync } = pair();
		const x = addAction(here, { name: 'X', start: '2026-01-01' }, alice);
		const y = addAction(here, { name: 'Y', start: '2026-01-01' }, alice);
		sync();
		const first = selectActions(there);
		addActionDependency(here, { actionId: y, dependsOnId: x }, alice);
		sync();
		expect(selectActions(there).find((o) => o.id === y)?.dependsOn).toEqual([x]);
		expect(selectActions(there).find((o) => o.id === x)).toBe(first.find((o) => o.id === x));
		const ws = addListItem(there, 'workstreams', { name: 'Launch' }, bob);
		updateAction(there, { id: x, workstreamId: ws }, bob);
		expect(selectActions(there).find((o) => o.id === x)?.workstreamId).toBe(ws);
		removeListItem(there, 'workstreams', { id: ws }, bob);
		expect(selectActions(there).find((o) => o.id === x)?.workstreamId).toBeNull();
		removeAction(there, { id: x }, bob);
		expect(selectActions(there).map((o) => o.id)).toEqual([y]);
		expect(selectActions(there).find((o) => o.id === y)?.dependsOn).toEqual([]);
		sync();
		expect(selectActions(here)).toEqual(uncached(here));
		expect(selectActions(there)).toEqual(uncached(there));
	});

	it('reads the document directly inside a transaction', () => {
		const doc = newPlan();
		const a = addAction(doc, { name: 'A' }, alice);
		selectActions(doc);
		doc.transact(() => {
			updateAction(doc, { id: a, name: 'Renamed' }, alice);
			expect(selectActions(doc)[0]?.name).toBe('Renamed');
		});
		expect(selectActions(doc)[0]?.name).toBe('Renamed');
	});
});
