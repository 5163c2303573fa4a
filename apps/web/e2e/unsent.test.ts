// Closing a tab that still holds unsent edits asks first (issue #25); once the others have them, it closes
// without a question.
import { createPlanAsFacilitator, expect, joinSynced, test } from './fixtures';

test('closing with unsent edits asks first; once they reached the others it does not', async ({
	page,
	browser,
	consoleGuard
}) => {
	const { editorLink } = await createPlanAsFacilitator(page, 'Plan du train', 'Marie Dupont');
	const lea = await joinSynced(browser, editorLink, 'Léa Terrain');
	consoleGuard.allow(/ERR_INTERNET_DISCONNECTED|WebSocket connection to .* failed/);
	await lea.context().setOffline(true);
	await expect(lea.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline');
	await lea.getByTestId('settings-title').fill('Plan du train, relu hors ligne');
	await lea.getByTestId('settings-title').press('Enter');
	await expect(lea.getByTestId('sync-pending')).not.toHaveAttribute('data-pending', '0');

	// Léa closes the tab: the browser asks; she stays.
	const asked = lea.waitForEvent('dialog');
	await lea.close({ runBeforeUnload: true });
	const dialog = await asked;
	expect(dialog.type()).toBe('beforeunload');
	await dialog.dismiss();
	await expect(lea.getByTestId('settings-title')).toHaveValue('Plan du train, relu hors ligne');

	// Back online, the edit reaches Marie; closing now asks nothing.
	await lea.context().setOffline(false);
	await expect(lea.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
	await expect(page.getByTestId('settings-title')).toHaveValue('Plan du train, relu hors ligne');
	let questions = 0;
	lea.on('dialog', (d) => {
		questions++;
		void d.dismiss();
	});
	await lea.close({ runBeforeUnload: true });
	await expect.poll(() => lea.isClosed()).toBe(true);
	expect(questions).toBe(0);
	await lea.context().close();
});
