// Joining a workshop by the room's code: the code grants the role the facilitator chose (a participant by
// default: ideas, votes and scores through the workshop, nothing written in the plan; or a contributor), and a phone lands in the
// workshop. The invite links stay reachable from the plan header after the "plan is ready" page.
import { type Browser } from '@playwright/test';
import {
	createPlanAsFacilitator,
	expect,
	expectNoAxeViolations,
	openSection,
	submitJoin,
	test
} from './fixtures';

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Opens /code/<code> on a new phone, joins as `name`, and returns the page once saved. */
async function joinByCode(browser: Browser, code: string, name: string) {
	const context = await browser.newContext(phone);
	const page = await context.newPage();
	await page.goto(`/code/${code}`);
	await submitJoin(page, name);
	await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
	return page;
}

test('a room code makes a participant by default, who lands in the workshop on a phone', async ({
	page,
	browser
}) => {
	await createPlanAsFacilitator(page, 'Atelier par code');
	await openSection(page, 'workshop');
	const role = page.getByRole('radiogroup', { name: 'Le code fait entrer comme' });
	await expect(role.getByRole('radio', { name: /Participant/ })).toBeChecked();
	await page.getByTestId('ws-code-create').click();
	const code = (await page.getByTestId('ws-code').textContent())?.trim() ?? '';
	expect(code).toMatch(/^[A-Z2-9]{8}$/);
	await expect(page.getByTestId('ws-code-role')).toHaveText('Ce code fait entrer comme participant.');
	// By default the code's access ends with the code, and the panel says until when.
	await expect(page.getByTestId('ws-code-until')).toHaveText(/^Valable jusqu’à \d{2}:\d{2}\.$/);

	const lucas = await joinByCode(browser, code, 'Lucas Petit');
	await expect(lucas).toHaveURL(/\/workshop$/);
	await expect(lucas.getByTestId('workshop')).toBeVisible();
	await expect(lucas.getByTestId('participant-role')).toHaveText('Participant');
	// Not an editor: the plan's fields are read-only for him, but he writes ideas and votes, so no
	// "Lecture seule" (issue #25); the facilitator sees him join.
	await expect(lucas.getByTestId('readonly-badge')).toHaveCount(0);
	await expect(page.getByTestId('ws-attendance')).toContainText('Présents : 1');
	await openSection(lucas, 'settings');
	await expect(lucas.getByTestId('settings-title')).toBeDisabled();
	await expectNoAxeViolations(lucas);
	await lucas.context().close();
});

test('the facilitator can choose a code for contributors, who may edit the plan', async ({
	page,
	browser
}) => {
	await createPlanAsFacilitator(page, 'Atelier contributeurs');
	await openSection(page, 'workshop');
	await page.getByRole('radio', { name: /Contributeur/ }).check();
	await page.getByTestId('ws-code-create').click();
	await expect(page.getByTestId('ws-code-role')).toHaveText('Ce code fait entrer comme contributeur.');
	const code = (await page.getByTestId('ws-code').textContent())?.trim() ?? '';
	const nora = await joinByCode(browser, code, 'Nora Haddad');
	await expect(nora).toHaveURL(/\/workshop$/);
	await expect(nora.getByTestId('participant-role')).toHaveText('Contributeur');
	await expect(nora.getByTestId('readonly-badge')).toHaveCount(0);
	// Another code can be made for the other role without leaving the workshop.
	await page.getByTestId('ws-code-new').click();
	await expect(page.getByRole('radio', { name: /Participant/ })).toBeChecked();
	await nora.context().close();
});

test('after the "plan is ready" page, the invite links are one click away in the header, on a phone too', async ({
	browser
}) => {
	const context = await browser.newContext(phone);
	const page = await context.newPage();
	const invites = await createPlanAsFacilitator(page, 'Plan à partager');
	await openSection(page, 'objectives');
	await page.getByRole('button', { name: 'Partager' }).click();
	const dialog = page.getByTestId('share-dialog');
	await expect(dialog.getByTestId('invite-link-editor')).toHaveValue(invites.editorLink);
	await expect(dialog.getByTestId('invite-link-commenter')).toHaveValue(invites.commenterLink);
	const box = (await dialog.boundingBox())!;
	expect(box.x).toBeGreaterThanOrEqual(0);
	expect(box.x + box.width).toBeLessThanOrEqual(390);
	await context.close();
});
