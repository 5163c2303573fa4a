// Planning that agrees with itself (French UI): rows pasted with Statut and Période keep them (or are
// refused with a reason), an action with a période and no dates sits in that period on the timeline, and
// the table, the periods view and the timeline put the same actions in the same period. Filter menus close
// on Escape and on a click outside; "Grouper par" offers only columns that group work.
import { type Page } from '@playwright/test';
import { createPlanAsFacilitator, openSection, expect, test, watchConsole } from './fixtures';

test.setTimeout(60_000);

const row = (page: Page, name: string) => page.getByTestId('action-row').filter({ hasText: name });

test('pasted Statut and Période are kept, and every view puts an action in the same period', async ({
	page
}) => {
	const logs = watchConsole(page);
	await createPlanAsFacilitator(page, 'Plan cohérent');
	const year = await page.getByTestId('settings-year').inputValue();
	await page.getByTestId('generate-periods').click();
	await expect(page.getByTestId('period-row')).toHaveCount(36);

	await openSection(page, 'actions');
	await page.getByTestId('paste-open').click();
	await page
		.getByTestId('paste-text')
		.fill(
			[
				'Nom\tStatut\tPériode\tDébut',
				'Brief agence\tEn cours\tP2\t',
				`Salon\tÀ faire\t\t05/01/${year}`,
				'Bizarre\tpeut-être\tP1\t',
				'Perdue\tTerminée\tP99\t'
			].join('\n')
		);
	await expect(page.getByTestId('paste-preview')).toContainText('2 actions à créer, 2 lignes refusées.');
	await page.getByTestId('paste-create').click();
	await expect(page.getByTestId('paste-report')).toContainText('Ligne 4 : statut inconnu');
	await expect(page.getByTestId('paste-report')).toContainText('Ligne 5 : période inconnue');
	await page.getByTestId('paste-dialog').getByRole('button', { name: 'Fermer' }).last().click();
	await expect(page.getByTestId('action-row')).toHaveCount(2);
	await expect(row(page, 'Brief agence').getByTestId('cell-status')).toContainText('En cours');
	await expect(row(page, 'Brief agence').getByTestId('cell-period')).toContainText('P2');
	// Dated in the first ten days of January: the table counts it in P1, as the periods view does.
	await expect(row(page, 'Salon').getByTestId('cell-period')).toContainText('P1');

	// The period filter keeps the dated action; Escape closes the menu, so does a click outside.
	const periodFilter = page.getByTestId('filter-period');
	await periodFilter.locator('summary').click();
	await periodFilter.getByLabel('P1', { exact: true }).check();
	await expect(page.getByTestId('action-row')).toHaveCount(1);
	await expect(page.getByTestId('action-row')).toContainText('Salon');
	await page.keyboard.press('Escape');
	await expect(periodFilter).not.toHaveAttribute('open');
	await expect(periodFilter.locator('summary')).toBeFocused();
	await periodFilter.locator('summary').click();
	await expect(periodFilter).toHaveAttribute('open');
	await page.getByRole('heading', { level: 1 }).click();
	await expect(periodFilter).not.toHaveAttribute('open');
	await periodFilter.locator('summary').click();
	await periodFilter.getByLabel('P1', { exact: true }).uncheck();
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('action-row')).toHaveCount(2);

	// "Grouper par" offers the columns that group work, not names, descriptions or amounts.
	const groupBy = page.getByTestId('action-group');
	const offered = await groupBy.locator('option').allTextContents();
	expect(offered).toContain('Période');
	expect(offered).toContain('Statut');
	expect(offered).not.toContain('Nom');
	expect(offered).not.toContain('Description');
	await groupBy.selectOption({ label: 'Période' });
	await expect(page.getByTestId('group-row').filter({ hasText: 'P1' })).toHaveCount(1);
	await expect(page.getByTestId('group-row').filter({ hasText: 'P2' })).toHaveCount(1);

	// The timeline draws the undated action in its period, not among the undated ones.
	await openSection(page, 'planning');
	await expect(page.locator('[data-testid="timeline-bar"][data-name="Brief agence"]')).toHaveCount(1);
	await expect(page.locator('[data-testid="timeline-bar"][data-name="Salon"]')).toHaveCount(1);
	await expect(page.getByTestId('undated')).toHaveCount(0);
	// The periods view lists the same actions in P1 and P2.
	await page.getByTestId('view-periods').click();
	await page.getByTestId('unit-period').click();
	await page.getByTestId('period-pick').selectOption({ index: 0 });
	await expect(page.getByTestId('period-action')).toHaveText([/Salon/]);
	await page.getByTestId('period-pick').selectOption({ index: 1 });
	await expect(page.getByTestId('period-action')).toHaveText([/Brief agence/]);
	expect(logs).toEqual([]);
});
