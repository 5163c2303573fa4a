// Comments on actions (table and board), on ideas and on last year's review items, not only on objectives; the
// comments panel closes when the section changes and never covers the voting buttons, on a desktop and
// on a phone.
import { type Page } from '@playwright/test';
import {
	createPlanAsFacilitator,
	expect,
	expectNoAxeViolations,
	joinSynced,
	openSection,
	test
} from './fixtures';

async function commentOn(page: Page, button: ReturnType<Page['getByTestId']>, text: string, title: string) {
	await button.click();
	const drawer = page.getByTestId('comments-drawer');
	await expect(drawer.getByRole('heading', { level: 2 })).toContainText(title);
	await page.getByTestId('comment-input').fill(text);
	await page.getByTestId('comment-input-send').click();
	await expect(drawer.getByTestId('comment-body')).toHaveText(text);
	await page.getByTestId('comments-close').click();
	await expect(button).toHaveAttribute('aria-label', /1 commentaire/);
}

test('an action, in the table and on the board, and a review item take comments', async ({ page }) => {
	await createPlanAsFacilitator(page, 'Plan commentaires partout');
	await openSection(page, 'actions');
	await page.getByTestId('new-action-name').fill('Salon SIAL');
	await page.getByTestId('new-action-name').press('Enter');
	const row = page.getByTestId('action-row').filter({ hasText: 'Salon SIAL' });
	await commentOn(page, row.getByTestId('comment-button'), 'Stand partagé ?', 'Salon SIAL');
	await expectNoAxeViolations(page);

	await page.getByTestId('mode-board').click();
	const card = page.getByTestId('board-card').filter({ hasText: 'Salon SIAL' });
	await expect(card.getByTestId('comment-button')).toHaveAttribute('aria-label', /1 commentaire/);

	await openSection(page, 'review');
	await page.getByLabel('Coller depuis un tableur').fill('Action\tCanal\tCoût\nSpot radio\tMédias\t12000');
	await page.getByRole('button', { name: 'Ajouter ces actions' }).click();
	const item = page.getByTestId('review-item').filter({ hasText: 'Spot radio' });
	await commentOn(
		page,
		item.getByTestId('comment-button'),
		'Trop cher pour ce qu’il a rapporté',
		'Spot radio'
	);
});

test('a revealed idea takes comments, which another participant reads', async ({ page, browser }) => {
	const { commenterLink } = await createPlanAsFacilitator(page, 'Plan idées commentées');
	await openSection(page, 'workshop');
	await page.getByTestId('ws-step-silentWriting').click();
	await page.getByTestId('ws-idea-input').fill('Webinaire mensuel');
	await page.getByTestId('ws-idea-add').click();
	await expect(page.getByTestId('ws-my-idea')).toHaveCount(1);
	await page.getByTestId('ws-step-reveal').click();
	const idea = page.getByTestId('ws-idea').filter({ hasText: 'Webinaire mensuel' });
	await commentOn(page, idea.getByTestId('comment-button'), 'Avec un invité client ?', 'Webinaire mensuel');

	const paul = await joinSynced(browser, commenterLink, 'Paul Commercial');
	await openSection(paul, 'workshop');
	const seen = paul.getByTestId('ws-idea').filter({ hasText: 'Webinaire mensuel' });
	await expect(seen.getByTestId('comment-button')).toHaveAttribute('aria-label', /1 commentaire/);
	await seen.getByTestId('comment-button').click();
	await expect(paul.getByTestId('comments-drawer').getByTestId('comment-body')).toHaveText(
		'Avec un invité client ?'
	);
	await paul.context().close();
});

for (const [label, viewport] of [
	['desktop', { width: 1440, height: 900 }],
	['phone', { width: 390, height: 844 }]
] as const) {
	test(`the comments panel leaves the voting buttons usable and closes with the section (${label})`, async ({
		browser
	}) => {
		const context = await browser.newContext({ viewport });
		const page = await context.newPage();
		await createPlanAsFacilitator(page, 'Plan vote et commentaires');
		await openSection(page, 'workshop');
		await page.getByTestId('ws-step-silentWriting').click();
		await page.getByTestId('ws-idea-input').fill('Relancer les clients inactifs');
		await page.getByTestId('ws-idea-add').click();
		await expect(page.getByTestId('ws-my-idea')).toHaveCount(1);
		await page.getByTestId('ws-step-reveal').click();
		await page.getByTestId('ws-step-voting').click();
		const vote = page.getByTestId('ws-ballot-idea').first().getByTestId('ws-vote');
		await expect(vote).toBeVisible();

		await page.getByTestId('comments-panel-button').click();
		await expect(page.getByTestId('comments-drawer')).toBeVisible();
		// Scrolled just below the header, as a person would (on a phone the panel is a sheet over the lower
		// half and the page scrolls above it): a tap at its centre reaches the button, not the panel.
		await vote.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 220));
		const box = (await vote.boundingBox())!;
		const hit = await page.evaluate(
			([x, y]) => document.elementFromPoint(x!, y!)?.closest('[data-testid="ws-vote"]') !== null,
			[box.x + box.width / 2, box.y + box.height / 2]
		);
		expect(hit).toBe(true);
		await vote.click();
		await expect(page.getByTestId('ws-votes-left')).toHaveText('4');

		// Another section: the panel closes.
		await openSection(page, label === 'phone' ? 'objectives' : 'actions');
		await expect(page.getByTestId('comments-drawer')).toHaveCount(0);
		await context.close();
	});
}
