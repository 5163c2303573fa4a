/**
 * Issue #23: Cap's own export comes back into a fresh plan with nothing lost. Export, import into an
 * empty plan, export again: every tab holds the same cells, ids aside (a fresh plan gives its records
 * new ids; each old id maps to one new id).
 */
import {
	addAction,
	addBudgetLine,
	addKeyResult,
	addKpiMeasurement,
	addReviewItem,
	selectActions,
	selectKeyResults,
	selectMarketingObjectives,
	selectSettings,
	updateAction,
	updateMarketingObjective
} from '@cap/plan-model';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { emptyPlan, me, samplePlan } from './fixture.ts';
import { parseWorkbook } from './parse.ts';
import { applyImport, previewImport } from './plan-import.ts';
import { workbookSheets } from './report-sheets.ts';
import { readWorkbook, writeWorkbook } from './workbook.ts';

const TABS = [
	'Objectifs',
	'Suivi des actions',
	'Actions par période',
	'Réglages',
	'Bilan N-1',
	'Budget',
	'Tableau de bord'
];

async function exportPlan(doc: Y.Doc): Promise<ArrayBuffer> {
	const s = selectSettings(doc);
	return writeWorkbook(ExcelJS, workbookSheets(doc, 'fr'), {
		currency: s.currency,
		locale: 'fr',
		title: s.title
	});
}

/** Each tab's cells as text, with every id column's values replaced by their order of appearance. */
async function content(bytes: ArrayBuffer) {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(bytes);
	const ids = new Map<string, string>();
	return Object.fromEntries(
		TABS.map((tab) => {
			const ws = wb.getWorksheet(tab)!;
			const header = (ws.getRow(1).values as unknown[]).map(String);
			const rows: string[][] = [];
			ws.eachRow((row) => {
				rows.push(
					(row.values as unknown[]).slice(1).map((v, i) => {
						const text = v instanceof Date ? v.toISOString().slice(0, 10) : JSON.stringify(v ?? null);
						if (!/^ID /.test(header[i + 1] ?? '') || v === null || v === undefined || row.number === 1)
							return text;
						if (!ids.has(text)) ids.set(text, `id#${ids.size}`);
						return ids.get(text)!;
					})
				);
			});
			return [tab, rows];
		})
	);
}

/**
 * The sample plan with what used to be lost: a falling key result, a rationale, a recurrence, two actions
 * of one name, an action's committed and actual costs, a review item, a budget line and measurements.
 */
function richPlan(): Y.Doc {
	const doc = samplePlan();
	const mo = selectMarketingObjectives(doc)[0]!;
	updateMarketingObjective(doc, { id: mo.id, rationale: 'Les enseignes nous connaissent mal.' }, me);
	addKeyResult(
		doc,
		{
			marketingObjectiveId: mo.id,
			kpi: 'Coût par lead',
			unit: '€',
			baseline: 45,
			target: 30,
			direction: 'decrease'
		},
		me
	);
	const newsletter = selectActions(doc).find((a) => a.name === 'Newsletter mensuelle')!;
	updateAction(
		doc,
		{ id: newsletter.id, recurrence: { freq: 'monthly', interval: 1, until: '2027-06-30' } },
		me
	);
	// Committed and actual costs are typed on the budget page and only the Budget tab holds them.
	updateAction(doc, { id: newsletter.id, committedCost: 6000, actualCost: 5400.5 }, me);
	addAction(doc, { name: 'Salon SIAL', status: 'todo', personDays: 3 }, me);
	addReviewItem(
		doc,
		{
			name: 'Salon 2026',
			channel: 'Salons',
			target: 'Grande distribution',
			result: 'worked',
			revenue: 42000,
			cost: 12000,
			contacts: 300,
			leads: 80,
			conversions: 12,
			salesFeedback: 'Bons contacts',
			decision: 'repeat'
		},
		me
	);
	addBudgetLine(doc, { label: 'Agence', category: 'Prestataires', planned: 8000, actual: 7500 }, me);
	const kr = selectKeyResults(doc).find((k) => k.kpi === 'Coût par lead')!;
	addKpiMeasurement(doc, { keyResultId: kr.id, date: '2027-03-31', forecast: 40, actual: 42 }, me);
	// Another day: measurements of one day are listed by id, which a fresh plan draws anew.
	addKpiMeasurement(doc, { kpi: 'Visites du site', date: '2027-02-28', actual: 1200 }, me);
	return doc;
}

describe('round trip: export, import into an empty plan, export again', () => {
	it('gives the same workbook content', async () => {
		const source = richPlan();
		const first = await exportPlan(source);
		const read = await readWorkbook(ExcelJS, first);
		if (!read.ok) throw new Error(read.reason);
		const target = emptyPlan('PAC 2027');
		const done = applyImport(target, parseWorkbook(read.sheets), me);
		expect(done.counts.refused).toBe(0);
		expect(done.warned).toBe(0);
		expect(await content(await exportPlan(target))).toEqual(await content(first));
		// And the same file again changes nothing.
		expect(previewImport(target, parseWorkbook(read.sheets), me).counts).toMatchObject({
			create: 0,
			update: 0
		});
	});
});
