// Two actions with one name are flagged where they are made (issue #25: they later broke the Excel round
// trip): an editor types a name another person already used, both see the warning until one is renamed.
import { createPlanAsFacilitator, expect, joinSynced, openSection, test } from './fixtures';

test('an action named like another is flagged for everyone until renamed', async ({ page, browser }) => {
	const { editorLink } = await createPlanAsFacilitator(page, 'PAC 2027');
	await openSection(page, 'actions');
	await page.getByTestId('new-action-name').fill('Salon régional');
	await page.getByTestId('new-action-name').press('Enter');
	const karim = await joinSynced(browser, editorLink, 'Karim Benali');
	await openSection(karim, 'actions');
	await expect(karim.getByTestId('action-row')).toHaveCount(1);
	await expect(karim.getByTestId('action-duplicates')).toHaveCount(0);

	await karim.getByTestId('new-action-name').fill('salon  REGIONAL');
	await karim.getByTestId('new-action-name').press('Enter');
	for (const p of [page, karim])
		await expect(p.getByTestId('action-duplicates')).toContainText(
			'Plusieurs actions portent le même nom : Salon régional.'
		);

	const cell = karim
		.getByTestId('action-row')
		.filter({ hasText: /salon\s+REGIONAL/ })
		.getByTestId('cell-name');
	await cell.dblclick();
	// Being edited, the row no longer shows the name as text: the one editor open is this one.
	await karim.getByTestId('cell-editor').fill('Salon national');
	await karim.getByTestId('cell-editor').press('Enter');
	for (const p of [page, karim]) await expect(p.getByTestId('action-duplicates')).toHaveCount(0);
	await karim.context().close();
});
