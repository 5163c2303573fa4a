// Unread threads and the inbox: a newcomer does not start with other people's old threads as unread; a
// mention or a reply reaches them in an inbox opened from the header, and a click opens the thread.
import { type Page } from '@playwright/test';
import { addObjectives, createPlanAsFacilitator, expect, joinSynced, openSection, test } from './fixtures';

async function comment(page: Page, text: string) {
	await page.getByTestId('marketing-objective').first().getByTestId('comment-button').first().click();
	await page.getByTestId('comment-input').fill(text);
	await page.getByTestId('comment-input-send').click();
	await expect(page.getByTestId('comment-body').filter({ hasText: text })).toBeVisible();
	await page.getByTestId('comments-close').click();
}

test('a newcomer starts with nothing unread; a mention and a reply reach their inbox and open the thread', async ({
	page,
	browser
}) => {
	const { commenterLink } = await createPlanAsFacilitator(page, 'Plan boîte de réception', 'Marie Dupont');
	await addObjectives(page);
	await comment(page, 'Ancienne discussion entre nous');

	// Paul joins afterwards: the old thread is not his news.
	const paul = await joinSynced(browser, commenterLink, 'Paul Commercial');
	await openSection(paul, 'objectives');
	await expect(paul.getByTestId('comment-body')).toHaveCount(0);
	await expect(
		paul.getByTestId('marketing-objective').first().getByTestId('comment-button').first()
	).toBeVisible();
	await expect(paul.getByTestId('header-unread')).toHaveCount(0);
	await expect(paul.getByTestId('unread-badge')).toHaveCount(0);
	await paul.getByTestId('inbox-button').click();
	await expect(paul.getByTestId('inbox-empty')).toHaveText('Aucune mention ni réponse pour vous.');
	await paul.keyboard.press('Escape');
	await expect(paul.getByTestId('inbox-button')).toBeFocused();

	// Paul writes in a new thread; Marie replies there and mentions him in another one.
	await comment(paul, 'Les salons régionaux marchent bien');
	await page.getByTestId('marketing-objective').first().getByTestId('comment-button').first().click();
	const thread = page.getByTestId('thread').filter({ hasText: 'Les salons régionaux' });
	await thread.getByTestId('reply').click();
	await thread.getByTestId('reply-input').fill('Lesquels ?');
	await thread.getByTestId('reply-input-send').click();
	const input = page.getByTestId('comment-input');
	await input.fill('Avis de ');
	await input.pressSequentially('@Pau');
	await page.getByTestId('mention-option').filter({ hasText: 'Paul Commercial' }).click();
	await input.pressSequentially('sur le budget ?');
	await page.getByTestId('comment-input-send').click();
	await page.getByTestId('comments-close').click();

	// Paul's header counts both; the inbox lists the mention and the reply, newest first.
	await expect(paul.getByTestId('inbox-count')).toHaveText('2');
	await paul.getByTestId('inbox-button').click();
	const entries = paul.getByTestId('inbox-entry');
	await expect(entries).toHaveCount(2);
	await expect(entries.nth(0)).toContainText('Marie Dupont vous a mentionné');
	await expect(entries.nth(0)).toContainText('sur le budget ?');
	await expect(entries.nth(1)).toContainText('Marie Dupont a répondu');
	await expect(entries.nth(1)).toContainText('Lesquels ?');
	// A click opens the thread in the comments panel.
	await entries.nth(1).click();
	await expect(paul.getByTestId('comments-drawer')).toBeVisible();
	await expect(
		paul.getByTestId('comments-drawer').getByTestId('comment-body').filter({ hasText: 'Lesquels ?' })
	).toBeVisible();
	await expect(paul.getByTestId('inbox-count')).toHaveCount(0);
	await paul.context().close();
});
