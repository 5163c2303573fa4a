// A participant's header on a phone (issue #25): at most 64 px of the 844, with the sync state, the role in
// words and the language switch still there, and no "Lecture seule" for someone writing ideas and voting.
import { createPlanAsFacilitator, expect, joinSynced, openSection, test } from './fixtures';

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

test('a participant’s phone header fits in 64 px and says what they can do', async ({ page, browser }) => {
	const { commenterLink } = await createPlanAsFacilitator(page, 'Plan d’actions commerciales 2027 — Ouest');
	const lea = await joinSynced(browser, commenterLink, 'Léa Commerciale', phone);
	await openSection(lea, 'workshop');
	await expect(lea.getByTestId('workshop')).toBeVisible();
	for (const section of ['workshop', 'objectives']) {
		await openSection(lea, section);
		const box = await lea.locator('header.topbar').boundingBox();
		expect(box?.height ?? 999).toBeLessThanOrEqual(64);
		for (const id of ['sync-state', 'participant-role', 'inbox-button', 'lang-en', 'plan-title'])
			await expect(lea.getByTestId(id)).toBeInViewport();
		await expect(lea.getByTestId('participant-role')).toHaveText('Participant');
		await expect(lea.getByTestId('readonly-badge')).toHaveCount(0);
		// Nothing runs past the screen's edge.
		expect(await lea.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	}
	await lea.context().close();
});
