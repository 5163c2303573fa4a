/**
 * Issue #23: ten rows pasted from a team's spreadsheet. The estimate is kept though its header says
 * "Estimation (J/H)", each column shows Cap's guess and can be changed in one click, the rows reach a
 * colleague as one change, and one Ctrl+Z takes them all back.
 */
import {
	createPlanAsFacilitator,
	expect,
	expectNoAxeViolations,
	joinSynced,
	openSection,
	test
} from './fixtures';

test.setTimeout(90_000);

test('ten pasted rows keep their estimate, a column is corrected in one click, one undo takes them back', async ({
	page,
	browser
}) => {
	const invites = await createPlanAsFacilitator(page, 'PAC collé');
	const karim = await joinSynced(browser, invites.editorLink, 'Karim');
	await openSection(karim, 'actions');
	await openSection(page, 'actions');
	const rows = [
		'Action\tEstimation (J/H)\tStatut\tNotes',
		...Array.from(
			{ length: 10 },
			(_, i) => `Action collée ${i + 1}\t${i + 1},5\t${i % 2 ? 'Terminé' : 'En attente'}\tvoir Julie`
		)
	].join('\n');
	await page.getByTestId('paste-open').click();
	const dialog = page.getByTestId('paste-dialog');
	await dialog.getByTestId('paste-text').fill(rows);
	const columns = dialog.getByTestId('paste-column');
	await expect(columns).toHaveCount(4);
	await expect(columns.nth(1)).toHaveValue('personDays');
	await expect(columns.nth(3)).toHaveValue('description');
	// "Notes" is not a description for this team: ignored.
	await columns.nth(3).selectOption('');
	await expect(dialog.getByTestId('paste-preview')).toContainText('10 actions à créer, 0 ligne refusée.');
	await expectNoAxeViolations(page);
	await page.screenshot({ path: '/tmp/i23-paste-fr.png' });
	await dialog.getByTestId('paste-create').click();
	await expect(dialog.getByTestId('paste-report')).toContainText('10 actions créées.');
	await dialog.getByRole('button', { name: 'Fermer' }).last().click();

	await expect(karim.getByTestId('action-count')).toHaveText('10');
	await karim.getByTestId('action-search').fill('Action collée 10');
	await expect(karim.getByTestId('action-row')).toContainText('10,5');
	await expect(karim.getByTestId('action-row')).not.toContainText('voir Julie');
	await karim.getByTestId('action-search').fill('');

	// The choice is remembered: the same header pasted again shows "Notes" ignored.
	await page.getByTestId('paste-open').click();
	await dialog.getByTestId('paste-text').fill(rows);
	await expect(dialog.getByTestId('paste-column').nth(3)).toHaveValue('');
	await dialog.getByTestId('paste-text').fill('');
	await dialog.getByRole('button', { name: 'Fermer' }).last().click();

	await page.locator('body').click({ position: { x: 1, y: 1 } });
	await page.keyboard.press('Control+z');
	await expect(karim.getByTestId('actions-empty')).toBeVisible();
	await karim.context().close();
});
