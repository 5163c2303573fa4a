import { describe, expect, it } from 'vitest';
import {
	addAction,
	addActionDependency,
	getActionDescription,
	removeAction,
	removeActionDependency,
	reorderAction,
	selectActions,
	updateAction
} from './actions.ts';
import { addKeyMoment, removeKeyMoment, selectKeyMoments, updateKeyMoment } from './calendar.ts';
import { addListItem, removeListItem } from './lists.ts';
import { addKeyResult, addMarketingObjective, removeKeyResult } from './objectives.ts';
import { generateTenDayPeriods } from './periods.ts';
import { readPlainText } from './richtext.ts';
import { collection } from './schema.ts';
import { alice, bob, expectRefused, newPlan, pair } from './test-utils.ts';

const byName = (doc: Parameters<typeof selectActions>[0], name: string) =>
	selectActions(doc).find((a) => a.name === name);

describe('actions', () => {
	it('ACT-1 an action has a name, a default status and never negative person-days or cost', () => {
		const doc = newPlan();
		expectRefused(doc, () => addAction(doc, { name: '' }, alice), 'invalid_input', 'name');
		expectRefused(
			doc,
			() => addAction(doc, { name: 'Salon', personDays: -1 }, alice),
			'invalid_input',
			'personDays'
		);
		expectRefused(
			doc,
			() => addAction(doc, { name: 'Salon', plannedCost: -100 }, alice),
			'invalid_input',
			'plannedCost'
		);
		expectRefused(
			doc,
			() => addAction(doc, { name: 'Salon', status: 'late' as 'todo' }, alice),
			'invalid_input',
			'status'
		);
		const id = addAction(
			doc,
			{ name: 'Salon Batimat', personDays: 4, plannedCost: 12000, description: 'Stand 12 m²' },
			alice
		);
		expect(selectActions(doc)).toEqual([
			expect.objectContaining({
				id,
				status: 'todo',
				priority: 'medium',
				personDays: 4,
				plannedCost: 12000,
				descriptionText: 'Stand 12 m²'
			})
		]);
		updateAction(doc, { id, status: 'in_progress', description: 'Stand 18 m²\nAvec démo' }, alice);
		expect(selectActions(doc)[0]).toMatchObject({
			status: 'in_progress',
			descriptionText: 'Stand 18 m²\nAvec démo'
		});
		expect(readPlainText(getActionDescription(doc, id))).toBe('Stand 18 m²\nAvec démo');
	});

	it('ACT-1 REF-2 every field of step 5 is stored and references must exist', () => {
		const doc = newPlan();
		const ws = addListItem(doc, 'workstreams', { name: 'Digital' }, alice);
		const owner = addListItem(doc, 'members', { name: 'Léa' }, alice);
		const ch = addListItem(doc, 'channels', { name: 'E-mailing' }, alice);
		const tg = addListItem(doc, 'targets', { name: 'Artisans' }, alice);
		const pl = addListItem(doc, 'productLines', { name: 'Outillage' }, alice);
		const [period] = generateTenDayPeriods(doc, { year: 2027 }, alice);
		const mkt = addMarketingObjective(
			doc,
			{ name: 'Leads', family: 'customers', nature: 'quantitative' },
			alice
		);
		const kr = addKeyResult(doc, { marketingObjectiveId: mkt, kpi: 'Leads' }, alice);
		expectRefused(doc, () => addAction(doc, { name: 'X', ownerId: 'ghost' }, alice), 'not_found', 'ownerId');
		expectRefused(
			doc,
			() => addAction(doc, { name: 'X', keyResultIds: ['ghost'] }, alice),
			'not_found',
			'keyResultIds'
		);
		const id = addAction(
			doc,
			{
				name: 'Newsletter mensuelle',
				workstreamId: ws,
				ownerId: owner,
				channelId: ch,
				targetId: tg,
				productLineId: pl,
				periodId: period,
				keyResultIds: [kr],
				priority: 'high',
				start: '2027-01-05',
				end: '2027-12-31',
				recurrence: { freq: 'monthly', interval: 1, until: '2027-12-31' }
			},
			alice
		);
		expect(selectActions(doc)[0]).toMatchObject({
			id,
			workstreamId: ws,
			ownerId: owner,
			channelId: ch,
			targetId: tg,
			productLineId: pl,
			periodId: period,
			keyResultIds: [kr],
			priority: 'high',
			recurrence: { freq: 'monthly', interval: 1, until: '2027-12-31' }
		});
	});

	it('ACT-2 an action never ends before it starts, and recurrence ends after the start', () => {
		const doc = newPlan();
		expectRefused(
			doc,
			() => addAction(doc, { name: 'A', start: '2027-05-02', end: '2027-05-01' }, alice),
			'invalid_input',
			'end'
		);
		const id = addAction(doc, { name: 'A', start: '2027-05-01', end: '2027-05-31' }, alice);
		expectRefused(doc, () => updateAction(doc, { id, end: '2027-04-30' }, alice), 'invalid_input', 'end');
		expectRefused(
			doc,
			() =>
				updateAction(doc, { id, recurrence: { freq: 'weekly', interval: 1, until: '2027-04-01' } }, alice),
			'invalid_input',
			'recurrence.until'
		);
		expectRefused(
			doc,
			() => updateAction(doc, { id, recurrence: { freq: 'daily' as 'weekly', interval: 1 } }, alice),
			'invalid_input'
		);
		updateAction(doc, { id, start: null }, alice);
		updateAction(doc, { id, end: '2027-04-30' }, alice);
		expect(selectActions(doc)[0]).toMatchObject({ start: null, end: '2027-04-30' });
	});

	it('ACT-3 refuses a self-dependency or a dependency cycle and changes nothing', () => {
		const doc = newPlan();
		const a = addAction(doc, { name: 'A' }, alice);
		const b = addAction(doc, { name: 'B', dependsOn: [a] }, alice);
		const c = addAction(doc, { name: 'C' }, alice);
		addActionDependency(doc, { actionId: c, dependsOnId: b }, alice);
		expectRefused(
			doc,
			() => addActionDependency(doc, { actionId: a, dependsOnId: c }, alice),
			'cycle',
			'dependsOnId'
		);
		expectRefused(doc, () => updateAction(doc, { id: a, dependsOn: [c] }, alice), 'cycle', 'dependsOn');
		expectRefused(doc, () => updateAction(doc, { id: a, dependsOn: [a] }, alice), 'cycle', 'dependsOn');
		expectRefused(doc, () => addActionDependency(doc, { actionId: b, dependsOnId: b }, alice), 'cycle');
		expect(byName(doc, 'A')?.dependsOn).toEqual([]);
		expect(byName(doc, 'C')?.dependsOn).toEqual([b]);
		removeActionDependency(doc, { actionId: c, dependsOnId: b }, alice);
		addActionDependency(doc, { actionId: a, dependsOnId: c }, alice);
		expect(byName(doc, 'A')?.dependsOn).toEqual([c]);
	});

	it('ACT-4 CONV-1 a cycle created by concurrent edits is cut at read time, identically on both replicas', () => {
		const { a: docA, b: docB, sync } = pair();
		const a = addAction(docA, { name: 'A' }, alice);
		const b = addAction(docA, { name: 'B' }, alice);
		sync();
		addActionDependency(docA, { actionId: a, dependsOnId: b }, alice);
		addActionDependency(docB, { actionId: b, dependsOnId: a }, bob);
		sync();
		const deps = selectActions(docA).map((x) => x.dependsOn);
		expect(selectActions(docB).map((x) => x.dependsOn)).toEqual(deps);
		// The edge from the smaller id is kept, the one closing the cycle is dropped.
		const [first, second] = [a, b].sort() as [string, string];
		expect(selectActions(docA).find((x) => x.id === first)?.dependsOn).toEqual([second]);
		expect(selectActions(docA).find((x) => x.id === second)?.dependsOn).toEqual([]);
		// Removing the kept edge brings the stored one back.
		removeActionDependency(docA, { actionId: first, dependsOnId: second }, alice);
		expect(selectActions(docA).find((x) => x.id === second)?.dependsOn).toEqual([first]);
	});

	it('ACT-4 ACT-5 dependencies on a removed action are ignored', () => {
		const doc = newPlan();
		const a = addAction(doc, { name: 'A' }, alice);
		addAction(doc, { name: 'B', dependsOn: [a] }, alice);
		removeAction(doc, { id: a }, alice);
		expect(byName(doc, 'B')?.dependsOn).toEqual([]);
		expectRefused(doc, () => addAction(doc, { name: 'C', dependsOn: [a] }, alice), 'not_found', 'dependsOn');
	});

	it('ACT-5 removing an action leaves a tombstone and hides it', () => {
		const doc = newPlan();
		const id = addAction(doc, { name: 'Salon' }, alice);
		removeAction(doc, { id }, alice);
		expect(selectActions(doc)).toEqual([]);
		expect(collection(doc, 'actions').get(id)?.get('deleted')).toBe(true);
		expect(collection(doc, 'actions').get(id)?.get('name')).toBe('Salon');
		expectRefused(doc, () => updateAction(doc, { id, name: 'Revenant' }, alice), 'not_found', 'id');
	});

	it('ACT-6 concurrent links to different dependencies and key results all survive', () => {
		const { a: docA, b: docB, sync } = pair();
		const mkt = addMarketingObjective(docA, { name: 'O', family: 'global', nature: 'quantitative' }, alice);
		const kr1 = addKeyResult(docA, { marketingObjectiveId: mkt, kpi: 'K1' }, alice);
		const kr2 = addKeyResult(docA, { marketingObjectiveId: mkt, kpi: 'K2' }, alice);
		const x = addAction(docA, { name: 'X' }, alice);
		const y = addAction(docA, { name: 'Y' }, alice);
		const z = addAction(docA, { name: 'Z' }, alice);
		sync();
		addActionDependency(docA, { actionId: z, dependsOnId: x }, alice);
		updateAction(docA, { id: z, keyResultIds: [kr1] }, alice);
		addActionDependency(docB, { actionId: z, dependsOnId: y }, bob);
		updateAction(docB, { id: z, keyResultIds: [kr2] }, bob);
		sync();
		const merged = byName(docA, 'Z');
		expect(merged?.dependsOn).toEqual([x, y].sort());
		expect(merged?.keyResultIds).toEqual([kr1, kr2].sort());
		expect(byName(docB, 'Z')).toEqual(merged);
	});

	it('ORD-1 actions are listed by order key and can be reordered', () => {
		const doc = newPlan();
		const a = addAction(doc, { name: 'A' }, alice);
		addAction(doc, { name: 'B' }, alice);
		addAction(doc, { name: 'C', index: 0 }, alice);
		reorderAction(doc, { id: a, index: 2 }, alice);
		expect(selectActions(doc).map((x) => x.name)).toEqual(['C', 'B', 'A']);
	});

	it('REF-1 references to removed settings items and key results read as null or disappear', () => {
		const doc = newPlan();
		const owner = addListItem(doc, 'members', { name: 'Léa' }, alice);
		const mkt = addMarketingObjective(doc, { name: 'O', family: 'global', nature: 'quantitative' }, alice);
		const kr = addKeyResult(doc, { marketingObjectiveId: mkt, kpi: 'K' }, alice);
		addAction(doc, { name: 'A', ownerId: owner, keyResultIds: [kr] }, alice);
		removeListItem(doc, 'members', { id: owner }, alice);
		removeKeyResult(doc, { id: kr }, alice);
		expect(selectActions(doc)[0]).toMatchObject({ ownerId: null, keyResultIds: [] });
	});
});

