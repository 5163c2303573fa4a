// Issue #9, found while fixing the room-code drafts: tapping the entry of the section one is already in
// must not rebuild it. It did: the section was loaded again and mounted anew, and the idea being typed
// was gone (and the workshop's private document closed and reopened).
import { createPlanAsFacilitator, expect, joinSynced, openSection, test } from './fixtures';

test('tapping the current section keeps it as it is, text being typed included', async ({
	page,
	browser
}) => {
	const { editorLink } = await createPlanAsFacilitator(page, 'Plan du toucher');
	await openSection(page, 'workshop');
	await page.getByTestId('ws-step-silentWriting').click();
	const karim = await joinSynced(browser, editorLink, 'Karim Benali', {
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true
	});
	await openSection(karim, 'workshop');
	await expect(karim.getByTestId('workshop')).toHaveAttribute('data-phase', 'silentWriting');
	await karim.getByTestId('ws-idea-input').fill('Relancer les clients dormants');
	// The section's content is marked, so a rebuilt one is told apart from the one that stayed.
	await karim.getByTestId('workshop').evaluate((element) => element.setAttribute('data-marked', 'yes'));

	await openSection(karim, 'workshop');
	await expect(karim).toHaveURL(/\/workshop$/);
	await expect(karim.getByTestId('ws-idea-input')).toHaveValue('Relancer les clients dormants');
	await expect(karim.getByTestId('workshop')).toHaveAttribute('data-marked', 'yes');
	await karim.getByTestId('ws-idea-add').click();
	await expect(
		karim.getByTestId('ws-my-idea').filter({ hasText: 'Relancer les clients dormants' })
	).toHaveCount(1);
	await karim.context().close();
});
