// The back half of the method, two browsers at once (French UI): last year's review carried into this year's
// actions, the three budget methods following a cost edited elsewhere, and a corrective action created from
// a red key result reaching the other person's action table; axe on the three sections.
import { type Page } from '@playwright/test';
import {
	addObjectives,
	createPlanAsFacilitator,
	expect,
	expectNoAxeViolations,
	joinSynced,
	openSection,
	test
} from './fixtures';

// Two browsers, several sections and axe checks per test: more than the default 30 s on a shared machine.
test.setTimeout(90_000);

async function commit(page: Page, testid: string, value: string, root = page.locator('body')) {
	const field = root.getByTestId(testid);
	await field.fill(value);
	await field.press('Enter');
}

test('a review item decided "repeat" is carried into this year actions, linked back', async ({
	browser,
	page
}) => {
	const { editorLink } = await createPlanAsFacilitator(page, 'Plan bilan');
	await openSection(page, 'review');
	await page
		.getByLabel('Coller depuis un tableur')
		.fill(
			'Action\tCanal\tCoût\tCA\tLeads\nSalon Batimat\tSalons\t8 000\t24 000\t40\nSpot radio\tMédias\t12000\t6000\t'
		);
	await page.getByRole('button', { name: 'Ajouter ces actions' }).click();
	const salon = page.getByTestId('review-item').filter({ hasText: 'Salon Batimat' });
	await expect(page.getByTestId('review-item')).toHaveCount(2);
	// Derived, never typed: ROI = (24 000 − 8 000) / 8 000; cost per lead = 8 000 / 40.
	await expect(salon.getByTestId('review-roi')).toHaveText('200 %');
	await expect(salon.getByTestId('review-derived')).toContainText(/200,00\s€/);
	await expectNoAxeViolations(page);

	const other = await joinSynced(browser, editorLink, 'Karim Benali');
	await openSection(other, 'actions');
	await salon.getByTestId('review-decision').selectOption({ label: 'Reconduire' });
	await salon.getByTestId('review-select').check();
	await page.getByTestId('carry-selected').click();
	await expect(salon.getByTestId('review-carried')).toHaveText('Reportée cette année');
	await expect(salon.getByTestId('review-select')).toHaveCount(0);

	// The other editor's table shows the new action, with its cost and where it comes from.
	const row = other.getByTestId('action-row').filter({ hasText: 'Salon Batimat' });
	await expect(row).toHaveCount(1);
	await expect(row.getByTestId('cell-origin')).toContainText('Bilan N-1');
	await expect(row.getByTestId('cell-plannedCost')).toContainText(/8\s000,00\s€/);
	await other.context().close();
});

test('the three budget methods follow a cost changed in another browser', async ({ browser, page }) => {
	const { editorLink } = await createPlanAsFacilitator(page, 'Plan budget');
	await openSection(page, 'actions');
	await page.getByTestId('new-action-name').fill('Salon');
	await page.getByTestId('new-action-name').press('Enter');
	await openSection(page, 'budget');
	await page.locator('#bud-last-year').fill('20000');
	await page.locator('#bud-last-year').press('Enter');
	await page.locator('#bud-revenue').fill('1000000');
	await page.locator('#bud-revenue').press('Enter');
	await page.locator('#bud-revenue-pct').fill('2');
	await page.locator('#bud-revenue-pct').press('Enter');
	await expect(page.getByTestId('method-lastYear-value')).toHaveText(/20\s000,00\s€/);
	await expect(page.getByTestId('method-revenuePct-value')).toHaveText(/20\s000,00\s€/);
	// The action has no cost yet: the bottom-up method waits for one instead of reading 0 (BUD-8).
	await expect(page.getByTestId('method-bottomUp-value')).toHaveText('À compléter');
	await expect(page.getByTestId('total-actual')).toHaveText('Non saisi');
	// A signed change is what people type for a rise: "+5" is 5 %.
	await page.locator('#bud-last-year-pct').fill('+5');
	await page.locator('#bud-last-year-pct').press('Enter');
	await expect(page.getByTestId('method-lastYear-value')).toHaveText(/21\s000,00\s€/);

	const other = await joinSynced(browser, editorLink, 'Karim Benali');
	await openSection(other, 'actions');
	const costCell = other.getByTestId('action-row').first().getByTestId('cell-plannedCost');
	await costCell.dblclick();
	await costCell.getByTestId('cell-editor').fill('2500');
	await costCell.getByTestId('cell-editor').press('Enter');

	await expect(page.getByTestId('method-bottomUp-value')).toHaveText(/2\s500,00\s€/);
	await expect(page.getByTestId('methods-spread')).toContainText(/18\s500,00\s€/);
	// No actual yet: "not entered", not an underspend, in the action's row and in the breakdown.
	await expect(page.getByTestId('cost-row').getByTestId('cost-gap')).toHaveText('Non saisi');
	await expect(page.getByTestId('breakdown-table').locator('tbody tr').first()).toContainText('Non saisi');
	await page.getByTestId('method-bottomUp').getByRole('button', { name: 'Retenir ce montant' }).click();
	await expect(page.getByTestId('envelope-who')).toContainText('Somme des actions, retenue par Marie Dupont');
	// An actual above plan is flagged in words, and the envelope too.
	await commit(page, 'cost-actualCost', '3000');
	await expect(page.getByTestId('cost-gap')).toHaveText(/Dépassement de 500,00\s€/);
	await expect(page.getByTestId('envelope-status')).toContainText("Le réalisé dépasse l'enveloppe");
	await expectNoAxeViolations(page);
	await other.context().close();
});

