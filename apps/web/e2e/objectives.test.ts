// Objectives co-written live: the outline, the SMART check, progress, and two people typing in the same
// rationale paragraph at once; plus axe on the section.
import {
	addObjectives,
	createPlanAsFacilitator,
	expect,
	expectNoAxeViolations,
	joinSynced,
	openSection,
	test
} from './fixtures';

test('outline, SMART check and progress', async ({ page }) => {
	await createPlanAsFacilitator(page, 'Plan objectifs');
	await addObjectives(page);
	const mo = page.getByTestId('marketing-objective').first();
	await expect(mo.getByTestId('smart-issue')).toContainText(['Mesurable : ajoutez un résultat cible']);
	await expect(mo.getByTestId('mo-no-action')).toBeVisible();

	await mo.getByTestId('new-kr-kpi').fill('Nouveaux clients');
	await mo.getByTestId('add-kr').click();
	await expect(mo.getByTestId('smart-issue').filter({ hasText: 'pas de valeur cible' })).toBeVisible();
	// "Fix" focuses the target field in place.
	await mo
		.getByTestId('smart-issue')
		.filter({ hasText: 'pas de valeur cible' })
		.getByTestId('smart-fix')
		.click();
	const target = mo.getByTestId('kr-target');
	await expect(target).toBeFocused();
	await target.fill('200');
	await target.press('Enter');
	await mo.getByTestId('kr-current').fill('50');
	await mo.getByTestId('kr-current').press('Enter');
	await expect(mo.getByTestId('kr-progress')).toHaveAttribute('data-value', '25');
	await expect(mo.getByTestId('kr-progress')).toContainText('25');
	const year = (await page.getByTestId('plan-title').locator('..').locator('.plan-meta').innerText()).slice(
		0,
		4
	);
	await mo.getByTestId('mo-end-date').fill(`${year}-12-31`);
	await mo.getByTestId('mo-end-date').press('Enter');
	await expect(mo.getByTestId('smart-ok')).toBeVisible();

	// A second objective, reordered from the keyboard; deleting it is undone from the toast.
	await page.getByTestId('add-marketing').click();
	await page.getByTestId('mo-name').nth(1).fill('Notoriété régionale');
	await page.getByTestId('mo-name').nth(1).press('Enter');
	await page.getByTestId('mo-up').nth(1).click();
	await expect(page.getByTestId('mo-name').first()).toHaveValue('Notoriété régionale');
	await page.getByTestId('mo-name').first().press('Alt+ArrowDown');
	await expect(page.getByTestId('mo-name').first()).toHaveValue('Recruter 200 nouveaux clients');
	await page.getByTestId('mo-remove').nth(1).click();
	await expect(page.getByTestId('marketing-objective')).toHaveCount(1);
	await page.getByTestId('undo').click();
	await expect(page.getByTestId('marketing-objective')).toHaveCount(2);

	await expectNoAxeViolations(page);
});

test('two people type in the same rationale paragraph at once', async ({ page, browser }) => {
	const { editorLink } = await createPlanAsFacilitator(page, 'Plan rationale');
	await addObjectives(page);
	const other = await joinSynced(browser, editorLink, 'Alice Martin', { locale: 'fr-FR' });
	await openSection(other, 'objectives');

	const mine = page.getByTestId('mo-rationale').first();
	const theirs = other.getByTestId('mo-rationale').first();
	await mine.click();
	await page.keyboard.type('Base');
	await expect(theirs).toContainText('Base');
	await theirs.click();
	await other.keyboard.press('Home');
	// Both type into the same paragraph concurrently, one at each end of it. (Both at the very same spot,
	// a run on a machine slowed 2.3x once moved one letter of one word after the other's word: the words
	// both arrived, not in the order typed. Not reproduced since; see README, "Known rough edges".)
	await Promise.all([
		page.keyboard.type(' clients fidèles', { delay: 20 }),
		other.keyboard.type('Notre ', { delay: 20 })
	]);
	// The same text on both screens, the carets (which carry names) left out.
	const text = (editor: typeof mine) =>
		editor.evaluate((el) => {
			const copy = el.cloneNode(true) as HTMLElement;
			copy.querySelectorAll('.rt-caret').forEach((c) => c.remove());
			return copy.textContent;
		});
	for (const editor of [mine, theirs])
		await expect.poll(() => text(editor)).toBe('Notre Base clients fidèles');
	await expect(mine.locator('p')).toHaveCount(1);
	// Each sees the other's caret, in the other's colour (never transparent), with the other's name.
	for (const [editor, name] of [
		[mine, 'Alice Martin'],
		[theirs, 'Marie Dupont']
	] as const) {
		const caret = editor.locator('.rt-caret').filter({ hasText: name });
		await expect(caret).toBeVisible();
		await expect(caret).not.toHaveCSS('border-left-color', 'rgba(0, 0, 0, 0)');
		await expect(caret.locator('.rt-caret-label')).not.toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
	}
	await other.context().close();
});
