// Issue #9: a phone that joins the workshop by the room's code sees its own silent-writing drafts at once,
// without a reload, and they are published at the reveal.
import { type Browser, type Page } from '@playwright/test';
import { createPlanAsFacilitator, expect, openSection, submitJoin, test } from './fixtures';

test.setTimeout(90_000);

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Opens /code/<code> on a new phone and joins as `name`, as a person in the room does. */
async function joinByCode(browser: Browser, code: string, name: string): Promise<Page> {
	const context = await browser.newContext(phone);
	const page = await context.newPage();
	await page.goto(`/code/${code}`);
	await submitJoin(page, name);
	await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
	await expect(page.getByTestId('workshop')).toBeVisible();
	return page;
}

test('a phone that joined by room code sees its own drafts at once, and the reveal publishes them', async ({
	page,
	browser
}) => {
	await createPlanAsFacilitator(page, 'Atelier par code');
	await openSection(page, 'workshop');
	await page.getByTestId('ws-code-create').click();
	const code = (await page.getByTestId('ws-code').textContent())?.trim() ?? '';
	const lucas = await joinByCode(browser, code, 'Lucas Petit');
	// People in the room look elsewhere and come back: each return mounts the workshop screen anew, closing
	// and reopening the private document on the same websocket within a few milliseconds.
	for (let tap = 0; tap < 3; tap++) {
		await openSection(lucas, 'objectives');
		await openSection(lucas, 'workshop');
		await expect(lucas.getByTestId('workshop')).toBeVisible();
	}

	await page.getByTestId('ws-step-silentWriting').click();
	await expect(lucas.getByTestId('workshop')).toHaveAttribute('data-phase', 'silentWriting');
	await lucas.getByTestId('ws-idea-input').fill('Webinaire mensuel');
	await lucas.getByTestId('ws-idea-add').click();
	await expect(lucas.getByTestId('ws-my-idea').filter({ hasText: 'Webinaire mensuel' })).toHaveCount(1);

	await page.getByTestId('ws-step-reveal').click();
	for (const p of [page, lucas]) {
		await expect(p.getByTestId('ws-idea').filter({ hasText: 'Webinaire mensuel' })).toHaveCount(1);
	}
	await lucas.context().close();
});