test('a corrective action created from a red key result appears in the other table', async ({
	browser,
	page
}) => {
	const { editorLink } = await createPlanAsFacilitator(page, 'Plan pilotage');
	await addObjectives(page);
	const mo = page.getByTestId('marketing-objective').first();
	await mo.getByTestId('new-kr-kpi').fill('Leads');
	await mo.getByTestId('add-kr').click();
	await commit(page, 'kr-target', '1000', mo);

	const other = await joinSynced(browser, editorLink, 'Karim Benali');
	await openSection(other, 'actions');

	await openSection(page, 'dashboard');
	const card = page.getByTestId('kr-card').filter({ hasText: 'Leads' });
	await card.getByLabel('Date', { exact: true }).fill('2027-03-31');
	await card.getByLabel('Réalisé', { exact: true }).fill('120');
	await card.getByLabel('Prévu (facultatif)', { exact: true }).fill('250');
	await card.getByRole('button', { name: 'Ajouter la mesure' }).click();
	await expect(card.getByTestId('kr-card-status')).toHaveText('Hors trajectoire');
	const worst = page.getByTestId('worst-gap');
	await expect(worst).toHaveCount(1);
	await expect(worst).toContainText('Leads');
	await expectNoAxeViolations(page);
	await worst.getByTestId('create-corrective').click();
	await expect(worst.getByRole('status')).toContainText('Action corrective créée');

	const row = other.getByTestId('action-row').filter({ hasText: 'Action corrective : Leads' });
	await expect(row).toHaveCount(1);
	await expect(row.getByTestId('cell-origin')).toContainText('Corrective');
	await expect(row.getByTestId('cell-priority')).toHaveText('Haute');
	await other.context().close();
});

test('last year Cap plan, known to this browser, starts this year review', async ({ page }) => {
	await createPlanAsFacilitator(page, 'Plan de l’an dernier');
	await openSection(page, 'actions');
	await page.getByTestId('new-action-name').fill('Salon Batimat');
	await page.getByTestId('new-action-name').press('Enter');
	await openSection(page, 'budget');
	await commit(page, 'cost-plannedCost', '8000');
	await commit(page, 'cost-actualCost', '9100');
	await expect(page.getByTestId('total-actual')).toHaveText(/9\s100,00\s€/);

	await createPlanAsFacilitator(page, 'Plan de cette année');
	await openSection(page, 'review');
	await page.getByTestId('review-import').locator('summary').click();
	const source = page.getByTestId('import-source').filter({ hasText: 'Plan de l’an dernier' });
	await expect(source).toContainText('1 action, 0 objectif');
	await source.getByRole('button', { name: 'Reprendre ce plan' }).click();
	await expect(page.getByTestId('review-import').getByRole('status')).toHaveText(
		'1 action et 0 objectif ajoutés au bilan.'
	);
	const item = page.getByTestId('review-item').filter({ hasText: 'Salon Batimat' });
	await expect(item.getByTestId('review-cost')).toHaveValue('9100');
	await expectNoAxeViolations(page);
});
