/** Issue #23: a team's own workbook comes in whole, every action with its owner, workstream, period, days and status. */
import { selectActions, selectKeyResults, selectList, selectPeriods } from '@cap/plan-model';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { emptyPlan, me } from './fixture.ts';
import { parseWorkbook } from './parse.ts';
import { applyImport, previewImport } from './plan-import.ts';
import { englishActionPlan, frenchTemplate, loneSheet, type TeamWorkbook } from './testing/team-workbooks.ts';
import { readWorkbook } from './workbook.ts';

async function parse(bytes: ArrayBuffer) {
	const read = await readWorkbook(ExcelJS, bytes);
	if (!read.ok) throw new Error(read.reason);
	return parseWorkbook(read.sheets);
}

function landed(doc: Y.Doc) {
	const name = new Map<string, string>();
	for (const kind of ['members', 'workstreams'] as const)
		for (const i of selectList(doc, kind)) name.set(i.id, i.name);
	for (const p of selectPeriods(doc)) name.set(p.id, p.name);
	return Object.fromEntries(
		selectActions(doc).map((a) => [
			a.name,
			{
				owner: a.ownerId && name.get(a.ownerId),
				workstream: a.workstreamId && name.get(a.workstreamId),
				period: a.periodId && name.get(a.periodId),
				personDays: a.personDays,
				status: a.status
			}
		])
	);
}

async function importWhole(book: TeamWorkbook) {
	const doc = emptyPlan();
	const parsed = await parse(book.bytes);
	const preview = previewImport(doc, parsed, me);
	expect(preview.counts.refused).toBe(0);
	const done = applyImport(doc, parsed, me);
	expect(done.counts).toEqual(preview.counts);
	expect(landed(doc)).toEqual(book.expected);
	expect(Object.fromEntries(selectPeriods(doc).map((p) => [p.name, [p.start, p.end]]))).toEqual(book.periods);
	return { doc, preview };
}

describe('a French team keeps the template its own way', () => {
	it('imports 25 of 25 actions, creating the team, workstreams, periods, objectives and key results', async () => {
		const book = await frenchTemplate(ExcelJS);
		expect(Object.keys(book.expected)).toHaveLength(25);
		const { doc, preview } = await importWhole(book);
		expect(selectList(doc, 'members').map((m) => [m.name, m.capacityPerPeriod])).toEqual([
			['Julie Martin', 8],
			['Marc Le Gall', 9],
			['Sophie Bernard', 10],
			['Karim Haddad', 11]
		]);
		expect(selectList(doc, 'workstreams')).toHaveLength(5);
		const krs = selectKeyResults(doc);
		expect(krs.map((k) => [k.kpi, k.baseline, k.target, k.direction])).toEqual([
			['Leads qualifiés par mois', 40, 80, 'increase'],
			['Coût par lead', 45, 30, 'decrease'],
			['Notoriété assistée', 20, 35, 'increase']
		]);
		const actions = selectActions(doc);
		const byName = (n: string) => actions.find((a) => a.name === n)!;
		// Key results named in the rows are linked.
		expect(byName('Newsletter clients mensuelle').keyResultIds).toEqual([krs[0]!.id]);
		// Dates typed as text are read; a cell that is not a date is left empty and said, the row kept.
		expect(byName('Campagne LinkedIn Ads').start).toBe('2027-05-04');
		expect(byName('Catalogue 2027').start).toBeNull();
		const warned = preview.entries.find((e) => e.name === 'Catalogue 2027')!;
		expect(warned.outcome).toBe('create');
		expect(warned.warnings).toEqual([{ code: 'date_as_text', column: 'Date de début', value: 'bientôt' }]);
		// The formula's computed value, and person-days written "2,5 j".
		expect(byName('Salon SIAL').plannedCost).toBe(2025);
		expect(byName('Refonte de la page produits').personDays).toBe(2.5);
		// Two people in "Responsables": the first owns it, the preview says the other was not kept.
		expect(preview.entries.find((e) => e.name === 'Kit de vente commerciaux')!.warnings).toEqual([
			{ code: 'one_owner', column: 'Responsables', value: 'Karim Haddad' }
		]);
		// The same file again changes nothing.
		expect(previewImport(doc, await parse(book.bytes), me).counts).toMatchObject({
			create: 0,
			update: 0,
			refused: 0
		});
	});

	it('an English file with only its action tab: sprints are dated from their rows', async () => {
		await importWhole(await englishActionPlan(ExcelJS));
	});

	it('a lone Feuil1 with months as periods', async () => {
		await importWhole(await loneSheet(ExcelJS));
	});
});
