import { describe, expect, it } from 'vitest';
import { addAction } from './actions.ts';
import { calendarRanges, workingDays } from './dates.ts';
import { addListItem } from './lists.ts';
import {
	actionPeriodId,
	actionPlacement,
	selectLoadByRange,
	selectPeriodLoad,
	selectPeriodLoads
} from './load.ts';
import { selectActions } from './actions.ts';
import { selectPeriods } from './periods.ts';
import { generateTenDayPeriods } from './periods.ts';
import { alice, newPlan } from './test-utils.ts';

// January 2027: P1 = Jan 1-10 (6 working days), P2 = Jan 11-20 (8), P3 = Jan 21-31 (7). Jan 4 is a Monday.
function setup() {
	const doc = newPlan();
	const [p1, p2, p3] = generateTenDayPeriods(doc, { year: 2027 }, alice) as [string, string, string];
	return { doc, p1, p2, p3 };
}

const entry = (load: ReturnType<typeof selectPeriodLoad>, name: string) =>
	load?.actions.find((e) => e.action.name === name);

describe('load', () => {
	it('PLAN-3 membership by assignment or overlapping dates, person-days prorated by working days', () => {
		const { doc, p1, p2, p3 } = setup();
		expect([workingDays('2027-01-01', '2027-01-10'), workingDays('2027-01-11', '2027-01-20')]).toEqual([
			6, 8
		]);
		// Thu Jan 7 .. Tue Jan 12: 4 working days, 2 in P1 and 2 in P2.
		addAction(doc, { name: 'Salon', start: '2027-01-07', end: '2027-01-12', personDays: 4 }, alice);
		addAction(doc, { name: 'Brief agence', periodId: p1, personDays: 3 }, alice);
		addAction(
			doc,
			{ name: 'Mal rangée', periodId: p1, start: '2027-01-25', end: '2027-01-26', personDays: 2 },
			alice
		);
		// A weekend-only action falls back to calendar days.
		addAction(doc, { name: 'Week-end', start: '2027-01-09', end: '2027-01-10', personDays: 1 }, alice);
		addAction(doc, { name: 'Abandonnée', periodId: p1, personDays: 9, status: 'dropped' }, alice);
		addAction(doc, { name: 'Pas planifiée', personDays: 5 }, alice);

		const l1 = selectPeriodLoad(doc, p1);
		expect(l1).toMatchObject({ from: '2027-01-01', to: '2027-01-10', days: 10, workingDays: 6 });
		expect(l1?.period.name).toBe('P1');
		expect(l1?.actions.map((e) => e.action.name)).toEqual([
			'Salon',
			'Brief agence',
			'Mal rangée',
			'Week-end'
		]);
		expect(l1).toMatchObject({ actionCount: 4, personDays: 6 });
		expect(entry(l1, 'Salon')).toMatchObject({ personDays: 2, assigned: false, outsideDates: false });
		expect(entry(l1, 'Salon')?.occurrences).toEqual([
			{ actionId: expect.any(String), index: 0, start: '2027-01-07', end: '2027-01-12' }
		]);
		expect(entry(l1, 'Brief agence')).toMatchObject({ personDays: 3, assigned: true, occurrences: [] });
		expect(entry(l1, 'Mal rangée')).toMatchObject({ personDays: 0, assigned: true, outsideDates: true });
		expect(entry(l1, 'Week-end')).toMatchObject({ personDays: 1 });

		const l2 = selectPeriodLoad(doc, p2);
		expect(l2?.actions.map((e) => [e.action.name, e.personDays])).toEqual([['Salon', 2]]);
		const l3 = selectPeriodLoad(doc, p3);
		expect(l3?.actions.map((e) => [e.action.name, e.personDays])).toEqual([['Mal rangée', 2]]);
		// Never counted twice: the periods sum to the estimates of the planned, non-dropped actions.
		const total = selectPeriodLoads(doc).reduce((sum, l) => sum + l.personDays, 0);
		expect(total).toBe(4 + 3 + 2 + 1);
		expect(selectPeriodLoad(doc, 'missing')).toBeNull();
	});

	it('PLAN-3 PLAN-4 recurring occurrences count in each period they fall in, per owner against capacity', () => {
		const { doc, p1, p2 } = setup();
		const lea = addListItem(doc, 'members', { name: 'Léa', capacityPerPeriod: 2 }, alice);
		const marc = addListItem(doc, 'members', { name: 'Marc', capacityPerPeriod: 5 }, alice);
		const zoe = addListItem(doc, 'members', { name: 'Zoé' }, alice);
		// Every Monday of January, half a day each: Jan 4 (P1), 11 and 18 (P2), 25 (P3).
		addAction(
			doc,
			{
				name: 'Newsletter',
				ownerId: lea,
				start: '2027-01-04',
				personDays: 0.5,
				recurrence: { freq: 'weekly', interval: 1, until: '2027-01-31' }
			},
			alice
		);
		addAction(
			doc,
			{ name: 'Salon', ownerId: lea, start: '2027-01-11', end: '2027-01-12', personDays: 2 },
			alice
		);
		addAction(doc, { name: 'Webinaire', ownerId: marc, periodId: p2, personDays: 4 }, alice);
		addAction(doc, { name: 'Étude', ownerId: zoe, periodId: p2, personDays: 10 }, alice);
		addAction(doc, { name: 'Orpheline', periodId: p2, personDays: 1.5 }, alice);

		const l2 = selectPeriodLoad(doc, p2);
		expect(entry(l2, 'Newsletter')).toMatchObject({ personDays: 1 });
		expect(entry(l2, 'Newsletter')?.occurrences.map((o) => o.index)).toEqual([1, 2]);
		expect(l2?.owners).toEqual([
			{ memberId: lea, name: 'Léa', personDays: 3, capacity: 2, overloaded: true, actionCount: 2 },
			{ memberId: marc, name: 'Marc', personDays: 4, capacity: 5, overloaded: false, actionCount: 1 },
			{ memberId: zoe, name: 'Zoé', personDays: 10, capacity: null, overloaded: false, actionCount: 1 }
		]);
		expect(l2).toMatchObject({
			personDays: 18.5,
			capacity: 7,
			unowned: { personDays: 1.5, actionCount: 1 },
			overloadedOwnerIds: [lea]
		});
		const l1 = selectPeriodLoad(doc, p1);
		expect(l1?.owners[0]).toMatchObject({ personDays: 0.5, overloaded: false });
	});

	it('PLAN-4 load by month and quarter scales capacity by the periods covered', () => {
		const { doc } = setup();
		const lea = addListItem(doc, 'members', { name: 'Léa', capacityPerPeriod: 2 }, alice);
		addAction(
			doc,
			{ name: 'Salon', ownerId: lea, start: '2027-01-11', end: '2027-01-15', personDays: 5 },
			alice
		);
		addAction(
			doc,
			{ name: 'Mailing', ownerId: lea, start: '2027-01-29', end: '2027-02-04', personDays: 5 },
			alice
		);
		const [january] = calendarRanges(2027, 'month');
		const jan = selectLoadByRange(doc, january as { from: string; to: string });
		// Mailing: Fri 29 of Jan, then Mon 1 .. Thu 4 of Feb: 1 of 5 working days in January.
		expect(jan.actions.map((e) => [e.action.name, e.personDays])).toEqual([
			['Salon', 5],
			['Mailing', 1]
		]);
		expect(jan.owners[0]).toMatchObject({ personDays: 6, capacity: 6, overloaded: false });
		const [q1] = calendarRanges(2027, 'quarter');
		expect(selectLoadByRange(doc, q1 as { from: string; to: string }).owners[0]).toMatchObject({
			personDays: 10,
			capacity: 18
		});
		// Jan 1-15: P1 whole, P2 for 5 of its 8 working days: 1.625 periods.
		const firstHalf = selectLoadByRange(doc, { from: '2027-01-01', to: '2027-01-15' });
		expect(firstHalf.owners[0]).toMatchObject({ personDays: 5, capacity: 3.25, overloaded: true });
		expect(firstHalf.actions.every((e) => !e.assigned)).toBe(true);
		// Without periods, capacity over a range is unknown.
		const bare = newPlan();
		addListItem(bare, 'members', { name: 'Léa', capacityPerPeriod: 2 }, alice);
		expect(selectLoadByRange(bare, january as { from: string; to: string }).owners[0]).toMatchObject({
			capacity: null,
			overloaded: false
		});
	});
	it('PLAN-8 an undated action with a period sits in it; the table, the periods view and the timeline agree', () => {
		const { doc, p1, p2, p3 } = setup();
		addAction(doc, { name: 'Brief agence', periodId: p2, personDays: 3 }, alice);
		addAction(doc, { name: 'Salon', start: '2027-01-07', end: '2027-01-12' }, alice);
		addAction(doc, { name: 'Mal rangée', periodId: p1, start: '2027-01-25' }, alice);
		addAction(doc, { name: 'Pas planifiée' }, alice);
		addAction(doc, { name: 'Hors périodes', start: '2028-02-01' }, alice);
		const periods = selectPeriods(doc);
		const byName = Object.fromEntries(selectActions(doc).map((a) => [a.name, a]));

		// The timeline: the undated action is drawn over its period's dates, not among "no dates".
		expect(actionPlacement(byName['Brief agence']!, periods)).toEqual({
			start: '2027-01-11',
			end: '2027-01-20',
			fromPeriod: true
		});
		expect(actionPlacement(byName['Salon']!, periods)).toEqual({
			start: '2027-01-07',
			end: '2027-01-12',
			fromPeriod: false
		});
		expect(actionPlacement(byName['Pas planifiée']!, periods)).toBeNull();

		// The table's one period: the assigned one, else the one holding the start.
		const tablePeriod = (name: string) => actionPeriodId(byName[name]!, periods);
		expect(tablePeriod('Brief agence')).toBe(p2);
		expect(tablePeriod('Salon')).toBe(p1);
		expect(tablePeriod('Mal rangée')).toBe(p1);
		expect(tablePeriod('Pas planifiée')).toBeNull();
		expect(tablePeriod('Hors périodes')).toBeNull();

		// Every action the table puts in a period is listed there by the periods view, and each period's
		// list holds the same actions whose placement overlaps it (or that are assigned to it).
		for (const period of periods.slice(0, 3)) {
			const listed = selectPeriodLoad(doc, period.id)!
				.actions.map((e) => e.action.name)
				.sort();
			const table = Object.keys(byName).filter((n) => tablePeriod(n) === period.id);
			for (const name of table) expect(listed).toContain(name);
			const timeline = Object.values(byName)
				.filter((a) => {
					const placed = actionPlacement(a, periods);
					const overlaps = placed !== null && placed.start <= period.end && placed.end >= period.start;
					return overlaps || a.periodId === period.id;
				})
				.map((a) => a.name)
				.sort();
			expect(listed).toEqual(timeline);
		}
		expect(selectPeriodLoad(doc, p2)!.actions.map((e) => e.action.name)).toEqual(['Brief agence', 'Salon']);
		expect(p3).toBeTruthy();
	});
});
