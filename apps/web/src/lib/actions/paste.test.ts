import { describe, expect, it } from 'vitest';
import { parseAmount, parseDate, parseTsv, planPaste } from './paste.ts';

const lists = {
	members: [{ id: 'm1', name: 'Marie Dupont', order: 'a' }],
	workstreams: [{ id: 'w1', name: 'Événements', order: 'a' }],
	channels: []
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
});
