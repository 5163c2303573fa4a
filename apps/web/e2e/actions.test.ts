// The action table and board co-edited by two people in two browser contexts (French UI): different
// cells of one row, the same cell (converging), a card dragged on the board, and axe on the table.
import { type Browser, type Page } from '@playwright/test';
import {
	createPlan,
	createPlanAsFacilitator,
	enterAsFacilitator,
	expect,
	expectNoAxeViolations,
	joinAs,
	openSection,
	test
} from './fixtures';

/** Creates a plan, enters as facilitator (Marie) with one member, and joins a second editor (Karim). */
async function twoEditors(browser: Browser, page: Page, title: string) {
	const { editorLink } = await createPlanAsFacilitator(page, title);
	await page.getByTestId('new-member-name').fill('Karim Benali');
	await page.getByTestId('add-member').click();
	await openSection(page, 'actions');
	await page.getByTestId('new-action-name').fill('Salon Equip’Hôtel');
	await page.getByTestId('new-action-name').press('Enter');
	await expect(page.getByTestId('action-row')).toHaveCount(1);

	const other = await joinAs(browser, editorLink, 'Karim Benali');
	await openSection(other, 'actions');
	await expect(other.getByTestId('action-row')).toHaveCount(1);
	return { other, close: () => other.context().close() };
}

/** Creates a plan and opens its actions as the facilitator (no wait for the first save). */
async function actionsOf(page: Page, title: string) {
	await createPlan(page, title);
	await enterAsFacilitator(page);
	await openSection(page, 'actions');
}

/** Pastes spreadsheet rows, creates the actions and closes the dialog. */
async function pasteRows(page: Page, rows: string) {
	await page.getByTestId('paste-open').click();
	await page.getByTestId('paste-text').fill(rows);
	await page.getByTestId('paste-create').click();
	await page.getByTestId('paste-dialog').getByRole('button', { name: 'Fermer' }).last().click();
}

function cell(page: Page, column: string) {
	return page.getByTestId('action-row').first().getByTestId(`cell-${column}`);
}

function value(page: Page, column: string, row = 0) {
	return page.getByTestId('action-row').nth(row).getByTestId(`cell-${column}`).getByTestId('cell-value');
}

async function edit(page: Page, column: string, value: string) {
	await cell(page, column).dblclick();
	const editor = cell(page, column).getByTestId('cell-editor');
	await editor.fill(value);
	return editor;
}

test('two people edit different cells of one row and both see both changes', async ({ browser, page }) => {
	const { other, close } = await twoEditors(browser, page, 'Plan actions');

	// Marie opens the name cell: Karim sees her initials on that cell while she types.
	const nameEditor = await edit(page, 'name', 'Salon Equip’Hôtel 2027');
	await expect(cell(other, 'name').getByTestId('cell-peer')).toContainText('MD');

	const daysEditor = await edit(other, 'personDays', '3,5');
	await daysEditor.press('Enter');
	await nameEditor.press('Enter');

	for (const p of [page, other]) {
		await expect(value(p, 'name')).toHaveText('Salon Equip’Hôtel 2027');
		await expect(value(p, 'personDays')).toHaveText('3,5');
	}
	await expect(cell(other, 'name').getByTestId('cell-peer')).toHaveCount(0);

	// A refused edit stays at the cell with the reason; Escape restores the stored value.
	const cost = await edit(page, 'plannedCost', '-20');
	await cost.press('Enter');
	await expect(cell(page, 'plannedCost').getByTestId('cell-error')).toContainText('négative');
	await cost.press('Escape');
	await expect(cell(page, 'plannedCost').getByTestId('cell-error')).toHaveCount(0);

	// Money is formatted for the locale on both screens; a select commits on change.
	await (await edit(page, 'plannedCost', '1200')).press('Enter');
	await expect(value(other, 'plannedCost')).toHaveText(/1\s200,00\s€/);
	await cell(other, 'owner').dblclick();
	await cell(other, 'owner').getByTestId('cell-editor').selectOption({ label: 'Karim Benali' });
	await expect(value(page, 'owner')).toHaveText('Karim Benali');
	await close();
});

test('both edit the same cell and converge to one value', async ({ browser, page }) => {
	const { other, close } = await twoEditors(browser, page, 'Plan conflit');
	const mine = await edit(page, 'name', 'Version de Marie');
	const theirs = await edit(other, 'name', 'Version de Karim');
	await Promise.all([mine.press('Enter'), theirs.press('Enter')]);

	await expect
		.poll(async () => {
			const [a, b] = [await value(page, 'name').textContent(), await value(other, 'name').textContent()];
			return a === b && ['Version de Marie', 'Version de Karim'].includes(a ?? '');
		})
		.toBe(true);
	await close();
});

