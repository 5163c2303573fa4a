// A plan at its size limit refuses what would take it past (MAX_PLAN_BYTES, `plan-too-large`): the device
// leaves out its largest change, named with its text to copy, and keeps and sends the rest. Once, no loop.
// Runs a server of its own with a small limit, so the other tests keep the default one.
import { type Page } from '@playwright/test';
import { addObjectives, createPlanAsFacilitator, joinSynced, openSection, expect, test } from './fixtures';
import { startOwnServer } from './own-server';

test.setTimeout(120_000);

function countSockets(page: Page): () => number {
	let opened = 0;
	page.on('websocket', () => opened++);
	return () => opened;
}

test('at the size limit only the largest change is left out: a new title typed with it reaches the others', async ({
	browser,
	consoleGuard
}) => {
	// Chromium's own report of a request it could not make offline, not the app's.
	consoleGuard.allow(/ERR_INTERNET_DISCONNECTED|WebSocket connection to .* failed/);
	const server = await startOwnServer(() => ({ MAX_PLAN_BYTES: '96KB' }));
	try {
		const options = { baseURL: server.url };
		const facilitatorContext = await browser.newContext(options);
		const page = await facilitatorContext.newPage();
		const { editorLink } = await createPlanAsFacilitator(page, 'Plan limité');
		await addObjectives(page);
		await openSection(page, 'settings');
		const karim = await joinSynced(browser, editorLink, 'Karim Benali', options);
		await openSection(karim, 'settings');
		await openSection(karim, 'objectives');

		// Offline, Karim pastes 120 KB of notes into a rationale and renames the plan.
		await karim.context().grantPermissions(['clipboard-read', 'clipboard-write']);
		const notes = Array.from({ length: 600 }, (_, i) => `Note ${i + 1} ${'x'.repeat(190)}`).join('\n');
		await karim.evaluate((text) => navigator.clipboard.writeText(text), notes);
		await karim.context().setOffline(true);
		await expect(karim.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline');
		await karim.getByTestId('mo-rationale').click();
		await karim.keyboard.press('ControlOrMeta+V');
		await expect(karim.getByTestId('mo-rationale')).toContainText('Note 600');
		await openSection(karim, 'settings');
		await karim.getByTestId('settings-title').fill('Plan limité, relu');
		await karim.getByTestId('settings-title').press('Enter');

		const sockets = countSockets(karim);
		await karim.context().setOffline(false);
		const notice = karim.getByTestId('change-dropped');
		await expect(notice).toBeVisible();
		await expect(notice.getByTestId('change-dropped-items')).toContainText('Recruter 200 nouveaux clients');
		await expect(notice.getByTestId('change-dropped-items')).toContainText('taille maximale');
		await expect(notice.getByTestId('change-dropped-copy')).toHaveCount(1);
		await expect(karim.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
		await expect(page.getByTestId('settings-title')).toHaveValue('Plan limité, relu');
		// One refusal: the connection that was refused, one for the server's copy, one for the rebuilt plan.
		expect(sockets()).toBeLessThanOrEqual(3);
		await karim.context().close();
		await facilitatorContext.close();
	} finally {
		server.child.kill();
	}
});
