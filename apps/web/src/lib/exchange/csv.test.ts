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
});