describe('key moments', () => {
	it('KM-1 key moments never end before they start and are listed chronologically', () => {
		const doc = newPlan();
		expectRefused(
			doc,
			() => addKeyMoment(doc, { name: 'Soldes', start: '2027-07-10', end: '2027-06-24' }, alice),
			'invalid_input',
			'end'
		);
		const noel = addKeyMoment(
			doc,
			{ name: 'Noël', start: '2027-12-01', end: '2027-12-24', kind: 'holiday' },
			alice
		);
		addKeyMoment(doc, { name: 'Batimat', start: '2027-10-02', end: '2027-10-06', kind: 'trade_fair' }, alice);
		expect(selectKeyMoments(doc).map((k) => k.name)).toEqual(['Batimat', 'Noël']);
		expectRefused(
			doc,
			() => updateKeyMoment(doc, { id: noel, end: '2027-11-01' }, alice),
			'invalid_input',
			'end'
		);
		updateKeyMoment(doc, { id: noel, start: '2027-09-01', end: '2027-09-02' }, alice);
		expect(selectKeyMoments(doc).map((k) => k.name)).toEqual(['Noël', 'Batimat']);
		removeKeyMoment(doc, { id: noel }, alice);
		expect(selectKeyMoments(doc)).toEqual([expect.objectContaining({ name: 'Batimat', kind: 'trade_fair' })]);
	});
});
