import { describe, expect, it } from 'vitest';
import {
	addBusinessObjective,
	addKeyResult,
	addMarketingObjective,
	getMarketingObjectiveRationale,
	removeBusinessObjective,
	removeKeyResult,
	removeMarketingObjective,
	reorderMarketingObjective,
	selectKeyResults,
	selectMarketingObjectives,
	updateKeyResult,
	updateMarketingObjective
} from './objectives.ts';
import { readPlainText } from './richtext.ts';
import { alice, bob, expectRefused, newPlan, pair } from './test-utils.ts';

describe('objectives chain', () => {
	it('OBJ-3 a marketing objective is created without a name, to be named in place; a name is then required', () => {
		const doc = newPlan();
		const id = addMarketingObjective(doc, { family: 'global', nature: 'quantitative' }, alice);
		expect(selectMarketingObjectives(doc)[0]).toMatchObject({ id, name: '' });
		expectRefused(
			doc,
			() => updateMarketingObjective(doc, { id, name: '  ' }, alice),
			'invalid_input',
			'name'
		);
		updateMarketingObjective(doc, { id, name: 'Conquérir 200 clients' }, alice);
		expect(selectMarketingObjectives(doc)[0]?.name).toBe('Conquérir 200 clients');
	});

	it('OBJ-1 REF-2 a marketing objective has a family and nature and an existing business objective', () => {
		const doc = newPlan();
		const biz = addBusinessObjective(doc, { name: 'CA +10 %' }, alice);
		expectRefused(
			doc,
			() =>
				addMarketingObjective(
					doc,
					{ name: 'Notoriété', family: 'brand' as 'global', nature: 'qualitative' },
					alice
				),
			'invalid_input',
			'family'
		);
		expectRefused(
			doc,
			() =>
				addMarketingObjective(
					doc,
					{ name: 'X', family: 'global', nature: 'quantitative', businessObjectiveId: 'nope' },
					alice
				),
			'not_found',
			'businessObjectiveId'
		);
		const id = addMarketingObjective(
			doc,
			{
				name: 'Conquérir 200 clients',
				family: 'customers',
				nature: 'quantitative',
				businessObjectiveId: biz,
				rationale: 'Ligne 1\nLigne 2'
			},
			alice
		);
		expect(selectMarketingObjectives(doc)[0]).toMatchObject({
			id,
			family: 'customers',
			businessObjectiveId: biz,
			rationaleText: 'Ligne 1\nLigne 2'
		});
		updateMarketingObjective(doc, { id, rationale: 'Réécrit' }, alice);
		expect(readPlainText(getMarketingObjectiveRationale(doc, id))).toBe('Réécrit');
	});

	it('OBJ-2 an objective is SMART with a metric, an end date and (quantitative) a threshold', () => {
		const doc = newPlan();
		const id = addMarketingObjective(
			doc,
			{ name: 'Clients', family: 'customers', nature: 'quantitative', metric: 'Nouveaux clients' },
			alice
		);
		expect(selectMarketingObjectives(doc)[0]?.smart).toBe(false);
		updateMarketingObjective(doc, { id, endDate: '2027-12-31' }, alice);
		expect(selectMarketingObjectives(doc)[0]?.smart).toBe(false);
		updateMarketingObjective(doc, { id, threshold: 200 }, alice);
		expect(selectMarketingObjectives(doc)[0]?.smart).toBe(true);
		updateMarketingObjective(doc, { id, nature: 'qualitative', threshold: null }, alice);
		expect(selectMarketingObjectives(doc)[0]?.smart).toBe(true);
	});

	it('OBJ-3 parents with children cannot be removed; removal works bottom-up', () => {
		const doc = newPlan();
		const biz = addBusinessObjective(doc, { name: 'PDM +2 pts' }, alice);
		const mkt = addMarketingObjective(
			doc,
			{ name: 'Notoriété', family: 'communication', nature: 'qualitative', businessObjectiveId: biz },
			alice
		);
		const kr = addKeyResult(
			doc,
			{ marketingObjectiveId: mkt, kpi: 'Notoriété assistée', unit: '%', baseline: 20, target: 30 },
			alice
		);
		expectRefused(doc, () => removeBusinessObjective(doc, { id: biz }, alice), 'in_use');
		expectRefused(doc, () => removeMarketingObjective(doc, { id: mkt }, alice), 'in_use');
		removeKeyResult(doc, { id: kr }, alice);
		removeMarketingObjective(doc, { id: mkt }, alice);
		removeBusinessObjective(doc, { id: biz }, alice);
		expect(selectMarketingObjectives(doc)).toEqual([]);
	});

	it('OBJ-4 the rank follows the display order and changes by reordering', () => {
		const doc = newPlan();
		addMarketingObjective(doc, { name: 'Ventes', family: 'global', nature: 'quantitative' }, alice);
		const aw = addMarketingObjective(
			doc,
			{ name: 'Notoriété', family: 'communication', nature: 'qualitative' },
			alice
		);
		reorderMarketingObjective(doc, { id: aw, index: 0 }, alice);
		expect(selectMarketingObjectives(doc).map((o) => [o.name, o.rank])).toEqual([
			['Notoriété', 1],
			['Ventes', 2]
		]);
	});

	it('KR-1 a key result belongs to an existing objective, names its KPI and keeps its levers', () => {
		const doc = newPlan();
		expectRefused(
			doc,
			() => addKeyResult(doc, { marketingObjectiveId: 'nope', kpi: 'CA' }, alice),
			'not_found',
			'marketingObjectiveId'
		);
		const mkt = addMarketingObjective(
			doc,
			{ name: 'Fidéliser', family: 'customers', nature: 'quantitative' },
			alice
		);
		expectRefused(
			doc,
			() => addKeyResult(doc, { marketingObjectiveId: mkt, kpi: ' ' }, alice),
			'invalid_input',
			'kpi'
		);
		const id = addKeyResult(
			doc,
			{ marketingObjectiveId: mkt, kpi: 'Taux de réachat', levers: ['Carte fidélité'] },
			alice
		);
		updateKeyResult(doc, { id, levers: ['Carte fidélité', 'Newsletter'], priority: 'high' }, alice);
		expect(selectKeyResults(doc)[0]).toMatchObject({
			kpi: 'Taux de réachat',
			priority: 'high',
			levers: ['Carte fidélité', 'Newsletter']
		});
	});

	it('KR-2 progress is (current - baseline) / (target - baseline)', () => {
		const doc = newPlan();
		const mkt = addMarketingObjective(
			doc,
			{ name: 'Leads', family: 'customers', nature: 'quantitative' },
			alice
		);
		const id = addKeyResult(
			doc,
			{ marketingObjectiveId: mkt, kpi: 'Leads', baseline: 100, target: 300, current: 150 },
			alice
		);
		expect(selectKeyResults(doc)[0]?.progress).toBe(0.25);
		updateKeyResult(doc, { id, target: 100 }, alice);
		expect(selectKeyResults(doc)[0]?.progress).toBeNull();
	});

	it('REF-1 a key result whose objective was removed concurrently reads its objective as null', () => {
		const { a, b, sync } = pair();
		const mkt = addMarketingObjective(a, { name: 'Obj', family: 'global', nature: 'quantitative' }, alice);
		sync();
		removeMarketingObjective(a, { id: mkt }, alice);
		addKeyResult(b, { marketingObjectiveId: mkt, kpi: 'CA' }, bob);
		sync();
		expect(selectKeyResults(a)).toEqual(selectKeyResults(b));
		expect(selectKeyResults(a)[0]).toMatchObject({ kpi: 'CA', marketingObjectiveId: null });
	});
});
