import { describe, expect, it } from 'vitest';
import { addAction, removeAction, updateAction } from './actions.ts';
import {
	addBusinessObjective,
	addKeyResult,
	addMarketingObjective,
	keyResultProgress,
	moveMarketingObjective,
	removeBusinessObjective,
	selectKeyResults,
	selectMarketingObjectives,
	updateKeyResult
} from './objectives.ts';
import { collection } from './schema.ts';
import { checkSmart, selectSmartReport, type SmartKeyResult, type SmartObjective } from './smart.ts';
import { alice, expectRefused, newPlan } from './test-utils.ts';

const objective = (over: Partial<SmartObjective> = {}): SmartObjective => ({
	name: 'Conquérir des nouveaux clients',
	family: 'customers',
	nature: 'quantitative',
	endDate: '2027-12-31',
	...over
});
const kr = (over: Partial<SmartKeyResult> = {}): SmartKeyResult => ({
	id: 'kr1',
	kpi: 'Nouveaux clients',
	baseline: 100,
	target: 150,
	deadline: null,
	direction: 'increase',
	...over
});
const codes = (o: SmartObjective, krs: SmartKeyResult[]) =>
	checkSmart(o, krs, { year: 2027 }).map((i) => [i.code, i.keyResultId, i.field]);

describe('SMART check', () => {
	it('SMART-1..7 a complete objective has no issue', () => {
		expect(codes(objective(), [kr()])).toEqual([]);
	});

	it('SMART-1 an empty name or a missing family is not specific', () => {
		expect(codes(objective({ name: '  ', family: null }), [kr()])).toEqual([
			['not_specific', null, 'name'],
			['not_specific', null, 'family']
		]);
	});

	it('SMART-2 a quantitative objective without a key result has no metric', () => {
		expect(codes(objective(), [])).toEqual([['no_metric', null, null]]);
	});

	it('SMART-3 a key result without a target has no threshold', () => {
		expect(codes(objective(), [kr({ target: null }), kr({ id: 'kr2' })])).toEqual([
			['no_threshold', 'kr1', 'target']
		]);
	});

	it('SMART-4 neither an end date nor a deadline: no date; a key result deadline is enough', () => {
		expect(codes(objective({ endDate: null }), [kr()])).toEqual([['no_date', null, 'endDate']]);
		expect(codes(objective({ endDate: null }), [kr({ deadline: '2027-06-30' })])).toEqual([]);
	});

	it('SMART-5 dates outside the plan year are flagged', () => {
		expect(codes(objective({ endDate: '2028-01-31' }), [kr({ deadline: '2026-12-31' })])).toEqual([
			['date_outside_year', null, 'endDate'],
			['date_outside_year', 'kr1', 'deadline']
		]);
	});

	it('SMART-6 the target must lie beyond the baseline in the key result direction', () => {
		expect(codes(objective(), [kr({ target: 100 })])).toEqual([
			['target_not_beyond_baseline', 'kr1', 'target']
		]);
		expect(codes(objective(), [kr({ target: 90 })])).toEqual([
			['target_not_beyond_baseline', 'kr1', 'target']
		]);
		// A cost per acquisition should go down.
		expect(codes(objective(), [kr({ direction: 'decrease', baseline: 40, target: 30 })])).toEqual([]);
		expect(codes(objective(), [kr({ direction: 'decrease', baseline: 40, target: 45 })])).toEqual([
			['target_not_beyond_baseline', 'kr1', 'target']
		]);
		// Without a baseline there is nothing to compare.
		expect(codes(objective(), [kr({ baseline: null })])).toEqual([]);
	});

	it('SMART-7 a qualitative objective needs a key result with a target', () => {
		const awareness = objective({ nature: 'qualitative', family: 'communication' });
		expect(codes(awareness, [])).toEqual([['qualitative_unmeasurable', null, null]]);
		expect(codes(awareness, [kr({ target: null })])).toEqual([
			['qualitative_unmeasurable', null, null],
			['no_threshold', 'kr1', 'target']
		]);
		expect(codes(awareness, [kr({ kpi: 'Taux de notoriété assistée', baseline: 12, target: 20 })])).toEqual(
			[]
		);
	});
});

