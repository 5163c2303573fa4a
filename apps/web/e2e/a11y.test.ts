// Axe on the main screens, in French (the default) with the settings filled in.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('home, invites, join and settings have no axe violations', async ({ page }) => {
	const check = async () => {
		const results = await new AxeBuilder({ page }).analyze();
		expect(results.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
	};
	await page.goto('/');
	await page.getByTestId('create-form').waitFor();
	await check();
	await page.getByTestId('create-title').fill('Plan axe');
	await page.getByTestId('create-submit').click();
	await page.getByTestId('invites').waitFor();
	await check();
	await page.getByTestId('enter-facilitator').click();
	await page.getByTestId('join-name').waitFor();
	await check();
	await page.getByTestId('join-name').fill('Marie Dupont');
	await page.getByTestId('join-submit').click();
	await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
	await page.getByTestId('new-member-name').fill('Karim Benali');
	await page.getByTestId('add-member').click();
	await page.getByTestId('generate-periods').click();
	await expect(page.getByTestId('period-row')).toHaveCount(36);
	await check();
	await page.getByTestId('nav-budget').click();
	await page.getByTestId('coming-soon').waitFor();
	await check();
});
