import { describe, expect, it } from 'vitest';
import { parseReviewPaste } from './paste.ts';

describe("last year's actions pasted from a spreadsheet", () => {
	it('maps a French header row, accents and case ignored, amounts in either locale', () => {
		const text =
			'Action\tCanal\tCoût\tCA\tLeads\nSalon Batimat\tSalons\t8 000 €\t24 000,50\t40\n\nMailing\t\t1200\t\t';
		expect(parseReviewPaste(text)).toEqual({
			ok: true,
			items: [
				{ name: 'Salon Batimat', channel: 'Salons', cost: 8000, revenue: 24000.5, leads: 40 },
				{ name: 'Mailing', cost: 1200 }
			]
		});
	});
	it('takes the default column order without header', () => {
		expect(parseReviewPaste('Radio\tMédias\tGrand public\t3000\t\t1000\t12\t3')).toEqual({
			ok: true,
			items: [
				{
					name: 'Radio',
					channel: 'Médias',
					target: 'Grand public',
					cost: 3000,
					contacts: 1000,
					leads: 12,
					conversions: 3
				}
			]
		});
	});
	it('refuses the whole paste at the first bad line, naming it', () => {
		expect(parseReviewPaste('Ok\t\t\t100\nBad\t\t\tabc')).toEqual({ ok: false, line: 2, reason: 'number' });
		expect(parseReviewPaste('Ok\t\t\t\t\t1,5')).toEqual({ ok: false, line: 1, reason: 'number' });
		expect(parseReviewPaste('\tSalons\t\t100')).toEqual({ ok: false, line: 1, reason: 'name' });
		expect(parseReviewPaste('')).toEqual({ ok: false, line: 1, reason: 'empty' });
	});
});