test('a card dragged on the board changes status for the other person', async ({ browser, page }) => {
	const { other, close } = await twoEditors(browser, page, 'Plan kanban');
	await page.getByTestId('mode-board').click();
	await other.getByTestId('mode-board').click();
	await expect(other.getByTestId('board-column-todo').getByTestId('board-card')).toHaveCount(1);

	await page
		.getByTestId('board-column-todo')
		.getByTestId('board-card')
		.dragTo(page.getByTestId('board-column-in_progress'), { sourcePosition: { x: 12, y: 12 } });
	await expect(other.getByTestId('board-column-in_progress').getByTestId('board-card')).toHaveCount(1);
	await expect(other.getByTestId('board-column-todo').getByTestId('board-card')).toHaveCount(0);

	// The keyboard way: the card's status menu.
	await other.getByTestId('board-status').selectOption('done');
	await expect(page.getByTestId('board-column-done').getByTestId('board-card')).toHaveCount(1);
	await page.getByTestId('mode-table').click();
	await expect(value(page, 'status')).toHaveText('Terminée');
	await close();
});

test('the action table is keyboard navigable and has no axe violations', async ({ page }) => {
	await actionsOf(page, 'Plan axe actions');
	await expect(page.getByTestId('actions-empty')).toBeVisible();
	for (const name of ['Newsletter mensuelle', 'Salon professionnel', 'Campagne LinkedIn']) {
		await page.getByTestId('new-action-name').fill(name);
		await page.getByTestId('new-action-name').press('Enter');
	}
	await expect(page.getByTestId('action-row')).toHaveCount(3);

	// Arrows move the active cell, typing starts an edit, Enter commits, Tab moves on.
	await cell(page, 'workstream').click();
	await expect(cell(page, 'workstream')).toBeFocused();
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('ArrowLeft');
	await expect(cell(page, 'name')).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await page.keyboard.type('Salon Pro 2027');
	await page.keyboard.press('Enter');
	await expect(value(page, 'name', 1)).toHaveText('Salon Pro 2027');
	await page.keyboard.press('Enter');
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('action-row').nth(1).getByTestId('cell-name')).toBeFocused();

	// Search and filter.
	await page.getByTestId('action-search').fill('linkedin');
	await expect(page.getByTestId('action-row')).toHaveCount(1);
	await page.getByTestId('action-search').fill('');
	await expect(page.getByTestId('action-row')).toHaveCount(3);

	await expectNoAxeViolations(page);
	await page.getByTestId('mode-board').click();
	await expectNoAxeViolations(page);
});

test('rows pasted from a spreadsheet, bulk edit and delete, saved views, description', async ({ page }) => {
	await createPlan(page, 'Plan import');
	await enterAsFacilitator(page);
	await page.getByTestId('new-member-name').fill('Karim Benali');
	await page.getByTestId('add-member').click();
	await openSection(page, 'actions');

	await page.getByTestId('paste-open').click();
	await page
		.getByTestId('paste-text')
		.fill(
			[
				'Nom\tResponsable\tJours-homme\tDébut\tFin\tCoût',
				'Salon Equip’Hôtel\tKarim Benali\t4\t02/03/2027\t05/03/2027\t12 000',
				'Newsletter\t\t0,5\t\t\t',
				'Webinaire\tInconnu\t1\t\t\t',
				'Spot radio\t\tbeaucoup\t\t\t'
			].join('\n')
		);
	await expect(page.getByTestId('paste-preview')).toContainText('2 actions à créer, 2 lignes refusées.');
	await page.getByTestId('paste-create').click();
	await expect(page.getByTestId('paste-report')).toContainText('Ligne 4 : responsable inconnu');
	await expect(page.getByTestId('paste-report')).toContainText('Ligne 5 : nombre illisible');
	await page.getByTestId('paste-dialog').getByRole('button', { name: 'Fermer' }).last().click();
	await expect(page.getByTestId('action-row')).toHaveCount(2);
	await expect(value(page, 'plannedCost')).toHaveText(/12\s000,00\s€/);

	// Bulk: both to "En cours", then a saved view filtered on that status.
	await page.getByTestId('select-all').check();
	await page.getByTestId('bulk-status').selectOption('in_progress');
	await expect(page.getByTestId('action-row').getByTestId('cell-status')).toHaveText([
		'En cours',
		'En cours'
	]);
	await page.getByTestId('filter-status').locator('summary').click();
	await page.getByTestId('filter-status').getByLabel('Terminée').check();
	await expect(page.getByTestId('actions-no-match')).toBeVisible();
	await page.getByTestId('view-name').fill('Terminées');
	await page.getByTestId('view-save').click();
	await page.reload();
	await page.getByTestId('saved-views').selectOption('Terminées');
	await expect(page.getByTestId('actions-no-match')).toBeVisible();
	await page.getByTestId('saved-views').selectOption('');
	await expect(page.getByTestId('action-row')).toHaveCount(2);

	// The description opens the shared rich text editor.
	await cell(page, 'description').dblclick();
	await page.getByTestId('description-editor').click();
	await page.keyboard.type('Relancer les visiteurs du stand.');
	await page.getByTestId('cell-dialog').getByRole('button', { name: 'Terminé' }).click();
	await expect(value(page, 'description')).toHaveText('Relancer les visiteurs du stand.');

	await page.getByTestId('select-all').check();
	await page.getByTestId('bulk-delete').click();
	await page.getByTestId('bulk-delete-confirm').click();
	await expect(page.getByTestId('actions-empty')).toBeVisible();
});

