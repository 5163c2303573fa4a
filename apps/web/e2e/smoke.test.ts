// The foundation path: create a plan, see the four invites, enter as facilitator, edit settings live,
// and see a second participant's change and presence.
import { createPlanAsFacilitator, expect, expectNoAxeViolations, test } from './fixtures';

test('create a plan, get the four invites, enter and edit settings', async ({ page }) => {
	await page.goto('/');
	await page.getByTestId('create-submit').click();
	await expect(page.locator('#plan-title-error')).toBeVisible();

	await page.getByTestId('create-title').fill('Plan 2027');
	await page.getByTestId('create-company').fill('Acme');
	await page.getByTestId('create-submit').click();

	const invites = page.getByTestId('invites');
	await expect(invites).toBeVisible();
	for (const role of ['facilitator', 'editor', 'commenter', 'viewer']) {
		await expect(page.getByTestId(`invite-link-${role}`)).toHaveValue(/\/join\/.+/);
	}

	await page.getByTestId('enter-facilitator').click();
	await page.getByTestId('join-name').fill('Marie Dupont');
	await page.getByTestId('join-submit').click();

	await expect(page.getByTestId('settings-title')).toHaveValue('Plan 2027');
	await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
	await expect(page.getByTestId('presence-avatar')).toHaveCount(1);

	await page.getByTestId('new-member-name').fill('Karim Benali');
	await page.getByTestId('add-member').click();
	await expect(page.getByTestId('member-row')).toHaveCount(1);
	await page.getByTestId('generate-periods').click();
	await expect(page.getByTestId('period-row')).toHaveCount(36);

	// Reload: the session is reused (no name asked again) and the edits were saved on the server.
	await page.reload();
	await expect(page.getByTestId('member-row')).toHaveCount(1);
	await expect(page.getByTestId('member-name')).toHaveValue('Karim Benali');
});

test('a viewer sees the plan read-only and editors see each other live', async ({ browser, page }) => {
	await page.goto('/');
	await page.getByTestId('create-title').fill('Plan partagé');
	await page.getByTestId('create-submit').click();
	const editorLink = await page.getByTestId('invite-link-editor').inputValue();
	const viewerLink = await page.getByTestId('invite-link-viewer').inputValue();

	await page.goto(new URL(editorLink).pathname);
	await page.getByTestId('join-name').fill('Alice Martin');
	await page.getByTestId('join-submit').click();
	await expect(page.getByTestId('settings-title')).toBeEnabled();

	const viewerContext = await browser.newContext();
	const viewer = await viewerContext.newPage();
	await viewer.goto(new URL(viewerLink).pathname);
	await viewer.getByTestId('join-name').fill('Victor Lecteur');
	await viewer.getByTestId('join-submit').click();
	await expect(viewer.getByTestId('readonly-badge')).toBeVisible();
	await expect(viewer.getByTestId('settings-title')).toBeDisabled();

	await page.getByTestId('settings-title').fill('Plan partagé 2027');
	await page.getByTestId('settings-title').press('Enter');
	await expect(viewer.getByTestId('settings-title')).toHaveValue('Plan partagé 2027');
	await expect(page.getByTestId('presence-avatar')).toHaveCount(2);
	await viewerContext.close();
});

test('list rows reorder from the keyboard and keep focus', async ({ page }) => {
	await page.goto('/');
	await page.getByTestId('create-title').fill('Plan clavier');
	await page.getByTestId('create-submit').click();
	await page.getByTestId('enter-facilitator').click();
	await page.getByTestId('join-name').fill('Marie Dupont');
	await page.getByTestId('join-submit').click();
	for (const name of ['Salons', 'E-mailing', 'Réseaux sociaux']) {
		await page.getByTestId('new-channel-name').fill(name);
		await page.getByTestId('new-channel-name').press('Enter');
	}
	await expect(page.getByTestId('channel-name')).toHaveCount(3);
	await page.getByTestId('channel-down').first().focus();
	await page.keyboard.press('Enter');
	await page.keyboard.press('Enter');
	await expect
		.poll(() =>
			page.getByTestId('channel-name').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))
		)
		.toEqual(['E-mailing', 'Réseaux sociaux', 'Salons']);
	// At the bottom the "down" arrow is disabled, so focus moved to "up" on the same row.
	await expect(page.getByTestId('channel-up').last()).toBeFocused();
});

test('the plan tools menu opens from the keyboard, moves with the arrows, and closes on Escape or outside', async ({
	page
}) => {
	await createPlanAsFacilitator(page, 'Plan outils');
	const tools = page.getByTestId('plan-tools');
	const items = page.getByRole('menu', { name: 'Plan' }).getByRole('menuitem');
	// The menu's code loads on this first opening; its first item then has the focus.
	await tools.focus();
	await page.keyboard.press('Enter');
	await expect(tools).toHaveAttribute('aria-expanded', 'true');
	await expect(items.first()).toBeFocused();
	await expect(items).toHaveText([
		'Exporter en Excel (.xlsx)',
		'Importer un classeur Excel',
		'Rapport à imprimer ou PDF',
		'Versions',
		'Démarrer le plan 2028 à partir de celui-ci'
	]);
	await page.keyboard.press('ArrowDown');
	await expect(items.nth(1)).toBeFocused();
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('ArrowUp');
	await expect(items.last()).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(page.getByRole('menu')).toHaveCount(0);
	await expect(tools).toBeFocused();
	await expect(tools).toHaveAttribute('aria-expanded', 'false');
	// Opened again (already loaded), then closed by a click elsewhere.
	await page.keyboard.press('Enter');
	await expect(items.first()).toBeFocused();
	await page.getByTestId('settings-title').click();
	await expect(page.getByRole('menu')).toHaveCount(0);
	await expectNoAxeViolations(page);
	// On a phone the menu stays on the screen, whole, each time it opens.
	await page.setViewportSize({ width: 390, height: 844 });
	for (let time = 0; time < 2; time++) {
		await tools.click();
		await expect(items.first()).toBeFocused();
		const box = (await page.getByRole('menu').boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width).toBeLessThanOrEqual(390);
		for (const item of await items.all()) {
			const b = (await item.boundingBox())!;
			expect(b.x + b.width).toBeLessThanOrEqual(390);
		}
		await page.keyboard.press('Escape');
	}
});
