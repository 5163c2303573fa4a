import { selectActions } from '@cap/plan-model';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';
import { samplePlan } from './fixture.ts';

describe('CSV of the action view', () => {
	const actions = selectActions(samplePlan());
	const header = (c: 'name' | 'description') => (c === 'name' ? 'Action' : 'Description');
	const label = (c: 'name' | 'description', a: (typeof actions)[number]) =>
		c === 'name' ? a.name : a.descriptionText;

	it('writes the rows given, in order, with semicolons in French and commas in English', () => {
		const fr = toCsv(actions.slice(0, 2), ['name', 'description'] as const, header, label, 'fr');
		expect(fr.startsWith('\ufeffAction;Description\r\n')).toBe(true);
		expect(fr).toContain('Newsletter mensuelle;"Une lettre par mois\naux enseignes"\r\n');
		expect(fr.trimEnd().split('\r\n')).toHaveLength(3);
		expect(toCsv(actions.slice(1, 2), ['name'] as const, header, label, 'en')).toBe(
			'\ufeffAction\r\nSalon SIAL\r\n'
		);
	});

	it('quotes separators and quotes, and neutralises formulas', () => {
		const a = { ...actions[0]!, name: '=HYPERLINK("x")', descriptionText: 'a;b "c"' };
		expect(toCsv([a], ['name', 'description'] as const, header, label, 'fr').split('\r\n')[1]).toBe(
			`"'=HYPERLINK(""x"")";"a;b ""c"""`
		);
	});

	it('writes dates and amounts as a spreadsheet reads them, not as words', () => {
		const a = {
			...actions[0]!,
			start: '2027-03-10',
			end: '2027-03-12',
			plannedCost: 1250.5,
			personDays: 0.5
		};
		const columns = ['start', 'end', 'plannedCost', 'personDays'] as const;
		const words = () => 'as the table says it';
		expect(toCsv([a], columns, (c) => c, words, 'fr').split('\r\n')[1]).toBe(
			'10/03/2027;12/03/2027;1250,5;0,5'
		);
		expect(toCsv([a], columns, (c) => c, words, 'en').split('\r\n')[1]).toBe(
			'10/03/2027,12/03/2027,1250.5,0.5'
		);
		const undated = { ...a, start: null, end: null, plannedCost: null };
		expect(toCsv([undated], columns, (c) => c, words, 'fr').split('\r\n')[1]).toBe(';;;0,5');
	});
});
