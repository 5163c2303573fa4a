// The foundation's promise, end to end: two people join one plan by the editor link with their own
// names, see each other in the presence bar, co-edit the settings both ways, and each one's language
// switch changes only their own screen.
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function join(page: Page, link: string, name: string) {
	await page.goto(new URL(link).pathname);
	await page.getByTestId('join-name').fill(name);
	await page.getByTestId('join-submit').click();
	await expect(page.getByTestId('settings-title')).toBeEnabled();
	await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
}

test('two editors see each other, co-edit the settings live, and switch language on their own', async ({
	browser,
	page
}) => {
	await page.goto('/');
	await page.getByTestId('create-title').fill('Plan commercial 2027');
	await page.getByTestId('create-company').fill('Maison Durand');
	await page.getByTestId('create-submit').click();
	const editorLink = await page.getByTestId('invite-link-editor').inputValue();

	const aliceContext = await browser.newContext();
	const brunoContext = await browser.newContext();
	const alice = await aliceContext.newPage();
	const bruno = await brunoContext.newPage();
	await join(alice, editorLink, 'Alice Martin');
	await join(bruno, editorLink, 'Bruno Petit');

	// Presence: each sees both people, by name.
	for (const screen of [alice, bruno]) {
		await expect(screen.getByTestId('presence-avatar')).toHaveCount(2);
		await expect(screen.getByTestId('presence')).toContainText('Alice Martin');
		await expect(screen.getByTestId('presence')).toContainText('Bruno Petit');
	}

	// Alice adds a team member with a capacity; Bruno sees it appear.
	await alice.getByTestId('new-member-name').fill('Karim Benali');
	await alice.getByTestId('add-member').click();
	await expect(bruno.getByTestId('member-name')).toHaveValue('Karim Benali');

	// Bruno adds a channel and renames the plan; Alice sees both.
	await bruno.getByTestId('new-channel-name').fill('Salons professionnels');
	await bruno.getByTestId('new-channel-name').press('Enter');
	await bruno.getByTestId('settings-title').fill('Plan commercial et marketing 2027');
	await bruno.getByTestId('settings-title').press('Enter');
	await expect(alice.getByTestId('channel-name')).toHaveValue('Salons professionnels');
	await expect(alice.getByTestId('settings-title')).toHaveValue('Plan commercial et marketing 2027');
	await expect(alice.getByTestId('plan-title')).toContainText('Plan commercial et marketing 2027');

	// Alice generates the ten-day periods; Bruno sees the 36 of them.
	await alice.getByTestId('generate-periods').click();
	await expect(bruno.getByTestId('period-row')).toHaveCount(36);

	// Language: Bruno switches to English; his UI changes, Alice's stays French.
	await expect(bruno.getByTestId('nav-settings')).toContainText('Réglages');
	await bruno.getByTestId('lang-en').click();
	await expect(bruno.getByTestId('nav-settings')).toContainText('Settings');
	await expect(bruno.getByTestId('nav-objectives')).toContainText('Objectives');
	await expect(bruno.getByTestId('sync-state')).toContainText('Saved');
	await expect(alice.getByTestId('nav-settings')).toContainText('Réglages');
	await expect(alice.getByTestId('sync-state')).toContainText('Enregistré');
	// The data is the same in both languages.
	await expect(bruno.getByTestId('channel-name')).toHaveValue('Salons professionnels');

	await aliceContext.close();
	await brunoContext.close();
});