describe('SMART report and progress', () => {
	it('KR-3 progress is clamped to 0..1, works for decreasing KPIs, and is null when target equals baseline', () => {
		expect(keyResultProgress({ baseline: 100, target: 300, current: 150 })).toBe(0.25);
		expect(keyResultProgress({ baseline: 100, target: 300, current: 400 })).toBe(1);
		expect(keyResultProgress({ baseline: 100, target: 300, current: 50 })).toBe(0);
		const down = 'decrease' as const;
		expect(keyResultProgress({ baseline: 40, target: 30, current: 35, direction: down })).toBe(0.5);
		expect(keyResultProgress({ baseline: 40, target: 30, current: 45, direction: down })).toBe(0);
		expect(keyResultProgress({ baseline: 40, target: 40, current: 40 })).toBeNull();
		expect(keyResultProgress({ baseline: null, target: 10, current: 5 })).toBe(0.5);
		expect(keyResultProgress({ baseline: 1, target: 10, current: null })).toBeNull();
	});

	it('KR-4 progress is null when the target is not beyond the baseline in the key result direction', () => {
		// An "increase" key result mistyped with a target under its baseline: a current value that fell below
		// the baseline used to read 100 %.
		expect(keyResultProgress({ baseline: 100, target: 50, current: 40 })).toBeNull();
		expect(keyResultProgress({ baseline: 100, target: 50, current: 40, direction: 'increase' })).toBeNull();
		// A "decrease" key result (CPA) without baseline reads it as 0: no distance to cover downwards.
		expect(keyResultProgress({ baseline: null, target: 20, current: 25, direction: 'decrease' })).toBeNull();
		expect(keyResultProgress({ baseline: 30, target: 40, current: 20, direction: 'decrease' })).toBeNull();
		// Below the baseline of an increasing key result is no progress at all.
		expect(keyResultProgress({ baseline: 100, target: 200, current: 80, direction: 'increase' })).toBe(0);
	});

	it('KR-3 direction defaults to increase, is validated and stored', () => {
		const doc = newPlan();
		const mkt = addMarketingObjective(doc, { name: 'CPA', family: 'global', nature: 'quantitative' }, alice);
		const id = addKeyResult(doc, { marketingObjectiveId: mkt, kpi: 'CPA' }, alice);
		expect(selectKeyResults(doc)[0]?.direction).toBe('increase');
		expectRefused(
			doc,
			() => updateKeyResult(doc, { id, direction: 'sideways' as 'increase' }, alice),
			'invalid_input',
			'direction'
		);
		updateKeyResult(doc, { id, direction: 'decrease', baseline: 40, target: 30, current: 32 }, alice);
		expect(selectKeyResults(doc)[0]).toMatchObject({ direction: 'decrease', progress: 0.8 });
	});

	it('SMART-1..7 OBJ-6 the report lists issues, progress and objectives that no live action serves', () => {
		const doc = newPlan();
		const biz = addBusinessObjective(doc, { name: 'CA +10 %' }, alice);
		const good = addMarketingObjective(
			doc,
			{ name: 'Nouveaux clients', family: 'customers', nature: 'quantitative', businessObjectiveId: biz },
			alice
		);
		const vague = addMarketingObjective(
			doc,
			{ name: 'Notoriété', family: 'communication', nature: 'qualitative' },
			alice
		);
		const kr1 = addKeyResult(
			doc,
			{
				marketingObjectiveId: good,
				kpi: 'Clients',
				baseline: 10,
				target: 20,
				current: 15,
				deadline: '2027-12-31'
			},
			alice
		);
		const report = () => Object.fromEntries(selectSmartReport(doc).map((e) => [e.objectiveId, e]));
		expect(report()[good]).toMatchObject({ smart: true, issues: [], progress: 0.5, withoutAction: true });
		expect(report()[vague]).toMatchObject({ smart: false, progress: null, withoutAction: true });
		expect(report()[vague]?.issues.map((i) => i.code)).toEqual(['qualitative_unmeasurable', 'no_date']);

		const action = addAction(doc, { name: 'Salon', keyResultIds: [kr1] }, alice);
		expect(report()[good]?.withoutAction).toBe(false);
		updateAction(doc, { id: action, status: 'dropped' }, alice);
		expect(report()[good]?.withoutAction).toBe(true);
		updateAction(doc, { id: action, status: 'todo' }, alice);
		removeAction(doc, { id: action }, alice);
		expect(report()[good]?.withoutAction).toBe(true);

		// A family missing from storage (a malformed or foreign write) is reported, not silently 'global'.
		doc.transact(() => collection(doc, 'marketingObjectives').get(good)?.delete('family'));
		expect(report()[good]?.issues).toEqual([{ code: 'not_specific', keyResultId: null, field: 'family' }]);
	});
});

describe('objectives chain', () => {
	it('OBJ-5 a marketing objective moves under another business objective, with an optional new rank', () => {
		const doc = newPlan();
		const b1 = addBusinessObjective(doc, { name: 'CA +10 %' }, alice);
		const b2 = addBusinessObjective(doc, { name: 'PDM +2 pts' }, alice);
		const m1 = addMarketingObjective(
			doc,
			{ name: 'A', family: 'global', nature: 'quantitative', businessObjectiveId: b1 },
			alice
		);
		const m2 = addMarketingObjective(
			doc,
			{ name: 'B', family: 'global', nature: 'quantitative', businessObjectiveId: b1 },
			alice
		);
		expectRefused(
			doc,
			() => moveMarketingObjective(doc, { id: m2, businessObjectiveId: 'ghost' }, alice),
			'not_found',
			'businessObjectiveId'
		);
		expectRefused(
			doc,
			() => moveMarketingObjective(doc, { id: 'ghost', businessObjectiveId: b2 }, alice),
			'not_found',
			'id'
		);
		let updates = 0;
		doc.on('update', () => updates++);
		moveMarketingObjective(doc, { id: m2, businessObjectiveId: b2, index: 0 }, alice);
		expect(updates).toBe(1);
		expect(selectMarketingObjectives(doc).map((o) => [o.id, o.businessObjectiveId, o.rank])).toEqual([
			[m2, b2, 1],
			[m1, b1, 2]
		]);
		moveMarketingObjective(doc, { id: m2, businessObjectiveId: null }, alice);
		expect(selectMarketingObjectives(doc)[0]?.businessObjectiveId).toBeNull();
	});

	it('OBJ-3 OBJ-5 removing a business objective never cascades: refused while objectives hang under it', () => {
		const doc = newPlan();
		const b1 = addBusinessObjective(doc, { name: 'CA +10 %' }, alice);
		const b2 = addBusinessObjective(doc, { name: 'PDM' }, alice);
		const m1 = addMarketingObjective(
			doc,
			{ name: 'A', family: 'global', nature: 'quantitative', businessObjectiveId: b1 },
			alice
		);
		expectRefused(doc, () => removeBusinessObjective(doc, { id: b1 }, alice), 'in_use', 'id');
		moveMarketingObjective(doc, { id: m1, businessObjectiveId: b2 }, alice);
		removeBusinessObjective(doc, { id: b1 }, alice);
		expect(selectMarketingObjectives(doc)[0]?.businessObjectiveId).toBe(b2);
	});
});
