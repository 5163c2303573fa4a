import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, getActionDescription, removeAction, selectActions, updateAction } from './actions.ts';
import { addBudgetLine } from './budget.ts';
import { selectOpenThreads, startThread } from './comments.ts';
import { comparePlans } from './compare.ts';
import { addListItem, selectList } from './lists.ts';
import { addKeyResult, addMarketingObjective, selectKeyResults, updateKeyResult } from './objectives.ts';
import { restoreVersion, RESTORED_ROOTS } from './restore.ts';
import { readPlainText } from './richtext.ts';
import { selectSettings, updatePlanSettings } from './settings.ts';
import { alice, bob, newPlan, pair } from './test-utils.ts';

const copy = (doc: Y.Doc) => {
	const out = new Y.Doc();
	Y.applyUpdate(out, Y.encodeStateAsUpdate(doc));
	return out;
};
const content = (doc: Y.Doc) => Object.fromEntries(RESTORED_ROOTS.map((k) => [k, doc.getMap(k).toJSON()]));

function planWithContent() {
	const doc = newPlan();
	const julie = addListItem(doc, 'members', { name: 'Julie' }, alice);
	const mo = addMarketingObjective(
		doc,
		{ name: 'Notoriété', family: 'communication', nature: 'quantitative' },
		alice
	);
	const kr = addKeyResult(doc, { marketingObjectiveId: mo, kpi: 'Taux de notoriété', target: 35 }, alice);
	const a = addAction(
		doc,
		{ name: 'Salon', ownerId: julie, description: 'Stand 12', plannedCost: 5000, keyResultIds: [kr] },
		alice
	);
	const b = addAction(doc, { name: 'Mailing' }, alice);
	addBudgetLine(doc, { label: 'Stand', planned: 5000 }, alice);
	return { doc, julie, kr, a, b };
}

describe('restoring a version', () => {
	it('RESTORE-1: the plan content becomes the version again; later records go, removed ones come back', () => {
		const { doc, a, b, kr } = planWithContent();
		const version = copy(doc);
		updateAction(doc, { id: a, name: 'Salon SIAL', description: 'Stand 40', plannedCost: 9000 }, alice);
		removeAction(doc, { id: b }, alice);
		addAction(doc, { name: 'Added later' }, alice);
		updateKeyResult(doc, { id: kr, target: 50 }, alice);
		updatePlanSettings(doc, { title: 'Renamed' }, alice);
		addListItem(doc, 'channels', { name: 'Radio' }, alice);
		startThread(doc, { targetType: 'action', targetId: a, body: 'Why 9000?' }, alice);

		restoreVersion(doc, version, bob);
		expect(content(doc).settings).toEqual(content(version).settings);
		expect(selectActions(doc).map((x) => [x.name, x.plannedCost])).toEqual([
			['Salon', 5000],
			['Mailing', null]
		]);
		expect(readPlainText(getActionDescription(doc, a))).toBe('Stand 12');
		expect(selectKeyResults(doc)[0]!.target).toBe(35);
		expect(selectList(doc, 'channels')).toEqual([]);
		expect(selectSettings(doc).title).toBe('Plan 2027');
		// The conversation is not part of the plan's content: the thread stays.
		expect(selectOpenThreads(doc).map((t) => t.comments[0]?.body)).toEqual(['Why 9000?']);
	});

	it('RESTORE-2: fields unchanged since the version are not written, so a concurrent edit survives', () => {
		const { a: docA, b: docB, sync } = pair();
		const id = addAction(docA, { name: 'Salon', plannedCost: 100 }, alice);
		sync();
		const version = copy(docA);
		updateAction(docA, { id, plannedCost: 999 }, alice);
		sync();
		// Bob renames while Alice restores: both stand.
		updateAction(docB, { id, name: 'Salon SIAL' }, bob);
		restoreVersion(docA, version, alice);
		sync();
		for (const d of [docA, docB])
			expect(selectActions(d).map((x) => [x.name, x.plannedCost])).toEqual([['Salon SIAL', 100]]);
	});

	it('RESTORE-3: restores on two replicas at once converge', () => {
		const { a: docA, b: docB, sync } = pair();
		addAction(docA, { name: 'One' }, alice);
		sync();
		const version = copy(docA);
		addAction(docA, { name: 'Two' }, alice);
		addAction(docB, { name: 'Three' }, bob);
		restoreVersion(docA, version, alice);
		restoreVersion(docB, version, bob);
		sync();
		expect(content(docA)).toEqual(content(docB));
		expect(selectActions(docA).map((x) => x.name)).toEqual(['One']);
	});

	it('is one transaction', () => {
		const { doc, a } = planWithContent();
		const version = copy(doc);
		updateAction(doc, { id: a, name: 'X', plannedCost: 1 }, alice);
		let updates = 0;
		doc.on('update', () => updates++);
		restoreVersion(doc, version, alice);
		expect(updates).toBe(1);
	});
});

describe('comparing two states (CMP-1)', () => {
	it('CMP-1: lists actions added, removed and changed field by field, by name, and budget totals', () => {
		const { doc, a, b } = planWithContent();
		const before = copy(doc);
		const radio = addListItem(doc, 'members', { name: 'Marc' }, alice);
		updateAction(doc, { id: a, ownerId: radio, plannedCost: 7000 }, alice);
		removeAction(doc, { id: b }, alice);
		addAction(doc, { name: 'Jeu concours' }, alice);
		const diff = comparePlans(before, doc);
		expect(diff.actions.added).toEqual(['Jeu concours']);
		expect(diff.actions.removed).toEqual(['Mailing']);
		expect(diff.actions.changed).toEqual([
			{
				name: 'Salon',
				changes: [
					{ field: 'ownerId', from: 'Julie', to: 'Marc' },
					{ field: 'plannedCost', from: '5000', to: '7000' }
				]
			}
		]);
		expect(diff.budget.actionsCost).toEqual([5000, 7000]);
		// BUD-2: the planned total is the actions' costs plus the budget lines (a 5,000 line here).
		expect(diff.budget.planned).toEqual([10000, 12000]);
	});

	it('CMP-1: a total nobody entered compares as not entered (null), never as 0', () => {
		const doc = newPlan();
		const before = copy(doc);
		addAction(doc, { name: 'Salon', plannedCost: 5000 }, alice);
		const diff = comparePlans(before, doc);
		expect(diff.budget.actionsCost).toEqual([null, 5000]);
		expect(diff.budget.planned).toEqual([null, 5000]);
		// Nothing spent was entered on either side.
		expect(diff.budget.actual).toEqual([null, null]);
	});
});
