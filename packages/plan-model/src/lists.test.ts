import { describe, expect, it } from 'vitest';
import {
	NAMED_LIST_KINDS,
	addListItem,
	removeListItem,
	reorderListItem,
	selectList,
	selectMembers,
	updateListItem
} from './lists.ts';
import { collection } from './schema.ts';
import { alice, bob, expectRefused, newPlan, pair } from './test-utils.ts';

const names = (items: { name: string }[]) => items.map((i) => i.name);

describe('named lists', () => {
	it.each(NAMED_LIST_KINDS)('LIST-1 %s: add, insert at index, update, reorder and remove', (kind) => {
		const doc = newPlan();
		const a = addListItem(doc, kind, { name: 'Alpha' }, alice);
		const c = addListItem(doc, kind, { name: 'Charlie', color: '#ff8800' }, alice);
		addListItem(doc, kind, { name: 'Bravo', index: 1 }, alice);
		expect(names(selectList(doc, kind))).toEqual(['Alpha', 'Bravo', 'Charlie']);
		updateListItem(doc, kind, { id: c, description: 'Troisième', color: null }, alice);
		expect(selectList(doc, kind)[2]).toMatchObject({
			name: 'Charlie',
			description: 'Troisième',
			color: null
		});
		reorderListItem(doc, kind, { id: a, index: 2 }, alice);
		expect(names(selectList(doc, kind))).toEqual(['Bravo', 'Charlie', 'Alpha']);
		removeListItem(doc, kind, { id: c }, alice);
		expect(names(selectList(doc, kind))).toEqual(['Bravo', 'Alpha']);
	});

	it('LIST-1 CMD-2 names are required, colours must be #rrggbb, unknown ids are not found', () => {
		const doc = newPlan();
		expectRefused(doc, () => addListItem(doc, 'channels', { name: ' ' }, alice), 'invalid_input', 'name');
		expectRefused(
			doc,
			() => addListItem(doc, 'channels', { name: 'Salon', color: 'red' }, alice),
			'invalid_input',
			'color'
		);
		expectRefused(
			doc,
			() => updateListItem(doc, 'channels', { id: 'nope', name: 'X' }, alice),
			'not_found',
			'id'
		);
		expectRefused(doc, () => removeListItem(doc, 'channels', { id: 'nope' }, alice), 'not_found', 'id');
		expect(selectList(doc, 'channels')).toEqual([]);
	});

	it('LIST-2 names are unique within a list, ignoring case and spaces, but may repeat across lists', () => {
		const doc = newPlan();
		const id = addListItem(doc, 'channels', { name: 'E-mailing' }, alice);
		expectRefused(
			doc,
			() => addListItem(doc, 'channels', { name: ' e-MAILING ' }, alice),
			'conflict',
			'name'
		);
		const other = addListItem(doc, 'channels', { name: 'Salon' }, alice);
		expectRefused(
			doc,
			() => updateListItem(doc, 'channels', { id: other, name: 'E-Mailing' }, alice),
			'conflict'
		);
		updateListItem(doc, 'channels', { id, name: 'E-Mailing' }, alice);
		addListItem(doc, 'workstreams', { name: 'E-mailing' }, alice);
		expect(names(selectList(doc, 'channels'))).toEqual(['E-Mailing', 'Salon']);
	});

	it('LIST-3 members carry e-mail, role and a non-negative capacity per period', () => {
		const doc = newPlan();
		const id = addListItem(
			doc,
			'members',
			{ name: 'Léa Martin', email: 'lea@dupont.fr', role: 'Chef de produit', capacityPerPeriod: 4.5 },
			alice
		);
		expect(selectMembers(doc)).toEqual([
			expect.objectContaining({ id, email: 'lea@dupont.fr', role: 'Chef de produit', capacityPerPeriod: 4.5 })
		]);
		expectRefused(
			doc,
			() => updateListItem(doc, 'members', { id, capacityPerPeriod: -1 }, alice),
			'invalid_input',
			'capacityPerPeriod'
		);
		expectRefused(
			doc,
			() => updateListItem(doc, 'members', { id, email: 'lea@' }, alice),
			'invalid_input',
			'email'
		);
		expectRefused(
			doc,
			() => updateListItem(doc, 'members', { id, email: 'lea martin@dupont.fr' }, alice),
			'invalid_input',
			'email'
		);
		updateListItem(doc, 'members', { id, email: "l.o'brien@dupont.fr" }, alice);
		expect(selectMembers(doc)[0]?.email).toBe("l.o'brien@dupont.fr");
		updateListItem(doc, 'members', { id, email: null }, alice);
		expect(selectMembers(doc)[0]?.email).toBeNull();
	});

	it('LIST-4 removing an item deletes its record', () => {
		const doc = newPlan();
		const id = addListItem(doc, 'targets', { name: 'Artisans' }, alice);
		removeListItem(doc, 'targets', { id }, alice);
		expect(collection(doc, 'targets').has(id)).toBe(false);
	});

	it('ORD-1 ORD-2 CONV-1 concurrent moves of different items both apply; ties sort by id everywhere', () => {
		const { a, b, sync } = pair();
		const ids = ['Un', 'Deux', 'Trois', 'Quatre'].map((name) =>
			addListItem(a, 'workstreams', { name }, alice)
		);
		sync();
		reorderListItem(a, 'workstreams', { id: ids[3] as string, index: 0 }, alice);
		reorderListItem(b, 'workstreams', { id: ids[0] as string, index: 3 }, bob);
		sync();
		expect(names(selectList(a, 'workstreams'))).toEqual(['Quatre', 'Deux', 'Trois', 'Un']);
		expect(selectList(b, 'workstreams')).toEqual(selectList(a, 'workstreams'));
		// Two inserts at the same place get the same key on both replicas: ties break by id.
		const x = addListItem(a, 'workstreams', { name: 'X', index: 1 }, alice);
		const y = addListItem(b, 'workstreams', { name: 'Y', index: 1 }, bob);
		sync();
		const list = selectList(a, 'workstreams');
		expect(list[1]?.order).toBe(list[2]?.order);
		expect([list[1]?.id, list[2]?.id]).toEqual([x, y].sort());
		expect(selectList(b, 'workstreams')).toEqual(list);
	});

	it('ORD-2 moving between two items that share a key renumbers the list and lands where asked', () => {
		const { a, b, sync } = pair();
		addListItem(a, 'channels', { name: 'Premier' }, alice);
		sync();
		addListItem(a, 'channels', { name: 'A' }, alice);
		addListItem(b, 'channels', { name: 'B' }, bob);
		sync();
		const last = addListItem(a, 'channels', { name: 'Dernier' }, alice);
		const before = names(selectList(a, 'channels'));
		reorderListItem(a, 'channels', { id: last, index: 2 }, alice);
		const after = names(selectList(a, 'channels'));
		expect(after).toEqual([before[0], before[1], 'Dernier', before[2]]);
		const orders = selectList(a, 'channels').map((c) => c.order);
		expect(new Set(orders).size).toBe(4);
	});

	it('ORD-2 moving one item rewrites only its own order key', () => {
		const doc = newPlan();
		const ids = ['a', 'b', 'c'].map((name) => addListItem(doc, 'productLines', { name }, alice));
		const before = selectList(doc, 'productLines');
		reorderListItem(doc, 'productLines', { id: ids[2] as string, index: 0 }, alice);
		const after = selectList(doc, 'productLines');
		expect(after.map((i) => i.name)).toEqual(['c', 'a', 'b']);
		expect(after.find((i) => i.name === 'a')?.order).toBe(before[0]?.order);
		expect(after.find((i) => i.name === 'b')?.order).toBe(before[1]?.order);
	});
});
