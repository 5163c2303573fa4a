import { describe, expect, it } from 'vitest';
import { addAction } from './actions.ts';
import { addKpiMeasurement } from './kpi.ts';
import { addListItem } from './lists.ts';
import { addKeyResult, addMarketingObjective } from './objectives.ts';
import { selectPreviousPlan } from './review-import.ts';
import { addReviewItems, selectReviewItems } from './review.ts';
import { alice, newPlan } from './test-utils.ts';

describe('previous plan as the review starting point', () => {
	it('REV-8 actions become review items and key results last year objectives', () => {
		const last = newPlan();
		const salons = addListItem(last, 'channels', { name: 'Salons' }, alice);
		addAction(last, { name: 'Batimat', channelId: salons, plannedCost: 8000, actualCost: 9100 }, alice);
		addAction(
			last,
			{
				name: 'Newsletter',
				plannedCost: 200,
				start: '2027-10-05',
				recurrence: { freq: 'monthly', interval: 1 }
			},
			alice
		);
		addAction(last, { name: 'Idée', status: 'dropped', plannedCost: 1 }, alice);
		addAction(last, { name: 'Sans coût' }, alice);
		const mo = addMarketingObjective(
			last,
			{ name: 'Leads', family: 'customers', nature: 'quantitative' },
			alice
		);
		const kr = addKeyResult(
			last,
			{ marketingObjectiveId: mo, kpi: 'Leads', unit: 'leads', target: 500 },
			alice
		);
		addKpiMeasurement(last, { keyResultId: kr, date: '2027-12-31', actual: 420 }, alice);
		addKeyResult(
			last,
			{ marketingObjectiveId: mo, kpi: 'CPA', direction: 'decrease', target: 40, current: 38 },
			alice
		);

		const previous = selectPreviousPlan(last);
		expect(previous).toMatchObject({ title: 'Plan 2027', year: 2027, currency: 'EUR' });
		expect(previous.items).toEqual([
			{ name: 'Batimat', channel: 'Salons', target: null, cost: 9100 },
			// October to December: three occurrences of 200 (BUD-3), no actual entered.
			{ name: 'Newsletter', channel: null, target: null, cost: 600 },
			{ name: 'Sans coût', channel: null, target: null, cost: null }
		]);

		// Brought into this year's plan, the figures read back unchanged.
		const doc = newPlan();
		addReviewItems(doc, { items: previous.items }, alice);
		expect(selectReviewItems(doc).map((i) => [i.name, i.cost])).toEqual([
			['Batimat', 9100],
			['Newsletter', 600],
			['Sans coût', null]
		]);
		expect(previous.objectives).toEqual([
			{ name: 'Leads', unit: 'leads', direction: 'increase', target: 500, achieved: 420 },
			{ name: 'CPA', unit: null, direction: 'decrease', target: 40, achieved: 38 }
		]);
	});
});
