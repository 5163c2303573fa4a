import { describe, expect, it } from 'vitest';
import { addAction } from './actions.ts';
import { addListItem } from './lists.ts';
import { selectPeriodLoads } from './load.ts';
import { addPeriod, generateTenDayPeriods, removePeriod, selectPeriods, updatePeriod } from './periods.ts';
import { alice, expectRefused, newPlan } from './test-utils.ts';

describe('periods', () => {
	it('PER-1 a period never ends before it starts, on add and on update', () => {
		const doc = newPlan();
		expectRefused(
			doc,
			() => addPeriod(doc, { name: 'S1', start: '2027-01-10', end: '2027-01-01' }, alice),
			'invalid_input',
			'end'
		);
		const id = addPeriod(doc, { name: 'S1', start: '2027-01-01', end: '2027-01-01' }, alice);
		expect(selectPeriods(doc)[0]).toMatchObject({ id, days: 1 });
		expectRefused(doc, () => updatePeriod(doc, { id, start: '2027-01-02' }, alice), 'invalid_input', 'end');
		expectRefused(
			doc,
			() => addPeriod(doc, { name: 'S2', start: '2027-02-30', end: '2027-03-01' }, alice),
			'invalid_input',
			'start'
		);
		// A leap day is a day: 2028-02-29 is taken, 2027-02-29 is not.
		expect(addPeriod(doc, { name: 'S3', start: '2028-02-29', end: '2028-03-01' }, alice)).toBeTruthy();
		expectRefused(
			doc,
			() => addPeriod(doc, { name: 'S4', start: '2027-02-29', end: '2027-03-01' }, alice),
			'invalid_input',
			'start'
		);
	});

	it('PER-2 a period lasts at most 366 days', () => {
		const doc = newPlan();
		addPeriod(doc, { name: 'Année', start: '2028-01-01', end: '2028-12-31' }, alice);
		expect(selectPeriods(doc)[0]?.days).toBe(366);
		expectRefused(
			doc,
			() => addPeriod(doc, { name: 'Trop', start: '2027-01-01', end: '2028-01-02' }, alice),
			'invalid_input',
			'end'
		);
	});

	it('PER-3 periods are listed in calendar order whatever the insertion order', () => {
		const doc = newPlan();
		addPeriod(doc, { name: 'Mars', start: '2027-03-01', end: '2027-03-31' }, alice);
		addPeriod(doc, { name: 'Janvier', start: '2027-01-01', end: '2027-01-31' }, alice);
		const feb = addPeriod(doc, { name: 'Février', start: '2027-02-01', end: '2027-02-28' }, alice);
		expect(selectPeriods(doc).map((p) => p.name)).toEqual(['Janvier', 'Février', 'Mars']);
		updatePeriod(doc, { id: feb, start: '2027-04-01', end: '2027-04-30', name: 'Avril' }, alice);
		expect(selectPeriods(doc).map((p) => p.name)).toEqual(['Janvier', 'Mars', 'Avril']);
		removePeriod(doc, { id: feb }, alice);
		expect(selectPeriods(doc).map((p) => p.name)).toEqual(['Janvier', 'Mars']);
	});

	it('PER-4 generateTenDayPeriods makes P1..P36: 1-10, 11-20, 21-end of each month (leap year)', () => {
		const doc = newPlan();
		const ids = generateTenDayPeriods(doc, { year: 2028 }, alice);
		const periods = selectPeriods(doc);
		expect(periods.map((p) => p.id)).toEqual(ids);
		expect(periods).toHaveLength(36);
		expect(periods[0]).toMatchObject({ name: 'P1', start: '2028-01-01', end: '2028-01-10', days: 10 });
		expect(periods[1]).toMatchObject({ name: 'P2', start: '2028-01-11', end: '2028-01-20' });
		expect(periods[2]).toMatchObject({ name: 'P3', start: '2028-01-21', end: '2028-01-31', days: 11 });
		expect(periods[5]).toMatchObject({ name: 'P6', start: '2028-02-21', end: '2028-02-29', days: 9 });
		expect(periods[35]).toMatchObject({ name: 'P36', start: '2028-12-21', end: '2028-12-31' });
		expect(periods.reduce((n, p) => n + p.days, 0)).toBe(366);
	});

	it('PER-4 regenerating refuses without replace and replaces all periods with it', () => {
		const doc = newPlan();
		addPeriod(doc, { name: 'Custom', start: '2027-05-01', end: '2027-05-15' }, alice);
		expectRefused(doc, () => generateTenDayPeriods(doc, { year: 2027 }, alice), 'conflict', 'replace');
		expectRefused(
			doc,
			() => generateTenDayPeriods(doc, { year: 1800, replace: true }, alice),
			'invalid_input',
			'year'
		);
		generateTenDayPeriods(doc, { year: 2027, replace: true }, alice);
		const periods = selectPeriods(doc);
		expect(periods).toHaveLength(36);
		expect(periods.some((p) => p.name === 'Custom')).toBe(false);
		expect(periods[5]).toMatchObject({ start: '2027-02-21', end: '2027-02-28', days: 8 });
	});

	it('PER-5 the per-period load (one computation, load.ts) counts actions and person-days against capacity', () => {
		const doc = newPlan();
		const [p1, p2] = generateTenDayPeriods(doc, { year: 2027 }, alice);
		addListItem(doc, 'members', { name: 'Léa', capacityPerPeriod: 6 }, alice);
		addListItem(doc, 'members', { name: 'Marc', capacityPerPeriod: 4 }, alice);
		addAction(doc, { name: 'Mailing', periodId: p1, personDays: 3 }, alice);
		addAction(doc, { name: 'Salon', periodId: p1, personDays: 5.5 }, alice);
		addAction(doc, { name: 'Abandonnée', periodId: p1, personDays: 9, status: 'dropped' }, alice);
		addAction(doc, { name: 'Newsletter', periodId: p2 }, alice);
		const [s1, s2] = selectPeriodLoads(doc);
		expect(s1).toMatchObject({ actionCount: 2, personDays: 8.5, capacity: 10 });
		expect(s1?.actions.map((a) => a.action.name)).toEqual(['Mailing', 'Salon']);
		expect(s2).toMatchObject({ actionCount: 1, personDays: 0 });
	});
});