test('a dependency that starts too early is flagged on the row', async ({ page }) => {
	await actionsOf(page, 'Plan dépendances');
	await pasteRows(
		page,
		'Nom\tDébut\tFin\nSalon\t10/03/2027\t12/03/2027\nRelance salon\t11/03/2027\t20/03/2027'
	);
	const relance = page.getByTestId('action-row').filter({ hasText: 'Relance salon' });
	await relance.getByTestId('cell-dependencies').dblclick();
	await page.getByTestId('cell-dialog').getByLabel('Salon', { exact: true }).check();
	await page.getByTestId('cell-dialog').getByRole('button', { name: 'Terminé' }).click();
	await expect(relance.getByTestId('cell-dependencies').getByTestId('cell-value')).toHaveText('Salon');
	await expect(relance.getByTestId('cell-conflict')).toBeVisible();
	// Moving the start after the prerequisite's end clears the flag.
	await relance.getByTestId('cell-start').dblclick();
	await relance.getByTestId('cell-editor').fill('2027-03-13');
	await relance.getByTestId('cell-editor').press('Enter');
	await expect(relance.getByTestId('cell-conflict')).toHaveCount(0);
});

test('rows grouped by month of start, and Delete clears the active cell', async ({ page }) => {
	await actionsOf(page, 'Plan groupes');
	await pasteRows(
		page,
		[
			'Nom\tDébut\tFin\tJours-homme',
			'Salon\t10/03/2027\t12/03/2027\t4',
			'Newsletter\t05/01/2027\t05/01/2027\t1',
			'Webinaire\t20/03/2027\t21/03/2027\t2',
			'Spot radio\t\t\t'
		].join('\n')
	);
	await expect(page.getByTestId('action-row')).toHaveCount(4);

	// Grouped by the month of their start, months in order, the undated last.
	await page.getByTestId('action-group').selectOption('start');
	const groups = page.getByTestId('group-row');
	await expect(groups).toHaveText([/Janvier 2027\s*1/, /Mars 2027\s*2/, /Sans date\s*1/]);

	// Delete on an active (not edited) cell clears it: the salon loses its start and changes group.
	const salon = page.getByTestId('action-row').filter({ hasText: 'Salon' });
	await salon.getByTestId('cell-start').click();
	await expect(salon.getByTestId('cell-start')).toBeFocused();
	await page.keyboard.press('Delete');
	await expect(groups).toHaveText([/Janvier 2027\s*1/, /Mars 2027\s*1/, /Sans date\s*2/]);
	await expect(salon.getByTestId('cell-start').getByTestId('cell-value')).toHaveText('—');
	await salon.getByTestId('cell-personDays').click();
	await page.keyboard.press('Backspace');
	await expect(salon.getByTestId('cell-personDays').getByTestId('cell-value')).toHaveText('—');

	// A required field is not cleared: the reason shows under the cell.
	await salon.getByTestId('cell-name').click();
	await page.keyboard.press('Delete');
	await expect(salon.getByTestId('cell-name').getByTestId('cell-error')).toContainText(
		'ne peut pas être vide'
	);
	await expect(salon.getByTestId('cell-name').getByTestId('cell-value')).toHaveText('Salon');
	await page.keyboard.press('ArrowRight');
	await expect(salon.getByTestId('cell-error')).toHaveCount(0);
});
