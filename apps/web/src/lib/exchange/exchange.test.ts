/** Excel out and back in (issue #11): round trip, a template-like workbook, re-import, bad files. */
import {
	selectActions,
	selectBusinessObjectives,
	selectKeyResults,
	selectList,
	selectMarketingObjectives,
	selectPeriods,
	selectSettings,
	NAMED_LIST_KINDS
} from '@cap/plan-model';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { emptyPlan, me, samplePlan } from './fixture.ts';
import { parseWorkbook } from './parse.ts';
import { applyImport, previewImport } from './plan-import.ts';
import { workbookSheets } from './report-sheets.ts';
import { readWorkbook, writeWorkbook } from './workbook.ts';

async function exportPlan(doc: Y.Doc, locale: 'fr' | 'en' = 'fr'): Promise<ArrayBuffer> {
	const s = selectSettings(doc);
	return writeWorkbook(ExcelJS, workbookSheets(doc, locale), {
		currency: s.currency,
		locale,
		title: s.title
	});
}

async function parse(bytes: ArrayBuffer) {
	const read = await readWorkbook(ExcelJS, bytes);
	if (!read.ok) throw new Error(read.reason);
	return parseWorkbook(read.sheets);
}

/** The plan as a person reads it: every reference by name, no ids, no order keys or timestamps. */
function readable(doc: Y.Doc) {
	const names = new Map<string, string>();
	for (const kind of NAMED_LIST_KINDS) for (const i of selectList(doc, kind)) names.set(i.id, i.name);
	for (const p of selectPeriods(doc)) names.set(p.id, p.name);
	for (const b of selectBusinessObjectives(doc)) names.set(b.id, b.name);
	for (const m of selectMarketingObjectives(doc)) names.set(m.id, m.name);
	for (const k of selectKeyResults(doc)) names.set(k.id, k.kpi);
	for (const a of selectActions(doc)) names.set(a.id, a.name);
	const n = (id: string | null) => (id ? names.get(id) : null);
	const strip = <T extends { id: string; order?: string }>({ id: _id, order: _o, ...rest }: T) => rest;
	const { locale: _locale, ...settings } = selectSettings(doc);
	return {
		settings,
		lists: Object.fromEntries(NAMED_LIST_KINDS.map((k) => [k, selectList(doc, k).map((i) => strip(i))])),
		periods: selectPeriods(doc).map(strip),
		business: selectBusinessObjectives(doc).map(strip),
		marketing: selectMarketingObjectives(doc).map((m) => ({
			...strip(m),
			businessObjectiveId: n(m.businessObjectiveId)
		})),
		keyResults: selectKeyResults(doc).map((k) => ({
			...strip(k),
			marketingObjectiveId: n(k.marketingObjectiveId)
		})),
		actions: selectActions(doc).map(({ createdAt: _c, ...a }) => ({
			...strip(a),
			workstreamId: n(a.workstreamId),
			ownerId: n(a.ownerId),
			periodId: n(a.periodId),
			channelId: n(a.channelId),
			targetId: n(a.targetId),
			productLineId: n(a.productLineId),
			keyResultIds: a.keyResultIds.map(n),
			dependsOn: a.dependsOn.map(n)
		}))
	};
}

