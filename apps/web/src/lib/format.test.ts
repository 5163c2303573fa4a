import { describe, expect, it } from 'vitest';
import {
	daysBetween,
	formatDate,
	formatMoney,
	formatMoneyCompact,
	formatNumber,
	formatPercent,
	formatDraft,
	initials,
	parseNumber
} from './format.ts';

/** Intl uses narrow no-break spaces in French; compare on plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting', () => {
	it('formats percentages and compact axis amounts by locale', () => {
		expect(formatPercent(-0.16, 'fr').replace(/\s/g, ' ')).toBe('-16 %');
		expect(formatPercent(-0.16, 'en')).toBe('-16%');
		expect(formatMoneyCompact(20000, 'EUR', 'en')).toBe('€20k');
		expect(formatMoneyCompact(20000, 'EUR', 'fr').replace(/\s/g, ' ')).toBe('20 k €');
	});

	it('formats money the French way and the English way', () => {
		expect(plain(formatMoney(1234.5, 'EUR', 'fr'))).toBe('1 234,50 €');
		expect(formatMoney(1234.5, 'EUR', 'en')).toBe('€1,234.50');
	});
	it('does not break on an unknown currency code', () => {
		expect(plain(formatMoney(10, 'ZZ', 'fr'))).toContain('ZZ');
	});
	it('formats numbers and parses what people type in either locale', () => {
		expect(formatNumber(4.5, 'fr')).toBe('4,5');
		expect(formatNumber(4.5, 'en')).toBe('4.5');
		expect(parseNumber('4,5')).toBe(4.5);
		expect(parseNumber('1 234.5')).toBe(1234.5);
		expect(parseNumber('abc')).toBeNull();
		expect(parseNumber('')).toBeNull();
	});
	it('formats ISO dates without timezone shifts', () => {
		expect(formatDate('2027-01-01', 'fr', 'long')).toBe('1 janvier 2027');
		expect(formatDate('2027-12-31', 'en', 'long')).toBe('31 December 2027');
		expect(formatDate('not a date', 'fr')).toBe('not a date');
	});
	it('counts period days inclusively', () => {
		expect(daysBetween('2027-01-01', '2027-01-10')).toBe(10);
		expect(daysBetween('2027-02-21', '2027-02-28')).toBe(8);
	});
	it('derives avatar initials', () => {
		expect(initials('Marie-Claire Dupont')).toBe('MD');
		// Punctuation is not a letter: a role in brackets gives its first letter.
		expect(initials('Claire (animatrice)')).toBe('CA');
		expect(initials('« Paul » Martin.')).toBe('PM');
		expect(initials('(…)')).toBe('?');
		expect(initials('prince')).toBe('PR');
		expect(initials('  ')).toBe('?');
	});

	it('accepts a signed number: "+5" in a change percentage is 5, "-5" is -5', () => {
		expect(parseNumber('+5')).toBe(5);
		expect(parseNumber('+ 2,5')).toBe(2.5);
		expect(parseNumber('-5')).toBe(-5);
		expect(parseNumber('+-5')).toBeNull();
	});

	it('writes a number back into a field in the locale it is read in ("1250,5" in French)', () => {
		expect(formatDraft(1250.5, 'fr')).toBe('1250,5');
		expect(formatDraft(1250.5, 'en')).toBe('1250.5');
		expect(formatDraft(-3.456, 'fr')).toBe('-3,46');
		expect(parseNumber(formatDraft(1250.5, 'fr'))).toBe(1250.5);
	});
});
