import { describe, expect, it } from 'vitest';
import { parseMeasurements } from './paste.ts';

describe('measurements pasted from a spreadsheet', () => {
	it('reads date, actual and optional forecast, skipping a header and blank lines', () => {
		expect(
			parseMeasurements('Date\tRéalisé\tPrévu\n31/01/2027\t120\t100\n\n2027-02-28\t1 250,5\t\n')
		).toEqual({
			ok: true,
			rows: [
				{ date: '2027-01-31', actual: 120, forecast: 100 },
				{ date: '2027-02-28', actual: 1250.5, forecast: null }
			]
		});
	});
	it('refuses the whole paste at the first bad line, naming it', () => {
		expect(parseMeasurements('31/01/2027\t12\nfoo\t3')).toEqual({ ok: false, line: 2, reason: 'date' });
		expect(parseMeasurements('31/01/2027\tabc')).toEqual({ ok: false, line: 1, reason: 'number' });
		expect(parseMeasurements('\n\n')).toEqual({ ok: false, line: 1, reason: 'empty' });
	});
});