describe('Excel round trip', () => {
	it('export then import into an empty plan gives the same plan, and a second import changes nothing', async () => {
		const source = samplePlan();
		const parsed = await parse(await exportPlan(source));
		const target = emptyPlan();
		const preview = previewImport(target, parsed, me);
		expect(preview.counts.refused).toBe(0);
		expect(readable(target).actions).toEqual([]); // the preview did not touch the plan
		const done = applyImport(target, parsed, me);
		expect(done.counts).toEqual(preview.counts);
		expect(readable(target)).toEqual(readable(source));

		const again = previewImport(target, await parse(await exportPlan(target)), me);
		expect(again.counts).toMatchObject({ create: 0, update: 0, refused: 0 });
	});

	it('reads an English export just as well', async () => {
		const source = samplePlan();
		const target = emptyPlan();
		applyImport(target, await parse(await exportPlan(source, 'en')), me);
		expect(readable(target)).toEqual(readable(source));
	});

	it('re-importing its own export into the same plan changes nothing, matched by id even after a rename', async () => {
		const doc = samplePlan();
		const bytes = await exportPlan(doc);
		const action = selectActions(doc)[0]!;
		const { updateAction } = await import('@cap/plan-model');
		updateAction(doc, { id: action.id, name: 'Lettre aux enseignes' }, me);
		const preview = previewImport(doc, await parse(bytes), me);
		const renamed = preview.entries.filter((e) => e.outcome === 'update');
		expect(renamed).toHaveLength(1);
		expect(renamed[0]!.changes).toEqual([
			{ field: 'name', from: 'Lettre aux enseignes', to: 'Newsletter mensuelle' }
		]);
		expect(preview.counts.create).toBe(0);
	});

	it('writes real dates, currency formats, frozen headers, filters and drop-down lists', async () => {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await exportPlan(samplePlan()));
		expect(wb.worksheets.map((w) => w.name)).toEqual([
			'Objectifs',
			'Suivi des actions',
			'Actions par période',
			'Réglages',
			'Bilan N-1',
			'Budget',
			'Tableau de bord',
			'Contexte',
			"Points d'avancement"
		]);
		const ws = wb.getWorksheet('Suivi des actions')!;
		const header = (ws.getRow(1).values as unknown[]).slice(1);
		const col = (name: string) => header.indexOf(name) + 1;
		const start = ws.getCell(2, col('Début'));
		expect(start.value).toEqual(new Date(Date.UTC(2027, 0, 5)));
		expect(start.numFmt).toBe('dd/mm/yyyy');
		expect(ws.getCell(2, col('Budget')).numFmt).toContain('€');
		expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(ws.autoFilter).toBeTruthy();
		const statusLetter = ws.getColumn(col('Statut')).letter;
		// exceljs reads a range's validation back cell by cell; the last validated row is 1001.
		expect(ws.getCell(`${statusLetter}1001`).dataValidation).toMatchObject({
			type: 'list',
			formulae: ['"À faire,En cours,Terminée,Abandonnée"']
		});
		const ownerLetter = ws.getColumn(col('Responsable')).letter;
		expect(ws.getCell(`${ownerLetter}2`).dataValidation.formulae?.[0]).toMatch(/^'Réglages'!\$[A-Z]+\$2:/);
		expect(ws.getColumn(col('Description')).width).toBeGreaterThan(ws.getColumn(col('Statut')).width!);
	});
});

describe('a workbook laid out like the consultants template', () => {
	async function templateWorkbook(): Promise<ArrayBuffer> {
		const wb = new ExcelJS.Workbook();
		const actions = wb.addWorksheet('Suivi des actions');
		actions.getCell('A1').value = 'PLAN D’ACTIONS COMMERCIALES 2027';
		actions.mergeCells('A1:F1');
		actions.getCell('A2').value = 'Suivi des actions';
		// Another column order, an extra column Cap does not know, and accents in headers.
		actions.addRow([]);
		actions.getRow(4).values = [
			'Responsable',
			'Action',
			'Commentaire interne',
			'Statut',
			'Date de début',
			'Date de fin',
			'Budget',
			'Dépend de'
		];
		actions.getRow(5).values = [
			'Julie',
			'Mailing de rentrée',
			'à valider',
			'En cours',
			new Date(Date.UTC(2027, 8, 1)),
			new Date(Date.UTC(2027, 8, 15)),
			800,
			null
		];
		actions.getRow(6).values = [
			'Marc',
			'Relance téléphonique',
			'',
			'à faire',
			new Date(Date.UTC(2027, 8, 16)),
			new Date(Date.UTC(2027, 8, 30)),
			null,
			'Mailing de rentrée'
		];
		actions.getRow(7).values = ['Julie', 'Salon', '', 'Peut-être', null, null, null, null];
		actions.getRow(8).values = ['Marc', 'Jeu concours', '', 'À faire', '15/10/2027', null, null, null];
		actions.getRow(9).values = [
			'Marc',
			'Catalogue',
			'',
			'À faire',
			null,
			null,
			{ formula: 'B2*2' } as never,
			null
		];
		actions.getRow(10).values = ['Julie', 'Bloc fusionné', '', 'À faire', null, null, null, null];
		actions.mergeCells('A10:B10');
		const settings = wb.addWorksheet('Réglages');
		settings.getRow(1).values = ['Périodes', 'Début', 'Fin', null, 'Équipe', 'Capacité'];
		settings.getRow(2).values = [
			'S1',
			new Date(Date.UTC(2027, 8, 1)),
			new Date(Date.UTC(2027, 8, 12)),
			null,
			'Julie',
			8
		];
		settings.getRow(3).values = [null, null, null, null, 'Marc', 5];
		wb.addWorksheet('Notes').getCell('A1').value = 'brouillon';
		return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
	}

	it('imports with the expected report, row by row: an unreadable cell is left empty and said, the row kept', async () => {
		const parsed = await parse(await templateWorkbook());
		expect(parsed.notices).toEqual(expect.arrayContaining([{ code: 'sheet_ignored', sheet: 'Notes' }]));
		// "Commentaire interne" is read by meaning as the description.
		expect(parsed.tables.find((t) => t.key === 'actions')!.columns.map((c) => c.key)).toEqual([
			'owner',
			'action',
			'description',
			'status',
			'start',
			'end',
			'cost',
			'dependsOn'
		]);
		const doc = emptyPlan();
		const preview = previewImport(doc, parsed, me);
		const byName = (name: string) => preview.entries.find((e) => e.name === name && e.entity === 'actions');
		expect(byName('Mailing de rentrée')?.outcome).toBe('create');
		expect(byName('Relance téléphonique')?.outcome).toBe('create');
		expect(byName('Salon')).toMatchObject({
			outcome: 'create',
			warnings: [{ code: 'bad_value', column: 'Statut', value: 'Peut-être', key: 'status' }]
		});
		expect(preview.unknownWords).toEqual([{ column: 'status', word: 'Peut-être' }]);
		expect(byName('Jeu concours')).toMatchObject({ outcome: 'create', warnings: [] });
		expect(preview.entries.find((e) => e.row === 9)).toMatchObject({
			outcome: 'create',
			warnings: [{ code: 'formula_no_result', column: 'Budget' }]
		});
		expect(preview.entries.find((e) => e.row === 10 && e.entity === 'actions')).toMatchObject({
			outcome: 'refused',
			reasons: [{ code: 'missing_name' }],
			warnings: [{ code: 'merged' }]
		});
		expect(preview.entries.filter((e) => e.entity === 'members').map((e) => [e.name, e.outcome])).toEqual([
			['Julie', 'create'],
			['Marc', 'create']
		]);
		expect(preview.entries.find((e) => e.entity === 'periods')).toMatchObject({
			name: 'S1',
			outcome: 'create'
		});
		// Once the person says what "Peut-être" means, the status is taken.
		const mapped = previewImport(doc, parsed, me, { words: { status: { 'peut-etre': 'todo' } } });
		expect(mapped.unknownWords).toEqual([]);

		applyImport(doc, parsed, me);
		const actions = selectActions(doc);
		expect(actions.map((a) => a.name)).toEqual([
			'Mailing de rentrée',
			'Relance téléphonique',
			'Salon',
			'Jeu concours',
			'Catalogue'
		]);
		expect(actions.find((a) => a.name === 'Jeu concours')!.start).toBe('2027-10-15');
		expect(actions[0]).toMatchObject({
			status: 'in_progress',
			start: '2027-09-01',
			end: '2027-09-15',
			plannedCost: 800
		});
		expect(actions[1]!.dependsOn).toEqual([actions[0]!.id]);
		expect(selectList(doc, 'members').map((m) => [m.name, m.capacityPerPeriod])).toEqual([
			['Julie', 8],
			['Marc', 5]
		]);
		// The same file again: nothing to create or change.
		expect(previewImport(doc, parsed, me).counts).toMatchObject({ create: 0, update: 0 });
	});
});

