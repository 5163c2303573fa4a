// Promotion keeps the key result and the fields (issue #25): the facilitator promotes an idea with the key
// result of the objective the workshop was about, a workstream, an owner and a period; an editor sees the
// action with all of them in the table. An idea named like an existing action is flagged before, and the
// duplicate named after.
import { type Page } from '@playwright/test';
import { addObjectives, createPlanAsFacilitator, expect, joinSynced, openSection, test } from './fixtures';

test.setTimeout(120_000);

async function setUp(page: Page) {
	await page.getByTestId('new-member-name').fill('Karim Benali');
	await page.getByTestId('add-member').click();
	await page.getByTestId('new-workstream-name').fill('Événements');
	await page.getByTestId('add-workstream').click();
	await page.getByTestId('generate-periods').click();
	await expect(page.getByTestId('periods-summary')).toBeVisible();
	await addObjectives(page);
	const mo = page.getByTestId('marketing-objective').first();
	await mo.getByTestId('new-kr-kpi').fill('Nouveaux clients');
	await mo.getByTestId('add-kr').click();
	await openSection(page, 'actions');
	await page.getByTestId('new-action-name').fill('Salon régional');
	await page.getByTestId('new-action-name').press('Enter');
	await expect(page.getByTestId('action-row')).toHaveCount(1);
}

test('an idea promoted with its key result, workstream, owner and period reaches the table whole; a duplicate name is flagged', async ({
	page,
	browser
}) => {
	const { editorLink } = await createPlanAsFacilitator(page, 'PAC 2027 — promotion');
	await setUp(page);
	await openSection(page, 'workshop');
	await page.getByTestId('ws-prompt-source').selectOption('objectives');
	await page.getByTestId('ws-prompt-add').click();
	await expect(page.getByTestId('ws-prompts')).toContainText('Recruter 200 nouveaux clients');

	const karim = await joinSynced(browser, editorLink, 'Karim Benali');
	await openSection(karim, 'workshop');
	await page.getByTestId('ws-step-silentWriting').click();
	for (const title of ['Webinaire de démonstration', 'salon  régional']) {
		await karim.getByTestId('ws-idea-input').fill(title);
		await karim.getByTestId('ws-idea-add').click();
		await expect(karim.getByTestId('ws-my-idea').filter({ hasText: title.split(' ')[0]! })).toHaveCount(1);
	}
	await page.getByTestId('ws-step-reveal').click();
	await expect(page.getByTestId('ws-idea')).toHaveCount(2);
	await page.getByTestId('ws-step-promotion').click();

	const idea = (title: string) => page.getByTestId('ws-promote-idea').filter({ hasText: title });
	// Flagged before: an action already has this name.
	await expect(idea('régional').getByTestId('ws-promote-dup')).toHaveText('Une action porte déjà ce nom');
	await expect(idea('Webinaire').getByTestId('ws-promote-dup')).toHaveCount(0);
	// The key result defaults to the one of the objective the workshop was about.
	await expect(page.getByTestId('ws-promote-kr').locator('option:checked')).toHaveText(
		'Recruter 200 nouveaux clients — Nouveaux clients'
	);
	await page.getByTestId('ws-promote-ws').selectOption({ label: 'Événements' });
	await page.getByTestId('ws-promote-owner').selectOption({ label: 'Karim Benali' });
	await page.getByTestId('ws-promote-period').selectOption({ index: 1 });
	const period = (await page.getByTestId('ws-promote-period').locator('option:checked').textContent()) ?? '';
	await idea('Webinaire').getByTestId('ws-promote-check').check();
	await idea('régional').getByTestId('ws-promote-check').check();
	await page.getByTestId('ws-promote').click();
	await expect(page.getByTestId('ws-promoted')).toContainText('Actions créées : 2');
	await expect(page.getByTestId('ws-promote-duplicates')).toContainText('Salon régional');

	// Karim sees the action whole in the table.
	await openSection(karim, 'actions');
	const row = karim.getByTestId('action-row').filter({ hasText: 'Webinaire de démonstration' });
	await expect(row.getByTestId('cell-workstream')).toHaveText('Événements');
	await expect(row.getByTestId('cell-owner')).toHaveText(/Karim Benali|KB/);
	await expect(row.getByTestId('cell-period')).toContainText(period.trim());
	await expect(row.getByTestId('cell-keyResults')).toContainText('Nouveaux clients');
	await karim.context().close();
});
