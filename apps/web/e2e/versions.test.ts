/** Issue #11, versions: name one, open it read-only, restore it in one browser and see it in the other. */
import { type Page } from '@playwright/test';
import {
	createPlanAsFacilitator,
	expect,
	expectNoAxeViolations,
	joinSynced,
	openSection,
	test
} from './fixtures';

// Two browser contexts on a machine shared with other work: more than the default 30 s.
test.setTimeout(60_000);

async function addAction(page: Page, name: string) {
	await page.getByTestId('new-action-name').fill(name);
	await page.getByTestId('new-action-name').press('Enter');
	await expect(page.getByTestId('action-table').getByText(name)).toBeVisible();
}

test('a version restored in one browser shows in the other, and is recorded as a version', async ({
	page,
	browser
}) => {
	const invites = await createPlanAsFacilitator(page, 'PAC versions');
	await openSection(page, 'actions');
	await addAction(page, 'Salon SIAL');

	await page.getByTestId('plan-tools').click();
	await page.getByTestId('open-versions').click();
	await expect(page.getByTestId('versions-empty')).toBeVisible();
	await page.getByTestId('version-name').fill('Validé en CODIR, v1');
	await page.getByTestId('version-save').click();
	await expect(page.getByTestId('version')).toHaveCount(1);
	// Said once, on screen and to a screen reader alike (it was in the page twice).
	await expect(page.getByText('Version « Validé en CODIR, v1 » enregistrée.')).toHaveCount(1);
	await expect(page.getByRole('status').filter({ hasText: 'enregistrée' })).toHaveCount(1);
	await expect(page.getByTestId('version').first()).toContainText('Marie Dupont');
	await expectNoAxeViolations(page);

	const other = await joinSynced(browser, invites.editorLink, 'Paul Martin');
	await openSection(other, 'actions');
	await addAction(other, 'Jeu concours');
	await expect(page.getByTestId('versions')).toBeVisible();

	// Opened read-only, v1 has only the first action.
	await page.getByTestId('version-open').click();
	await expect(page.getByTestId('version-action')).toHaveText([/Salon SIAL/]);
	await page.getByTestId('version-view').getByRole('button', { name: 'Fermer' }).click();

	await page.getByTestId('compare').click();
	await expect(page.getByTestId('cmp-added')).toContainText('Jeu concours');
	// Nobody entered a cost or a spend on either side: said as such, not "0,00 €" with a gap of 0.
	const spend = page.getByTestId('comparison').locator('tbody tr').filter({ hasText: 'Réalisé' });
	await expect(spend.locator('td')).toHaveText(['Non saisi', 'Non saisi', '—']);

	await page.getByTestId('version-restore').click();
	await page.getByTestId('version-restore-confirm').click();
	await expect(page.getByTestId('versions-news')).toContainText('restaurée pour tout le monde');
	await expect(page.getByText('restaurée pour tout le monde')).toHaveCount(1);
	await expect(page.getByTestId('version')).toHaveCount(2);
	await expect(page.getByTestId('version').first()).toContainText('Restauration de « Validé en CODIR, v1 »');

	// The other browser sees the plan as it was in v1.
	await expect(other.getByTestId('action-table').getByText('Jeu concours')).toHaveCount(0);
	await expect(other.getByTestId('action-table').getByText('Salon SIAL')).toBeVisible();
	await other.context().close();
});