describe('bad files leave the plan untouched with a clear reason', () => {
	it('refuses what is not a workbook, a password-protected file, and a tab of 50,000 rows', async () => {
		expect(await readWorkbook(ExcelJS, new TextEncoder().encode('name;status\nA;B').buffer)).toMatchObject({
			ok: false,
			reason: 'not_workbook'
		});
		const cfb = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
		expect(await readWorkbook(ExcelJS, cfb.buffer)).toMatchObject({ ok: false, reason: 'encrypted' });
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('Suivi des actions');
		ws.addRow(['Action', 'Statut']);
		for (let i = 0; i < 50_000; i++) ws.addRow([`Action ${i}`, 'À faire']);
		const big = (await wb.xlsx.writeBuffer()) as ArrayBuffer;
		expect(await readWorkbook(ExcelJS, big)).toMatchObject({
			ok: false,
			reason: 'too_large',
			detail: 'Suivi des actions'
		});
	}, 120_000);

	it('says so when no tab is one Cap knows', async () => {
		const wb = new ExcelJS.Workbook();
		wb.addWorksheet('Feuil1').addRow(['a', 'b']);
		const parsed = await parse((await wb.xlsx.writeBuffer()) as ArrayBuffer);
		expect(parsed.notices).toContainEqual({ code: 'no_known_sheet' });
		expect(parsed.rows).toEqual([]);
	});
});

describe('a sheet without some columns', () => {
	it('leaves the fields of missing columns alone when it updates an action', async () => {
		const doc = samplePlan();
		const before = selectActions(doc).find((a) => a.name === 'Newsletter mensuelle')!;
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('Suivi des actions');
		ws.addRow(['Action', 'Statut']);
		ws.addRow(['Newsletter mensuelle', 'Terminée']);
		const preview = applyImport(doc, await parse((await wb.xlsx.writeBuffer()) as ArrayBuffer), me);
		expect(preview.entries.map((e) => [e.name, e.outcome, e.changes])).toEqual([
			['Newsletter mensuelle', 'update', [{ field: 'status', from: 'in_progress', to: 'done' }]]
		]);
		const after = selectActions(doc).find((a) => a.id === before.id)!;
		expect(after).toEqual({ ...before, status: 'done' });
	});
});
