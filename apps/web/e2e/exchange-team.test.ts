/**
 * Issue #23 in the browser: a French team's own workbook (team-workbooks.ts) comes in whole through the
 * import dialog: the preview says what is created and which cells are left empty, a column can be
 * corrected in one click, the import reaches another participant as one change, and one Ctrl+Z takes
 * it all back.
 */
import ExcelJS from 'exceljs';
import { englishActionPlan, frenchTemplate } from '../src/lib/exchange/testing/team-workbooks.ts';
import {
	createPlanAsFacilitator,
	expect,
	expectNoAxeViolations,
	expectSaved,
	joinSynced,
	openSection,
	test
} from './fixtures';

test.setTimeout(90_000);

test('a team imports its own plan: 25 of 25 actions reach a colleague, and one undo takes them back', async ({
	page,
	browser
}) => {
	const book = await frenchTemplate(ExcelJS);
	const names = Object.keys(book.expected);
	expect(names).toHaveLength(25);
	const invites = await createPlanAsFacilitator(page, 'PAC équipe');
	const karim = await joinSynced(browser, invites.editorLink, 'Karim');
	await openSection(karim, 'actions');

	await page.getByTestId('plan-tools').click();
	await page.getByTestId('import-xlsx').click();
	const dialog = page.getByTestId('import-dialog');
	await dialog.getByTestId('import-file').setInputFiles({
		name: book.name,
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: Buffer.from(book.bytes)
	});
	await expect(dialog.getByTestId('count-refused')).toContainText('0');
	await expect(
		dialog.getByTestId('import-entry').filter({ hasText: 'Newsletter clients mensuelle' })
	).toContainText('à créer');
	await expect(dialog.getByTestId('import-entry').filter({ hasText: 'Catalogue 2027' })).toContainText(
		"« bientôt » dans « Date de début » n'est pas une date lisible : laissé vide."
	);
	await expect(dialog.getByTestId('import-warned')).toBeVisible();
	// The guess for each header, to correct in one click.
	await dialog.getByTestId('import-columns').locator('summary').click();
	const estimate = dialog
		.getByTestId('import-columns')
		.locator('label')
		.filter({ hasText: 'Estimation (J/H)' })
		.getByTestId('import-column');
	await expect(estimate).toHaveValue('personDays');
	await expectNoAxeViolations(page);
	await page.screenshot({ path: '/tmp/i23-import-fr.png', fullPage: true });

	await dialog.getByTestId('import-confirm').click();
	await expect(dialog.getByTestId('import-done')).toBeVisible();
	await dialog.getByRole('button', { name: 'Fermer' }).last().click();
	await expectSaved(page);

	// All 25 reach Karim (the table draws only the rows on screen: the count, then the last one found).
	await expect(karim.getByTestId('action-count')).toHaveText('25');
	await karim.getByTestId('action-search').fill(names.at(-1)!);
	await expect(karim.getByTestId('action-row')).toHaveCount(1);
	await expect(karim.getByTestId('action-row')).toContainText(book.expected[names.at(-1)!]!.owner);
	await karim.getByTestId('action-search').fill('');

	// One Ctrl+Z outside the fields takes the whole import back, on both screens.
	await page.locator('body').click({ position: { x: 1, y: 1 } });
	await page.keyboard.press('Control+z');
	await expect(page.getByTestId('undo-news')).toBeVisible();
	await expect(karim.getByTestId('actions-empty')).toBeVisible();
	await karim.context().close();
});

test('on a phone, in English: an English team file previews readably and imports', async ({ browser }) => {
	const book = await englishActionPlan(ExcelJS);
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true
	});
	const page = await context.newPage();
	await createPlanAsFacilitator(page, 'Team plan');
	await page.getByTestId('lang-en').click();
	await expect(page.getByTestId('sync-state')).toContainText('Saved');
	await page.getByTestId('plan-tools').click();
	await page.getByTestId('import-xlsx').click();
	const dialog = page.getByTestId('import-dialog');
	await dialog.getByTestId('import-file').setInputFiles({
		name: book.name,
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: Buffer.from(book.bytes)
	});
	await expect(dialog.getByTestId('count-refused')).toContainText('0');
	await dialog.getByTestId('import-columns').locator('summary').click();
	await expect(
		dialog
			.getByTestId('import-columns')
			.locator('label')
			.filter({ hasText: 'Effort (man-days)' })
			.getByTestId('import-column')
	).toHaveValue('personDays');
	await expectNoAxeViolations(page);
	await page.screenshot({ path: '/tmp/i23-import-en-phone.png' });
	await dialog.getByTestId('import-confirm').click();
	await expect(dialog.getByTestId('import-done')).toContainText('Import done');
	await context.close();
});
