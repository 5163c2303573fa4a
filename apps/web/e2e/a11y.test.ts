// Axe on the main screens, in French (the default) with the settings filled in.
import { expect, expectNoAxeViolations, openSection, test } from './fixtures';

// Five full axe runs (the settings page holds 36 period rows): past 30 s when the machine is shared.
test.setTimeout(60_000);

test('home, invites, join and settings have no axe violations', async ({ page }) => {
	const check = () => expectNoAxeViolations(page);
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
	await openSection(page, 'budget');
	await page.getByTestId('budget-totals').waitFor();
	await check();
});
