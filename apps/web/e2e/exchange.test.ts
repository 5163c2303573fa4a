/**
 * Issue #11 in the browser: the home page's joined plans, the share dialog with rotation, the Excel
 * export read back by the test, an import with its preview, the CSV of the action view, and the print
 * view without app chrome (printed to PDF).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import {
	createPlanAsFacilitator,
	enterAsFacilitator,
	expect,
	expectNoAxeViolations,
	expectSaved,
	joinAs,
	openSection,
	test
} from './fixtures';

// Several browser contexts at once on a machine shared with other work: more than the default 30 s.
test.setTimeout(60_000);

async function addAction(page: Page, name: string) {
	await page.getByTestId('new-action-name').fill(name);
	await page.getByTestId('new-action-name').press('Enter');
	await expect(page.getByRole('row').filter({ hasText: name }).first()).toBeVisible();
}

test('the home page lists the plans joined on this browser, and one can be removed', async ({ page }) => {
	await createPlanAsFacilitator(page, 'PAC Bretagne 2027');
	await page.goto('/');
	const item = page.getByTestId('joined-plan').filter({ hasText: 'PAC Bretagne 2027' });
	await expect(item).toContainText('Animateur');
	await expect(item).toContainText('Dernière visite');
	await expectNoAxeViolations(page);
	await item.getByRole('link').click();
	await expect(page.getByTestId('plan-title')).toHaveText('PAC Bretagne 2027');
	await page.goto('/');
	await page.getByRole('button', { name: 'Retirer PAC Bretagne 2027 de la liste' }).click();
	await expect(page.getByTestId('joined-plan').filter({ hasText: 'PAC Bretagne 2027' })).toHaveCount(0);
	await expect(page.getByRole('status').filter({ hasText: 'retiré de la liste' })).toHaveCount(1);
});

test('the facilitator shares links with a QR code and replaces one: the old link lets nobody new in', async ({
	page,
	browser,
	consoleGuard
}) => {
	const invites = await createPlanAsFacilitator(page, 'Plan partagé');
	await page.getByTestId('share-button').click();
	const dialog = page.getByTestId('share-dialog');
	await expect(dialog.getByTestId('invite-link-editor')).toHaveValue(invites.editorLink);
	await dialog.getByTestId('qr-viewer').click();
	await expect(dialog.getByTestId('qr-image-viewer')).toBeVisible();
	await expectNoAxeViolations(page);

	// Someone already in with the editor link keeps working after the rotation.
	const early = await joinAs(browser, invites.editorLink, 'Early');
	await expectSaved(early);

	await dialog.getByTestId('rotate-editor').click();
	await dialog.getByTestId('rotate-confirm-editor').click();
	await expect(dialog.getByTestId('rotated-editor')).toBeVisible();
	const fresh = await dialog.getByTestId('invite-link-editor').inputValue();
	expect(fresh).not.toBe(invites.editorLink);

	// The revoked link is refused by the server (400): the browser logs that response as an error.
	consoleGuard.allow(/the server responded with a status of 400/);
	const late = await joinAs(browser, invites.editorLink, 'Late');
	await expect(late.getByTestId('join-error')).toBeVisible();
	const newcomer = await joinAs(browser, fresh, 'Newcomer');
	await expectSaved(newcomer);
	await early.reload();
	await expectSaved(early);
	for (const p of [early, late, newcomer]) await p.context().close();
});

test('Excel: export downloads a workbook the test reads back; an edited copy imports after a preview', async ({
	page
}) => {
	await createPlanAsFacilitator(page, 'PAC export');
	await openSection(page, 'actions');
	await addAction(page, 'Salon Équip’Hôtel');
	await addAction(page, 'Newsletter de rentrée');

	await page.getByTestId('plan-tools').click();
	const download = page.waitForEvent('download');
	await page.getByTestId('export-xlsx').click();
	const file = await download;
	expect(file.suggestedFilename()).toBe('PAC-export-2027.xlsx');
	const path = join(tmpdir(), `cap-${Date.now()}.xlsx`);
	await file.saveAs(path);
	await expect(page.getByTestId('tools-news')).toContainText('PAC-export-2027.xlsx');

	const wb = new ExcelJS.Workbook();
	await wb.xlsx.readFile(path);
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
	const sheet = wb.getWorksheet('Suivi des actions')!;
	expect(sheet.getCell('A1').value).toBe('Action');
	expect([sheet.getCell('A2').value, sheet.getCell('A3').value].sort()).toEqual([
		'Newsletter de rentrée',
		'Salon Équip’Hôtel'
	]);

	// Someone adds a row in Excel and renames nothing: the import creates one action, changes nothing else.
	sheet.getCell('A4').value = 'Jeu concours Noël';
	sheet.getCell('B4').value = 'À faire';
	const edited = join(tmpdir(), `cap-edited-${Date.now()}.xlsx`);
	await wb.xlsx.writeFile(edited);

	await page.getByTestId('plan-tools').click();
	await page.getByTestId('import-xlsx').click();
	const dialog = page.getByTestId('import-dialog');
	await dialog.getByTestId('import-file').setInputFiles(edited);
	await expect(dialog.getByTestId('count-create')).toContainText('1');
	await expect(dialog.getByTestId('count-refused')).toContainText('0');
	await expect(dialog.getByTestId('import-entry').filter({ hasText: 'Jeu concours Noël' })).toContainText(
		'à créer'
	);
	await expect(page.getByTestId('action-table').getByText('Jeu concours Noël')).toHaveCount(0);
	await expectNoAxeViolations(page);
	await dialog.getByTestId('import-confirm').click();
	await expect(dialog.getByTestId('import-done')).toContainText('1 créés');
	await dialog.getByRole('button', { name: 'Fermer' }).last().click();
	await expect(page.getByTestId('action-table').getByText('Jeu concours Noël')).toBeVisible();

	// A file that is not a workbook gets a clear message and changes nothing.
	const bad = join(tmpdir(), `cap-bad-${Date.now()}.xlsx`);
	writeFileSync(bad, 'Action;Statut\nA;B\n');
	await page.getByTestId('plan-tools').click();
	await page.getByTestId('import-xlsx').click();
	await page.getByTestId('import-file').setInputFiles(bad);
	await expect(page.getByTestId('import-error')).toContainText("n'est pas un classeur Excel");
});

test('CSV: the action table view downloads as it is filtered', async ({ page }) => {
	await createPlanAsFacilitator(page, 'PAC CSV');
	await openSection(page, 'actions');
	await addAction(page, 'Catalogue printemps');
	await addAction(page, 'Salon SIAL');
	await page.getByTestId('action-search').fill('Salon');
	const download = page.waitForEvent('download');
	await page.getByTestId('export-csv').click();
	const file = await download;
	expect(file.suggestedFilename()).toBe('PAC-CSV-2027.csv');
	const text = readFileSync((await file.path())!, 'utf8');
	const lines = text
		.replace(/^\ufeff/, '')
		.trim()
		.split('\r\n');
	expect(lines).toHaveLength(2);
	expect(lines[0]!.split(';')[0]).toBe('Action');
	expect(lines[1]!.startsWith('Salon SIAL;')).toBe(true);
});

test('the printed report of a plan made from the launch template has no app chrome and prints to PDF', async ({
	page
}) => {
	await page.goto('/');
	await page.getByTestId('create-title').fill('Lancement Galette bio');
	await page.getByTestId('create-template').selectOption('launch');
	await page.getByTestId('create-submit').click();
	await enterAsFacilitator(page);
	await expectSaved(page);
	await page.getByTestId('plan-tools').click();
	await page.getByTestId('open-report').click();
	await expect(page.getByTestId('report')).toContainText('Lancement Galette bio');
	// The template's actions, in French, are in the table and on the timeline.
	await expect(page.getByTestId('report-actions')).toContainText('Événement de lancement');
	await expect(page.getByTestId('report-timeline')).toContainText('Bilan du lancement');
	await expectNoAxeViolations(page);
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('aside.sidebar')).toBeHidden();
	await expect(page.locator('header.topbar')).toBeHidden();
	await expect(page.getByTestId('print')).toBeHidden();
	const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
	if (process.env.CAP_PDF_OUT) writeFileSync(process.env.CAP_PDF_OUT, pdf);
	// Cover + objectives + actions + timeline + periods + budget + dashboard: one part per page at least.
	const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
	expect(pages).toBeGreaterThanOrEqual(7);
});
