// Scoring on a phone starts from the most voted ideas (issue #25: a phone walked every idea × 5 criteria);
// each person may still score them all.
import { type Page } from '@playwright/test';
import { createPlanAsFacilitator, expect, joinSynced, openSection, test } from './fixtures';

test.setTimeout(120_000);

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

test('after the vote, a phone scores the most voted ideas, and all of them on request', async ({
	page,
	browser
}) => {
	const { editorLink, commenterLink } = await createPlanAsFacilitator(page, 'Atelier notation');
	await openSection(page, 'workshop');
	const lucas = await joinSynced(browser, commenterLink, 'Lucas Petit', phone);
	const karim = await joinSynced(browser, editorLink, 'Karim Benali');
	for (const p of [lucas, karim]) await openSection(p, 'workshop');
	await page.getByTestId('ws-step-silentWriting').click();
	const titles = ['Salon', 'Webinaire', 'Parrainage', 'Relance', 'Emailing', 'Catalogue', 'Podcast'];
	for (const title of titles) {
		await lucas.getByTestId('ws-idea-input').fill(title);
		await lucas.getByTestId('ws-idea-input').press('Enter');
		await expect(lucas.getByTestId('ws-my-idea').filter({ hasText: title })).toHaveCount(1);
	}
	await page.getByTestId('ws-step-reveal').click();
	await expect(page.getByTestId('ws-idea')).toHaveCount(7);
	await page.getByTestId('ws-step-voting').click();
	const vote = async (p: Page, title: string, left: string) => {
		await p.getByTestId('ws-ballot-idea').filter({ hasText: title }).getByTestId('ws-vote').click();
		await expect(p.getByTestId('ws-votes-left')).toHaveText(left);
	};
	await vote(karim, 'Salon', '4');
	await vote(karim, 'Podcast', '3');
	await vote(lucas, 'Relance', '4');
	await page.getByTestId('ws-reveal-votes').click();
	await expect(lucas.getByTestId('ws-vote-results')).toBeVisible();
	await page.getByTestId('ws-step-scoring').click();

	await expect(lucas.getByTestId('ws-score-which')).toContainText('Vous notez les 3 idées les plus votées.');
	await expect(lucas.getByTestId('ws-score-progress')).toHaveText('1 / 3');
	await lucas.getByTestId('ws-score-all').click();
	await expect(lucas.getByTestId('ws-score-progress')).toHaveText('1 / 7');
	await expect(lucas.getByTestId('ws-score-which')).toContainText('Vous notez toutes les idées (7).');
	// Karim, on his own screen, still has the default.
	await expect(karim.getByTestId('ws-score-which')).toContainText('les 3 idées les plus votées');
	await lucas.context().close();
	await karim.context().close();
});
