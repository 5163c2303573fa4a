// When the server refuses a change (here: a group created offline while the facilitator locked the
// board), the device drops it, reloads the shared plan and says in plain words what was not kept, instead
// of resending it forever. Harmless races (moving an idea as the board locks) are simply accepted.
import { type Browser, type Page } from '@playwright/test';
import {
	addObjectives,
	createPlanAsFacilitator,
	joinSynced,
	openSection,
	expect,
	test,
	watchConsole
} from './fixtures';

test.setTimeout(90_000);

async function join(browser: Browser, url: string, name: string, logs: string[][]) {
	const page = await joinSynced(browser, url, name);
	logs.push(watchConsole(page));
	await openSection(page, 'workshop');
	await expect(page.getByTestId('workshop')).toBeVisible();
	return page;
}

function phaseIs(page: Page, phase: string) {
	return expect(page.getByTestId('workshop')).toHaveAttribute('data-phase', phase);
}

/** A facilitator (this page) with one idea on the grouping board, and an editor on the same board. */
async function boardWithEditor(browser: Browser, page: Page, logs: string[][], objectives = false) {
	logs.push(watchConsole(page));
	const { editorLink } = await createPlanAsFacilitator(page, 'Plan verrou');
	if (objectives) await addObjectives(page);
	await openSection(page, 'workshop');
	await expect(page.getByTestId('ws-console')).toBeVisible();
	const karim = await join(browser, editorLink, 'Karim Benali', logs);
	await page.getByTestId('ws-step-silentWriting').click();
	await phaseIs(karim, 'silentWriting');
	await karim.getByTestId('ws-idea-input').fill('Salon de Rennes');
	await karim.getByTestId('ws-idea-add').click();
	await expect(karim.getByTestId('ws-my-idea')).toHaveCount(1);
	await page.getByTestId('ws-step-reveal').click();
	await page.getByTestId('ws-step-grouping').click();
	await page.getByTestId('ws-group-name').fill('Prospection');
	await page.getByTestId('ws-group-add').click();
	await phaseIs(karim, 'grouping');
	await expect(karim.getByTestId('ws-group')).toHaveCount(2);
	return karim;
}

