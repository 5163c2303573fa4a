// Offline: the app opens from its cache (service worker) when the browser has no network, shows the plan
// from this device's copy (IndexedDB), takes edits, and sends them once the network is back; the other
// participant then sees them.
import { type Page } from '@playwright/test';
import { createPlanAsFacilitator, joinSynced, openSection, expect, test } from './fixtures';

test.setTimeout(60_000);
// The service worker runs here as it does for everyone (the config blocks it elsewhere, for speed).
test.use({ serviceWorkers: 'allow' });

/**
 * Collects the console errors and warnings of a page. While the browser is offline, Chromium itself logs
 * each connection attempt it cannot make (the websocket's reconnection tries); those are the browser's
 * report of being offline, not the app's, and are kept apart to be checked against that one cause.
 */
function watchConsole(page: Page): { app: string[]; offline: string[] } {
	const seen = { app: [] as string[], offline: [] as string[] };
	page.on('console', (m) => {
		if (m.type() !== 'error' && m.type() !== 'warning') return;
		const text = m.text();
		if (/ERR_INTERNET_DISCONNECTED|WebSocket connection to .* failed/.test(text)) seen.offline.push(text);
		else seen.app.push(text);
	});
	page.on('pageerror', (e) => seen.app.push(String(e)));
	return seen;
}

test('reloading offline opens the plan from the device, edits wait and reach the others when back', async ({
	browser,
	page,
	consoleGuard
}) => {
	// Chromium's own reports of being offline (see watchConsole); anything else still fails the test.
	consoleGuard.allow(/ERR_INTERNET_DISCONNECTED|WebSocket connection to .* failed/);
	const { editorLink } = await createPlanAsFacilitator(page, 'Plan du train');
	const lea = await joinSynced(browser, editorLink, 'Léa Terrain');
	const logs = watchConsole(lea);
	await openSection(lea, 'settings');
	await expect(lea.getByTestId('settings-title')).toHaveValue('Plan du train');
	// The service worker has cached the app once it is ready.
	await lea.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});

	await lea.context().setOffline(true);
	await lea.reload();
	await expect(lea.getByTestId('settings-title')).toHaveValue('Plan du train');
	await expect(lea.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline');
	await lea.getByTestId('settings-title').fill('Plan du train, relu hors ligne');
	await lea.getByTestId('settings-title').press('Enter');
	await expect(lea.getByTestId('sync-pending')).not.toHaveAttribute('data-pending', '0');
	// Another section opens offline too (its code comes from the cache).
	await openSection(lea, 'actions');
	await expect(lea.getByTestId('new-action-name')).toBeVisible();

	await lea.context().setOffline(false);
	await expect(lea.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
	await expect(page.getByTestId('settings-title')).toHaveValue('Plan du train, relu hors ligne');
	await lea.context().close();
	expect(logs.app).toEqual([]);
});
