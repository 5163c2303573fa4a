// Undo reverts only your own edits: in the plan (Ctrl+Z outside the fields, the plan-wide undo of the
// sync bridge) and in rich text (Ctrl+Z in the editor, the collaboration binding's own history).
import { addObjectives, createPlanAsFacilitator, expect, joinSynced, openSection, test } from './fixtures';

test('Ctrl+Z in the plan undoes my title change, not the member someone else added', async ({
	page,
	browser
}) => {
	const { editorLink } = await createPlanAsFacilitator(page, 'Plan annulable');
	const other = await joinSynced(browser, editorLink, 'Karim Benali', { locale: 'fr-FR' });
	await openSection(page, 'settings');
	await openSection(other, 'settings');

	// A renames the plan; B adds a member.
	const title = page.getByTestId('settings-title');
	await title.fill('Plan renommé');
	await title.press('Enter');
	await expect(other.getByTestId('settings-title')).toHaveValue('Plan renommé');
	await other.getByTestId('new-member-name').fill('Karim Benali');
	await other.getByTestId('add-member').click();
	await expect(page.getByTestId('member-row')).toHaveCount(1);

	// Focus outside the fields (inside one, Ctrl+Z is the field's native undo): it reverts A's own edit
	// on both screens; B's member stays.
	await title.blur();
	await expect(title).not.toBeFocused();
	await page.keyboard.press('Control+z');
	for (const p of [page, other]) {
		await expect(p.getByTestId('settings-title')).toHaveValue('Plan annulable');
		await expect(p.getByTestId('plan-title')).toHaveText('Plan annulable');
		await expect(p.getByTestId('member-row')).toHaveCount(1);
		await expect(p.getByTestId('member-name')).toHaveValue('Karim Benali');
	}
	await expect(page.getByTestId('undo-news')).toContainText('annulée');
	// Nothing else of A's to undo: B's member is not A's to revert.
	await page.keyboard.press('Control+z');
	await expect(page.getByTestId('undo-news')).toContainText('Rien à annuler');
	await expect(other.getByTestId('member-row')).toHaveCount(1);

	// Redo brings the title back.
	await page.keyboard.press('Control+Shift+z');
	await expect(other.getByTestId('settings-title')).toHaveValue('Plan renommé');
	await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
	await other.context().close();
});

test('Ctrl+Z in a rich text removes only what I typed', async ({ page, browser }) => {
	const { editorLink } = await createPlanAsFacilitator(page, 'Plan texte riche');
	await addObjectives(page);

	const other = await joinSynced(browser, editorLink, 'Alice Martin', { locale: 'fr-FR' });
	await openSection(other, 'objectives');
	const mine = page.getByTestId('mo-rationale').first();
	const theirs = other.getByTestId('mo-rationale').first();

	await mine.click();
	await page.keyboard.type('Texte de Marie.');
	await expect(theirs).toContainText('Texte de Marie.');
	await theirs.click();
	await other.keyboard.press('End');
	await other.keyboard.type(' Ajout d’Alice.');
	await expect(mine).toContainText('Ajout d’Alice.');

	// Marie undoes in her editor: her text goes, Alice's stays, on both screens.
	await expect(mine).toBeFocused();
	await page.keyboard.press('Control+z');
	for (const editor of [mine, theirs]) {
		await expect(editor).not.toContainText('Texte de Marie');
		await expect(editor).toContainText('Ajout d’Alice.');
	}
	// The objective itself (a plan edit, not rich text) was not undone.
	await expect(other.getByTestId('mo-name').first()).toHaveValue('Recruter 200 nouveaux clients');
	await other.context().close();
});