test('a change refused by the server is dropped, the plan reloaded, and the person told what was lost', async ({
	browser,
	page
}) => {
	const logs: string[][] = [];
	const karim = await boardWithEditor(browser, page, logs);

	// Offline, Karim creates a group; meanwhile the facilitator locks the board.
	await karim.context().setOffline(true);
	await expect(karim.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline');
	await karim.getByTestId('ws-group-name').fill('Salons régionaux');
	await karim.getByTestId('ws-group-add').click();
	await expect(karim.getByTestId('ws-group')).toHaveCount(3);
	await page.getByTestId('ws-lock').check();
	// The lock is in force on the server before Karim is back (the padlock shows the stored plan): else
	// his group could arrive first and be rightly accepted.
	await expect(page.getByTestId('ws-lock-on')).toBeVisible();

	// Back online the server refuses the group: Karim's device says so, drops it and is in sync again.
	await karim.context().setOffline(false);
	const notice = karim.getByTestId('change-dropped');
	await expect(notice).toBeVisible();
	await expect(notice).toContainText('n’a pas été gardée');
	await expect(notice).toContainText('Salons régionaux');
	await expect(karim.getByTestId('ws-group')).toHaveCount(2);
	await expect(karim.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
	await expect(karim.getByTestId('sync-refused')).toHaveCount(0);
	await expect(karim.getByTestId('ws-locked-note')).toBeVisible();
	// The facilitator never saw it, and Karim's device does not send it again after a reload.
	await expect(page.getByTestId('ws-group')).toHaveCount(2);
	await karim.reload();
	await expect(karim.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
	await expect(karim.getByTestId('ws-group')).toHaveCount(2);
	await expect(karim.getByTestId('change-dropped')).toHaveCount(0);

	// Unlocked, Karim works on normally; the facilitator sees his next group.
	await page.getByTestId('ws-lock').uncheck();
	await expect(karim.getByTestId('ws-locked-note')).toHaveCount(0);
	await karim.getByTestId('ws-group-name').fill('Webinaires');
	await karim.getByTestId('ws-group-add').click();
	await expect(page.locator('[data-testid="ws-group"][aria-label="Webinaires"]')).toHaveCount(1);
	await karim.context().close();
	expect(logs.flat()).toEqual([]);
});

test('moving an idea while the facilitator locks the board is accepted, not refused', async ({
	browser,
	page
}) => {
	const logs: string[][] = [];
	const karim = await boardWithEditor(browser, page, logs);

	await karim.context().setOffline(true);
	await expect(karim.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline');
	await karim.getByTestId('ws-board-idea').getByTestId('ws-move').selectOption({ label: 'Prospection' });
	await expect(karim.getByTestId('ws-group').nth(1).getByTestId('ws-board-idea')).toHaveCount(1);
	await page.getByTestId('ws-lock').check();
	await expect(page.getByTestId('ws-lock-on')).toBeVisible();
	await karim.context().setOffline(false);

	await expect(karim.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
	await expect(page.getByTestId('ws-group').nth(1).getByTestId('ws-board-idea')).toHaveCount(1);
	await expect(karim.getByTestId('change-dropped')).toHaveCount(0);
	await expect(karim.getByTestId('sync-refused')).toHaveCount(0);
	await karim.context().close();
	expect(logs.flat()).toEqual([]);
});

/** Thirty words, as a person would type them in a rationale. */
const THIRTY_WORDS = Array.from({ length: 30 }, (_, i) => `mot${i + 1}`).join(' ');

test('a refused change costs only that change: the words typed with it are kept and reach the others', async ({
	browser,
	page,
	consoleGuard
}) => {
	// Chromium's own report of a request it could not make offline (the page's icon), not the app's.
	consoleGuard.allow(/ERR_INTERNET_DISCONNECTED/);
	const logs: string[][] = [];
	const karim = await boardWithEditor(browser, page, logs, true);
	// Karim opens the objectives once online, so the section's code is on his device.
	await openSection(karim, 'objectives');
	await expect(karim.getByTestId('mo-rationale')).toHaveCount(1);
	await openSection(karim, 'workshop');

	// Offline, Karim creates a group (the board gets locked meanwhile) and writes thirty words of rationale.
	await karim.context().setOffline(true);
	await expect(karim.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline');
	await karim.getByTestId('ws-group-name').fill('Salons régionaux');
	await karim.getByTestId('ws-group-add').click();
	await expect(karim.getByTestId('ws-group')).toHaveCount(3);
	await openSection(karim, 'objectives');
	await karim.getByTestId('mo-rationale').click();
	await karim.keyboard.type(THIRTY_WORDS);
	await expect(karim.getByTestId('mo-rationale')).toContainText('mot30');
	await openSection(page, 'workshop');
	await page.getByTestId('ws-lock').check();
	await expect(page.getByTestId('ws-lock-on')).toBeVisible();

	// Back online: the group is refused and named, with a way to copy it; the thirty words are kept.
	await karim.context().setOffline(false);
	const notice = karim.getByTestId('change-dropped');
	await expect(notice).toBeVisible();
	await expect(notice.getByTestId('change-dropped-items')).toContainText('Salons régionaux');
	await expect(notice.getByTestId('change-dropped-items')).not.toContainText('Objectifs');
	await karim.context().grantPermissions(['clipboard-read', 'clipboard-write']);
	await notice.getByTestId('change-dropped-copy').click();
	await expect(notice.getByTestId('change-dropped-copy')).toContainText('Copié');
	expect(await karim.evaluate(() => navigator.clipboard.readText())).toBe('Salons régionaux');
	await expect(karim.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
	await expect(karim.getByTestId('mo-rationale')).toHaveText(THIRTY_WORDS);
	await openSection(page, 'objectives');
	await expect(page.getByTestId('mo-rationale')).toHaveText(THIRTY_WORDS);
	await openSection(page, 'workshop');
	await expect(page.getByTestId('ws-group')).toHaveCount(2);
	// After a reload, Karim's device neither sends the group again nor loses the words.
	await karim.reload();
	await expect(karim.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
	await expect(karim.getByTestId('mo-rationale')).toHaveText(THIRTY_WORDS);
	await expect(karim.getByTestId('change-dropped')).toHaveCount(0);
	await karim.context().close();
	expect(logs.flat().filter((line) => !/ERR_INTERNET_DISCONNECTED/.test(line))).toEqual([]);
});
