// A sales rep with a commenter invite comments on an objective and mentions the marketing lead; the lead
// sees the unread badge, replies and resolves the thread. The commenter cannot edit the plan.
import { type Page } from '@playwright/test';
import {
	createPlan,
	createPlanAsFacilitator,
	expect,
	expectSaved,
	joinSynced,
	openSection,
	submitJoin,
	test
} from './fixtures';

/** Opens the objectives and writes one marketing objective, "Notoriété en Bretagne". */
async function writeObjective(page: Page) {
	await openSection(page, 'objectives');
	await page.getByTestId('new-business-name').fill('Gagner des parts de marché');
	await page.getByTestId('add-business').click();
	await page.getByTestId('add-marketing').click();
	await page.getByTestId('mo-name').fill('Notoriété en Bretagne');
	await page.getByTestId('mo-name').press('Enter');
}

test('a commenter mentions the marketing lead, who replies and resolves', async ({ page, browser }) => {
	const { editorLink, commenterLink } = await createPlan(page, 'Plan commentaires');

	// The marketing lead (editor) joins, is on the team list, and writes an objective.
	await page.goto(new URL(editorLink).pathname);
	await submitJoin(page, 'Léa Marketing');
	await expectSaved(page);
	await page.getByTestId('new-member-name').fill('Léa Marketing');
	await page.getByTestId('add-member').click();
	await writeObjective(page);

	// The sales rep joins with the commenter invite.
	const rep = await joinSynced(browser, commenterLink, 'Paul Commercial', { locale: 'fr-FR' });
	const repContext = rep.context();
	await openSection(rep, 'objectives');
	const repObjective = rep.getByTestId('marketing-objective').first();
	await expect(repObjective.getByTestId('mo-name')).toHaveValue('Notoriété en Bretagne');
	// No edit controls for a commenter.
	await expect(repObjective.getByTestId('mo-name')).toBeDisabled();
	await expect(repObjective.getByTestId('mo-family')).toBeDisabled();
	await expect(repObjective.getByTestId('mo-remove')).toHaveCount(0);
	await expect(rep.getByTestId('add-business')).toHaveCount(0);
	await expect(repObjective.getByTestId('mo-rationale')).toHaveAttribute('contenteditable', 'false');

	// Comment with a mention picked from the "@" list.
	await repObjective.getByTestId('comment-button').first().click();
	const input = rep.getByTestId('comment-input');
	await input.fill('Les salons régionaux marchent bien, ');
	await input.pressSequentially('@Lé');
	await rep.getByTestId('mention-option').filter({ hasText: 'Léa Marketing' }).click();
	await input.pressSequentially('tu valides ?');
	await rep.getByTestId('comment-input-send').click();
	await expect(rep.getByTestId('comment-body')).toContainText('@Léa Marketing tu valides ?');
	await expect(rep.getByTestId('comment-mentions')).toContainText('Léa Marketing');

	// The lead sees the unread badge on the objective and in the header.
	const leadObjective = page.getByTestId('marketing-objective').first();
	await expect(leadObjective.getByTestId('unread-badge')).toHaveText('1');
	await expect(page.getByTestId('header-unread')).toHaveText('1');
	await leadObjective.getByTestId('comment-button').first().click();
	await expect(page.getByTestId('comment-body')).toContainText('tu valides ?');
	await expect(leadObjective.getByTestId('unread-badge')).toHaveCount(0);
	await page.getByTestId('reply').click();
	await page.getByTestId('reply-input').fill('Oui, on garde les salons.');
	await page.getByTestId('reply-input-send').click();
	await page.getByTestId('resolve').click();
	await expect(page.getByTestId('thread-resolved')).toBeVisible();

	// The rep sees the reply and the resolution live; their connection was never refused.
	await expect(rep.getByTestId('comment-body').nth(1)).toHaveText('Oui, on garde les salons.');
	await expect(rep.getByTestId('thread-resolved')).toBeVisible();
	await expect(rep.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
	await expect(rep.getByTestId('sync-refused')).toHaveCount(0);
	await repContext.close();
});

// Offline, the comment editor comes from the service worker's cache, as for everyone who opened Cap
// once: the config blocks the worker elsewhere (playwright.config.ts), this test needs it.
test.describe('offline', () => {
	test.use({ serviceWorkers: 'allow' });

	test('a comment written offline is kept on the device and sent once back online', async ({
		page,
		browser,
		consoleGuard
	}) => {
		const { commenterLink } = await createPlanAsFacilitator(page, 'Plan hors ligne', 'Léa Marketing');
		await writeObjective(page);

		const rep = await joinSynced(browser, commenterLink, 'Paul Commercial', { locale: 'fr-FR' });
		const repContext = rep.context();
		await openSection(rep, 'objectives');
		const planUrl = rep.url();
		const planId = new URL(planUrl).pathname.split('/')[2];
		await expect(rep.getByTestId('marketing-objective').first().getByTestId('mo-name')).toHaveValue(
			'Notoriété en Bretagne'
		);

		// The service worker has cached the app once it is ready.
		await rep.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});

		// Offline: the comment is written, shown, and waits on the device.
		// Offline on purpose: the browser logs each request it cannot send (the favicon, say) as an error.
		consoleGuard.allow(/net::ERR_INTERNET_DISCONNECTED/);
		await repContext.setOffline(true);
		await expect(rep.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline');
		await rep.getByTestId('marketing-objective').first().getByTestId('comment-button').first().click();
		await rep.getByTestId('comment-input').fill('Écrit dans le train');
		await rep.getByTestId('comment-input-send').click();
		await expect(rep.getByTestId('comment-body')).toContainText('Écrit dans le train');
		await expect(rep.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline');
		await expect(rep.getByTestId('sync-pending')).not.toHaveAttribute('data-pending', '0');
		await expect(page.getByTestId('comment-body')).toHaveCount(0);
		// The plan document (only it) is kept in IndexedDB.
		await expect
			.poll(() => rep.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
			.toContain(`cap-plan-${planId}`);

		// The page is closed before it could send anything; back online, a new page of this browser sends the
		// comment from the local copy, and the lead sees it.
		await rep.close();
		await repContext.setOffline(false);
		const again = await repContext.newPage();
		await again.goto(planUrl);
		await expect(again.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
		await expect(page.getByTestId('header-unread')).toHaveText('1');
		await page.getByTestId('marketing-objective').first().getByTestId('comment-button').first().click();
		await expect(page.getByTestId('comment-body')).toContainText('Écrit dans le train');
		await expect(again.getByTestId('sync-refused')).toHaveCount(0);
		await repContext.close();
	});
});
