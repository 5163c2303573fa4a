import { describe, expect, it } from 'vitest';
import { parseAmount, parseDate, parseTsv, pasteColumns, planPaste } from './paste.ts';

const lists = {
	members: [{ id: 'm1', name: 'Marie Dupont', order: 'a' }],
	workstreams: [{ id: 'w1', name: 'Événements', order: 'a' }],
	channels: [],
	periods: [
		{ id: 'p1', name: 'P1', start: '2027-01-01', end: '2027-01-10' },
		{ id: 'p2', name: 'Salon de mars', start: '2027-03-01', end: '2027-03-10' }
	]
};

describe('paste from a spreadsheet', () => {
	it('splits TSV with quoted cells holding tabs and newlines', () => {
		expect(parseTsv('a\t"b\tc"\n"d\n""e"""\tf\r\n')).toEqual([
			['a', 'b\tc'],
			['d\n"e"', 'f']
		]);
	});
	it('reads French and ISO dates, French and English amounts', () => {
		expect(parseDate('31/01/2027')).toBe('2027-01-31');
		expect(parseDate('2027-02-30')).toBeNull();
		expect(parseAmount('1 200,50 €')).toBe(1200.5);
		expect(parseAmount('€1,200.50')).toBe(1200.5);
	});
	it('maps columns by header row, accents ignored, and reports refused rows', () => {
		const text = [
			'Responsable\tNom\tCoût prévu\tChantier\tDébut\tFin',
			'Marie Dupont\tSalon\t5 000\tévénements\t01/03/2027\t03/03/2027',
			'Inconnu\tWebinaire\t\t\t\t',
			'\tSans nom\tabc\t\t\t',
			'\tDates\t\t\t10/03/2027\t01/03/2027'
		].join('\n');
		const result = planPaste(text, lists);
		expect(result.headerUsed).toBe(true);
		expect(result.actions).toEqual([
			{
				name: 'Salon',
				ownerId: 'm1',
				plannedCost: 5000,
				workstreamId: 'w1',
				start: '2027-03-01',
				end: '2027-03-03'
			}
		]);
		expect(result.refused.map((r) => [r.line, r.reason])).toEqual([
			[3, 'owner'],
			[4, 'number'],
			[5, 'dates']
		]);
	});
	it('uses the default order without a header', () => {
		const result = planPaste('Newsletter\t\t2,5\n', lists);
		expect(result.headerUsed).toBe(false);
		expect(result.actions).toEqual([{ name: 'Newsletter', personDays: 2.5 }]);
	});
	it('maps Statut and Période: French and English labels, period codes, names and dates', () => {
		const text = [
			'Nom\tStatut\tPériode',
			'A\tÀ faire\tP1',
			'B\tEn cours\tsalon de mars',
			'C\tTerminée\t05/03/2027',
			'D\tin progress\t2027-01-02',
			'E\tDone\t',
			'F\tAbandonné\tp1',
			'G\t\t'
		].join('\n');
		const result = planPaste(text, lists);
		expect(result.refused).toEqual([]);
		expect(result.actions).toEqual([
			{ name: 'A', status: 'todo', periodId: 'p1' },
			{ name: 'B', status: 'in_progress', periodId: 'p2' },
			{ name: 'C', status: 'done', periodId: 'p2' },
			{ name: 'D', status: 'in_progress', periodId: 'p1' },
			{ name: 'E', status: 'done' },
			{ name: 'F', status: 'dropped', periodId: 'p1' },
			{ name: 'G' }
		]);
	});
	it('refuses a row whose status or period it cannot read, rather than defaulting', () => {
		const text = ['Name\tStatus\tPeriod', 'A\tpeut-être\tP1', 'B\tDone\tP99', 'C\t\t15/06/2027'].join('\n');
		const result = planPaste(text, lists);
		expect(result.actions).toEqual([]);
		expect(result.refused).toEqual([
			{ line: 2, reason: 'status', value: 'peut-être' },
			{ line: 3, reason: 'period', value: 'P99' },
			{ line: 4, reason: 'period', value: '15/06/2027' }
		]);
	});

	it('keeps the estimate whatever its header says, and reads statuses and dates as teams write them', () => {
		const header = 'Action\tResponsable\tEstimation (J/H)\tDate de début\tStatut';
		const rows = Array.from(
			{ length: 10 },
			(_, i) =>
				`Action ${i + 1}\tMarie Dupont\t${i + 1},5\t${i % 2 ? '15/03/2027' : 'mars 2027'}\t${i % 2 ? 'Terminé' : 'En attente'}`
		);
		const result = planPaste([header, ...rows].join('\n'), lists);
		expect(result.refused).toEqual([]);
		expect(result.actions).toHaveLength(10);
		expect(result.actions[0]).toEqual({
			name: 'Action 1',
			ownerId: 'm1',
			personDays: 1.5,
			start: '2027-03-01',
			status: 'todo'
		});
		expect(result.actions[1]).toMatchObject({ personDays: 2.5, start: '2027-03-15', status: 'done' });
		for (const h of ['Jours-homme', 'J/H', 'Charge (jours)', 'Effort (man-days)', 'estimation'])
			expect(planPaste(`Action\t${h}\nA\t3`, lists).actions).toEqual([{ name: 'A', personDays: 3 }]);
	});

	it('takes the person’s choice of column over the guess', () => {
		const text = 'Action\tCharge\tNotes\nA\t3\tà voir';
		expect(pasteColumns(text).fields).toEqual(['name', 'personDays', 'description']);
		expect(planPaste(text, lists, ['name', null, 'description']).actions).toEqual([
			{ name: 'A', description: 'à voir' }
		]);
	});
});
