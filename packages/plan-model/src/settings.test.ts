import { describe, expect, it } from 'vitest';
import { selectSettings, updatePlanSettings } from './settings.ts';
import { alice, bob, expectRefused, newPlan, pair } from './test-utils.ts';

describe('plan settings', () => {
	it('SET-1 the title is trimmed, required and at most 200 characters', () => {
		const doc = newPlan();
		updatePlanSettings(doc, { title: '  Plan commercial 2027 ' }, alice);
		expect(selectSettings(doc).title).toBe('Plan commercial 2027');
		expectRefused(doc, () => updatePlanSettings(doc, { title: '   ' }, alice), 'invalid_input', 'title');
		expectRefused(
			doc,
			() => updatePlanSettings(doc, { title: 'x'.repeat(201) }, alice),
			'invalid_input',
			'title'
		);
		updatePlanSettings(doc, { title: 'x'.repeat(200) }, alice);
		expect(selectSettings(doc).title).toHaveLength(200);
	});

	it('SET-2 the year is an integer between 2000 and 2100', () => {
		const doc = newPlan();
		for (const year of [1999, 2101, 2027.5]) {
			expectRefused(doc, () => updatePlanSettings(doc, { year }, alice), 'invalid_input', 'year');
		}
		updatePlanSettings(doc, { year: 2100 }, alice);
		expect(selectSettings(doc).year).toBe(2100);
	});

	it('SET-3 the locale is fr or en', () => {
		const doc = newPlan();
		expect(selectSettings(doc).locale).toBe('fr');
		updatePlanSettings(doc, { locale: 'en' }, alice);
		expect(selectSettings(doc).locale).toBe('en');
		expectRefused(
			doc,
			() => updatePlanSettings(doc, { locale: 'de' as 'fr' }, alice),
			'invalid_input',
			'locale'
		);
	});

	it('SET-4 the currency is an upper-cased ISO code, EUR by default', () => {
		const doc = newPlan();
		expect(selectSettings(doc).currency).toBe('EUR');
		updatePlanSettings(doc, { currency: 'chf' }, alice);
		expect(selectSettings(doc).currency).toBe('CHF');
		for (const currency of ['EURO', 'E1', '€']) {
			expectRefused(doc, () => updatePlanSettings(doc, { currency }, alice), 'invalid_input', 'currency');
		}
	});

	it('SET-5 the company is optional and an empty string clears it', () => {
		const doc = newPlan();
		updatePlanSettings(doc, { company: ' Fromagerie Dupont ' }, alice);
		expect(selectSettings(doc).company).toBe('Fromagerie Dupont');
		updatePlanSettings(doc, { company: '' }, alice);
		expect(selectSettings(doc).company).toBeNull();
		updatePlanSettings(doc, { company: 'Dupont' }, alice);
		updatePlanSettings(doc, { company: null }, alice);
		expect(selectSettings(doc).company).toBeNull();
	});

	it('SET-6 CONV-1 concurrent edits of different settings fields both survive', () => {
		const { a, b, sync } = pair();
		updatePlanSettings(a, { title: 'Plan Alice' }, alice);
		updatePlanSettings(b, { year: 2028, currency: 'USD' }, bob);
		sync();
		expect(selectSettings(a)).toEqual(selectSettings(b));
		expect(selectSettings(a)).toMatchObject({ title: 'Plan Alice', year: 2028, currency: 'USD' });
	});

	it('CMD-2 an update with one invalid field writes none of the others', () => {
		const doc = newPlan();
		expectRefused(
			doc,
			() => updatePlanSettings(doc, { title: 'Nouveau', year: 3000 }, alice),
			'invalid_input',
			'year'
		);
		expect(selectSettings(doc).title).toBe('Plan 2027');
	});
});
