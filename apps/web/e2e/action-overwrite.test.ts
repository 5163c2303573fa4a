// OVR-1 in the action table: two people rename the same action while one is offline. The person whose name
// was replaced is told in the cell, with the other name and who wrote it, and puts theirs back in one
// click; the other person is told nothing.
import { type Page } from '@playwright/test';
import {
	createPlanAsFacilitator,
	expect,
	expectNoAxeViolations,
	joinSynced,
	openSection,
	test
} from './fixtures';

function nameCell(page: Page) {
	return page.getByTestId('action-row').first().getByTestId('cell-name');
}

async function rename(page: Page, name: string) {
	await nameCell(page).dblclick();
	const editor = nameCell(page).getByTestId('cell-editor');
	await editor.fill(name);
	await editor.press('Enter');
	await expect(nameCell(page).getByTestId('cell-value')).toHaveText(name);
}

test('an action name replaced by someone who had not seen it is announced in its cell, and mine comes back', async ({
	page,
	browser,
	consoleGuard
}) => {
	const { editorLink } = await createPlanAsFacilitator(page, 'PAC 2027', 'Marie Dupont');
	await openSection(page, 'actions');
	await page.getByTestId('new-action-name').fill('Salon Equip’Hôtel');
	await page.getByTestId('new-action-name').press('Enter');
	const bruno = await joinSynced(browser, editorLink, 'Bruno Martin');
	await openSection(bruno, 'actions');
	await expect(nameCell(bruno).getByTestId('cell-value')).toHaveText('Salon Equip’Hôtel');

	// Marie renames offline; Bruno, online, renames too without seeing hers.
	consoleGuard.allow(/net::ERR_INTERNET_DISCONNECTED/);
	await page.context().setOffline(true);
	await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline');
	await rename(page, 'Salon Marie');
	await rename(bruno, 'Salon Bruno');
	await expect(bruno.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
	await page.context().setOffline(false);
	await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved', { timeout: 20_000 });

	const shown = (p: Page) => nameCell(p).getByTestId('cell-value').textContent();
	await expect.poll(async () => (await shown(page)) === (await shown(bruno))).toBe(true);
	const kept = (await shown(page)) ?? '';
	expect(['Salon Marie', 'Salon Bruno']).toContain(kept);
	const [loser, winner, lost, other] =
		kept === 'Salon Bruno'
			? [page, bruno, 'Salon Marie', 'Bruno Martin']
			: [bruno, page, 'Salon Bruno', 'Marie Dupont'];
	const notice = nameCell(loser).getByTestId('cell-overwrite');
	await expect(notice).toContainText(`${other} a remplacé votre « ${lost} » par « ${kept} »`);
	await expect(winner.getByTestId('cell-overwrite')).toHaveCount(0);
	await expectNoAxeViolations(loser);

	await notice.getByRole('button', { name: 'Remettre ma valeur' }).click();
	await expect(notice).toHaveCount(0);
	await expect(nameCell(loser).getByTestId('cell-editor')).toHaveCount(0);
	for (const p of [loser, winner]) await expect(nameCell(p).getByTestId('cell-value')).toHaveText(lost);
	// Putting mine back after seeing theirs is an ordinary change: nobody is told.
	await expect(winner.getByTestId('cell-overwrite')).toHaveCount(0);
	await bruno.context().close();
});
