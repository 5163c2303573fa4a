// Mentions reach people (issue #25): the picker offers everyone who joined the plan, also those who never
// wrote, and the roles; a mention lands in the other browser's inbox live and is still there after a reload.
import { type Page } from '@playwright/test';
import { addObjectives, createPlanAsFacilitator, expect, joinSynced, openSection, test } from './fixtures';

/** Opens the first objective's comments and starts a thread mentioning `who` (typed, then picked). */
async function mention(page: Page, typed: string, pick: string, rest: string) {
	await openSection(page, 'objectives');
	await page.getByTestId('marketing-objective').first().getByTestId('comment-button').first().click();
	const input = page.getByTestId('comment-input');
	await input.pressSequentially(`@${typed}`);
	await page.getByTestId('mention-option').filter({ hasText: pick }).click();
	await input.pressSequentially(rest);
	await page.getByTestId('comment-input-send').click();
	await expect(page.getByTestId('comment-mentions').last()).toContainText(pick);
	await page.getByTestId('comments-close').click();
}

test('a commenter mentions an editor who never wrote, an editor mentions the facilitator role: both reach the inbox', async ({
	page,
	browser
}) => {
	const { editorLink, commenterLink } = await createPlanAsFacilitator(page, 'Plan mentions', 'Marie Dupont');
	await addObjectives(page);
	const karim = await joinSynced(browser, editorLink, 'Karim Éditeur');
	const lea = await joinSynced(browser, commenterLink, 'Léa Commerciale');

	// Léa mentions Karim, who joined but has written nothing: the list offers him by his name.
	await mention(lea, 'Kar', 'Karim Éditeur', ' peux-tu chiffrer le salon ?');
	await expect(karim.getByTestId('inbox-count')).toHaveText('1');
	await karim.getByTestId('inbox-button').click();
	await expect(karim.getByTestId('inbox-entry')).toHaveCount(1);
	await expect(karim.getByTestId('inbox-entry')).toContainText('Léa Commerciale vous a mentionné');
	await expect(karim.getByTestId('inbox-entry')).toContainText('peux-tu chiffrer le salon ?');
	await karim.keyboard.press('Escape');
	// Still there after a reload.
	await karim.reload();
	await expect(karim.getByTestId('inbox-count')).toHaveText('1');

	// Karim mentions the facilitator role: Marie gets it, Léa (a participant) does not.
	await mention(karim, 'anim', 'animateur', ' on en parle en atelier ?');
	await expect(page.getByTestId('inbox-count')).toHaveText('1');
	await page.getByTestId('inbox-button').click();
	await expect(page.getByTestId('inbox-entry')).toContainText('Karim Éditeur vous a mentionné');
	// Opening the entry goes to its thread.
	await page.getByTestId('inbox-entry').click();
	await expect(
		page.getByTestId('comments-drawer').getByTestId('comment-body').filter({ hasText: 'on en parle' })
	).toBeVisible();
	await expect(lea.getByTestId('inbox-count')).toHaveCount(0);
	await karim.context().close();
	await lea.context().close();
});
