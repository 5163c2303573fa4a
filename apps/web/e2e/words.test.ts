// The words of the plan, as a French team reads them: a new objective is named by its placeholder, not
// by a value to delete; initials are letters; one label per status, agreeing with "action"; one
// abbreviation for person-days; the timeline says "Regrouper par".
import { createPlanAsFacilitator, expect, openSection, test } from './fixtures';

test('the words a French team reads: placeholder, initials, statuses, j-h, grouping', async ({ page }) => {
	const invites = await createPlanAsFacilitator(page, 'Plan des mots', 'Claire (animatrice)');
	expect(invites.editorLink).toBeTruthy();
	await expect(page.getByTestId('presence-avatar').first().locator('[aria-hidden="true"]')).toHaveText('CA');

	// Person-days are "j-h" in the team list.
	await page.getByTestId('new-member-name').fill('Léa Marketing');
	await page.getByTestId('add-member').click();
	await expect(page.getByTestId('member-capacity').first()).toHaveAttribute('placeholder', 'j-h par période');

	// A new marketing objective is empty, named by its placeholder, and the cursor is in it.
	await openSection(page, 'objectives');
	await page.getByTestId('new-business-name').fill('Croître le CA de 10 %');
	await page.getByTestId('add-business').click();
	await page.getByTestId('add-marketing').click();
	const name = page.getByTestId('mo-name').first();
	await expect(name).toBeFocused();
	await expect(name).toHaveValue('');
	await expect(name).toHaveAttribute('placeholder', 'Nouvel objectif marketing');
	await name.fill('Recruter 200 nouveaux clients');
	await name.press('Enter');
	await expect(name).toHaveValue('Recruter 200 nouveaux clients');

	// Statuses agree with "action", on the board and in the table.
	await openSection(page, 'actions');
	await page.getByTestId('new-action-name').fill('Salon SIAL');
	await page.getByTestId('new-action-name').press('Enter');
	await page.getByTestId('mode-board').click();
	const status = page.getByTestId('board-status').first();
	await expect(status.locator('option')).toHaveText(['À faire', 'En cours', 'Terminée', 'Abandonnée']);
	await expect(page.getByRole('heading', { level: 2, name: /Terminée/ })).toBeVisible();

	// The timeline groups its rows with "Regrouper par".
	await openSection(page, 'planning');
	await expect(page.getByRole('group', { name: 'Regrouper par' })).toBeVisible();
});
