// "Depuis votre dernière visite" (issue #25): Karim leaves the plan; meanwhile Marie adds an action and
// comments, and Léa writes an idea still hidden in silent writing. Back, Karim's list names what Marie did
// and nothing of Léa's hidden idea.
import { createPlanAsFacilitator, expect, joinSynced, openSection, test } from './fixtures';

test('since your last visit lists what another person changed, and nothing hidden in the workshop', async ({
	page,
	browser
}) => {
	const { editorLink, commenterLink } = await createPlanAsFacilitator(page, 'Plan entre deux réunions');
	await openSection(page, 'actions');
	await page.getByTestId('new-action-name').fill('Salon régional');
	await page.getByTestId('new-action-name').press('Enter');
	await expect(page.getByTestId('action-row')).toHaveCount(1);

	const karim = await joinSynced(browser, editorLink, 'Karim Benali');
	await openSection(karim, 'actions');
	await expect(karim.getByTestId('action-row')).toHaveCount(1);
	await expect(karim.getByTestId('since-last-visit')).toHaveCount(0);
	const planUrl = karim.url();
	await karim.goto('/');

	// While he is away.
	await page.getByTestId('new-action-name').fill('Webinaire clients');
	await page.getByTestId('new-action-name').press('Enter');
	await expect(page.getByTestId('action-row')).toHaveCount(2);
	await page.getByTestId('action-row').first().getByTestId('comment-button').first().click();
	await page.getByTestId('comment-input').fill('Devis reçu, on valide jeudi');
	await page.getByTestId('comment-input-send').click();
	await expect(page.getByTestId('comment-body').filter({ hasText: 'Devis reçu' })).toBeVisible();
	await page.getByTestId('comments-close').click();
	const lea = await joinSynced(browser, commenterLink, 'Léa Commerciale');
	await openSection(page, 'workshop');
	await page.getByTestId('ws-step-silentWriting').click();
	await openSection(lea, 'workshop');
	await lea.getByTestId('ws-idea-input').fill('Idée secrète de Léa');
	await lea.getByTestId('ws-idea-add').click();
	await expect(lea.getByTestId('ws-my-idea')).toHaveText([/Idée secrète/]);

	await karim.goto(planUrl);
	const since = karim.getByTestId('since-last-visit');
	await expect(since).toContainText('Depuis votre dernière visite (2)');
	await since.locator('summary').click();
	await expect(karim.getByTestId('since-change')).toHaveText([
		'Nouvelle action : Webinaire clients',
		'Marie Dupont a commenté : « Devis reçu, on valide jeudi »'
	]);
	await expect(karim.locator('body')).not.toContainText('Idée secrète');
	await karim.getByTestId('since-seen').click();
	await expect(since).toHaveCount(0);
	await karim.context().close();
	await lea.context().close();
});
