import { describe, expect, it } from 'vitest';
import { addAction, selectActions, updateAction } from './actions.ts';
import { addMonthsClamped, calendarRanges } from './dates.ts';
import { expandOccurrences, selectActionOccurrences } from './recurrence.ts';
import { alice, expectRefused, newPlan } from './test-utils.ts';

const dates = (os: { start: string; end: string }[]) => os.map((o) => `${o.start}..${o.end}`);
const YEAR_2027 = { from: '2027-01-01', to: '2027-12-31' };

describe('recurrence', () => {
	it('PLAN-1 a weekly action repeats every interval weeks until `until`, keeping its duration', () => {
		const doc = newPlan();
		const id = addAction(
			doc,
			{
				name: 'Newsletter',
				start: '2027-01-04',
				end: '2027-01-05',
				recurrence: { freq: 'weekly', interval: 2, until: '2027-02-15' }
			},
			alice
		);
		const occurrences = selectActionOccurrences(doc);
		expect(dates(occurrences)).toEqual([
			'2027-01-04..2027-01-05',
			'2027-01-18..2027-01-19',
			'2027-02-01..2027-02-02',
			'2027-02-15..2027-02-16'
		]);
		expect(occurrences.map((o) => [o.actionId, o.index])).toEqual([
			[id, 0],
			[id, 1],
			[id, 2],
			[id, 3]
		]);
		expect(occurrences[0]?.action.name).toBe('Newsletter');
		// A range keeps only the occurrences overlapping it.
		expect(dates(selectActionOccurrences(doc, { from: '2027-01-19', to: '2027-02-01' }))).toEqual([
			'2027-01-18..2027-01-19',
			'2027-02-01..2027-02-02'
		]);
	});

	it('PLAN-1 without until, repetitions stop with the plan year and the last one is not cut', () => {
		const doc = newPlan();
		addAction(
			doc,
			{
				name: 'Bilan hebdo',
				start: '2027-12-15',
				end: '2027-12-19',
				recurrence: { freq: 'weekly', interval: 1 }
			},
			alice
		);
		expect(dates(selectActionOccurrences(doc))).toEqual([
			'2027-12-15..2027-12-19',
			'2027-12-22..2027-12-26',
			'2027-12-29..2028-01-02'
		]);
		// Asking beyond the plan year does not create repetitions there.
		expect(selectActionOccurrences(doc, { from: '2028-01-03', to: '2028-12-31' })).toEqual([]);
	});

	it('PLAN-1 quarterly, undated, one-off and dropped actions', () => {
		const quarterly = {
			id: 'q',
			start: '2027-02-15',
			end: null,
			recurrence: { freq: 'quarterly' as const, interval: 1, until: null }
		};
		expect(dates(expandOccurrences(quarterly, YEAR_2027))).toEqual([
			'2027-02-15..2027-02-15',
			'2027-05-15..2027-05-15',
			'2027-08-15..2027-08-15',
			'2027-11-15..2027-11-15'
		]);
		expect(expandOccurrences({ ...quarterly, start: null }, YEAR_2027)).toEqual([]);
		expect(expandOccurrences({ ...quarterly, recurrence: null, end: '2027-03-01' }, YEAR_2027)).toEqual([
			{ actionId: 'q', index: 0, start: '2027-02-15', end: '2027-03-01' }
		]);
		const doc = newPlan();
		addAction(doc, { name: 'Abandonnée', start: '2027-03-01', status: 'dropped' }, alice);
		addAction(doc, { name: 'Sans date', recurrence: { freq: 'weekly', interval: 1 } }, alice);
		expect(selectActionOccurrences(doc)).toEqual([]);
	});

	it('PLAN-1 ACT-2 the recurrence rule is validated on add and update', () => {
		const doc = newPlan();
		expectRefused(
			doc,
			() => addAction(doc, { name: 'X', recurrence: { freq: 'weekly', interval: 0 } }, alice),
			'invalid_input',
			'recurrence.interval'
		);
		expectRefused(
			doc,
			() =>
				addAction(
					doc,
					{
						name: 'X',
						start: '2027-03-01',
						recurrence: { freq: 'monthly', interval: 1, until: '2027-02-01' }
					},
					alice
				),
			'invalid_input',
			'recurrence.until'
		);
		const id = addAction(
			doc,
			{ name: 'X', start: '2027-03-01', recurrence: { freq: 'monthly', interval: 1, until: '2027-06-30' } },
			alice
		);
		expectRefused(doc, () => updateAction(doc, { id, start: '2027-07-01' }, alice), 'invalid_input', 'start');
		updateAction(doc, { id, start: '2027-07-01', recurrence: { freq: 'monthly', interval: 1 } }, alice);
		expect(selectActions(doc)[0]?.recurrence).toEqual({ freq: 'monthly', interval: 1, until: null });
	});

	it('PLAN-2 monthly repetitions from the 31st are clamped to each month end, never drifting', () => {
		const monthly = {
			id: 'm',
			start: '2027-01-31',
			end: '2027-02-02',
			recurrence: { freq: 'monthly' as const, interval: 1, until: null }
		};
		const occurrences = expandOccurrences(monthly, YEAR_2027);
		expect(occurrences).toHaveLength(12);
		expect(occurrences.slice(0, 4).map((o) => o.start)).toEqual([
			'2027-01-31',
			'2027-02-28',
			'2027-03-31',
			'2027-04-30'
		]);
		// Same duration (3 days), crossing the month end.
		expect(occurrences[1]).toMatchObject({ start: '2027-02-28', end: '2027-03-02' });
		expect(occurrences[11]).toMatchObject({ start: '2027-12-31', end: '2028-01-02' });
		const leap = expandOccurrences(
			{ ...monthly, start: '2028-01-31', end: null },
			{
				from: '2028-01-01',
				to: '2028-03-31'
			}
		);
		expect(leap.map((o) => o.start)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
		expect(addMonthsClamped('2027-11-30', 3)).toBe('2028-02-29');
		expect(calendarRanges(2028, 'month')[1]).toEqual({
			label: '2028-02',
			from: '2028-02-01',
			to: '2028-02-29'
		});
		expect(calendarRanges(2027, 'quarter').map((r) => `${r.label} ${r.from}..${r.to}`)).toEqual([
			'2027-Q1 2027-01-01..2027-03-31',
			'2027-Q2 2027-04-01..2027-06-30',
			'2027-Q3 2027-07-01..2027-09-30',
			'2027-Q4 2027-10-01..2027-12-31'
		]);
	});
});
