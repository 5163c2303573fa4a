// Every message the tab sends fits the server's 2 MiB frame limit, live and at reconnect after a reload
// (SPEC SYNC-1): a large change is sent in pieces and syncs; one text too large for any piece is refused
// once, named, and the tab's later edits still reach the others. No reconnect loop either way.
import { type Page } from '@playwright/test';
import { addObjectives, createPlanAsFacilitator, joinSynced, openSection, expect, test } from './fixtures';

test.setTimeout(120_000);

/**
 * Bytes of the plan's updates this device has written to IndexedDB (lib/sync/plan.svelte.ts keeps the
 * plan there): writes finish after the edit, and a reload aborts those still running.
 */
function storedOnDevice(page: Page): Promise<number> {
	const planId = new URL(page.url()).pathname.split('/')[2]!;
	return page.evaluate(
		(name) =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction('updates').objectStore('updates').getAll();
					all.onsuccess = () => {
						resolve((all.result as Uint8Array[]).reduce((sum, update) => sum + update.byteLength, 0));
						open.result.close();
					};
				};
			}),
		`cap-plan-${planId}`
	);
}

/** Counts the websockets a page opens from now on. */
function countSockets(page: Page): () => number {
	let opened = 0;
	page.on('websocket', () => opened++);
	return () => opened;
}

test('a 2.5 MB paste into a rationale is refused once, named, and later edits from the tab reach the others', async ({
	browser,
	page
}) => {
	const { editorLink } = await createPlanAsFacilitator(page, 'Plan collage');
	await addObjectives(page);
	const karim = await joinSynced(browser, editorLink, 'Karim Benali');
	await openSection(karim, 'objectives');
	const sockets = countSockets(karim);

	// One line of 2.5 MB, pasted from the clipboard: a single text nothing can split under 2 MiB.
	const huge = `Étude de marché ${'données '.repeat(312_500)}`;
	await karim.context().grantPermissions(['clipboard-read', 'clipboard-write']);
	await karim.evaluate((text) => navigator.clipboard.writeText(text), huge);
	await karim.getByTestId('mo-rationale').click();
	await karim.keyboard.press('ControlOrMeta+V');

	const notice = karim.getByTestId('change-dropped');
	await expect(notice).toBeVisible({ timeout: 30_000 });
	await expect(notice.getByTestId('change-dropped-items')).toContainText('Recruter 200 nouveaux clients');
	await expect(notice.getByTestId('change-dropped-items')).toContainText('trop volumineuse');
	await expect(notice.getByTestId('change-dropped-copy')).toHaveCount(1);
	await expect(karim.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');

	// Karim writes on: the facilitator gets it.
	await karim.getByTestId('mo-rationale').click();
	await karim.keyboard.type('Cible : PME de la région');
	await expect(page.getByTestId('mo-rationale')).toContainText('Cible : PME de la région');
	await expect(page.getByTestId('mo-rationale')).not.toContainText('Étude de marché');
	await expect(karim.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
	// Refused once: one connection to fetch the server's copy, one for the rebuilt plan, no loop.
	expect(sockets()).toBeLessThanOrEqual(2);
	await expect(karim.getByTestId('change-dropped')).toHaveCount(1);
	await karim.context().close();
});

test.describe('a large change made offline', () => {
	// The tab reloads offline: its code comes from the service worker (blocked elsewhere, for speed).
	test.use({ serviceWorkers: 'allow' });

	test('2,500 rows (2.8 MiB) pasted offline reach the others after a reload, and so do later edits', async ({
		browser,
		page,
		consoleGuard
	}) => {
		// Chromium's own reports of requests it cannot make offline, not the app's.
		consoleGuard.allow(/ERR_INTERNET_DISCONNECTED|WebSocket connection to .* failed/);
		const { editorLink } = await createPlanAsFacilitator(page, 'Plan hors ligne');
		await openSection(page, 'actions');
		const lea = await joinSynced(browser, editorLink, 'Léa Terrain');
		await openSection(lea, 'actions');
		await lea.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});

		await lea.context().setOffline(true);
		await expect(lea.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline');
		const rows = Array.from(
			{ length: 2_500 },
			(_, i) => `Action ${i + 1}\t${`Relance client ${i + 1} `.repeat(55)}`
		);
		// Pasted from the clipboard into the import box, as from a spreadsheet.
		await lea.context().grantPermissions(['clipboard-read', 'clipboard-write']);
		await lea.evaluate(
			(text) => navigator.clipboard.writeText(text),
			['Nom\tDescription', ...rows].join('\n')
		);
		await lea.getByTestId('paste-open').click();
		await lea.getByTestId('paste-text').focus();
		await lea.keyboard.press('ControlOrMeta+V');
		await expect(lea.getByTestId('paste-preview')).toContainText(/2\s500 actions à créer/);
		await lea.getByTestId('paste-create').click();
		await lea.getByTestId('paste-dialog').getByRole('button', { name: 'Fermer' }).last().click();
		await expect(lea.getByTestId('action-count')).toHaveText('2500');
		await expect.poll(() => storedOnDevice(lea), { timeout: 30_000 }).toBeGreaterThan(2.8 * 1024 ** 2);

		// Reloaded offline, the rows come from the device; back online, its first sync sends them all.
		await lea.reload();
		await expect(lea.getByTestId('action-count')).toHaveText('2500');
		const sockets = countSockets(lea);
		await lea.context().setOffline(false);
		await expect(page.getByTestId('action-count')).toHaveText('2500', { timeout: 60_000 });
		await expect(lea.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved', { timeout: 60_000 });
		await expect(lea.getByTestId('change-dropped')).toHaveCount(0);

		// A later edit from the same tab reaches the facilitator.
		await lea.getByTestId('new-action-name').fill('Salon de Lyon');
		await lea.getByTestId('new-action-name').press('Enter');
		await expect(page.getByTestId('action-count')).toHaveText('2501');
		expect(sockets()).toBeLessThanOrEqual(1);
		await lea.context().close();
	});
});
