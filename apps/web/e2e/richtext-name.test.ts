// A rich text's accessible name follows its objective's title live (issue #25: it kept the old title until
// a reload), in the browser that renamed it and in another one.
import { addObjectives, createPlanAsFacilitator, expect, joinSynced, openSection, test } from './fixtures';

test('renaming an objective renames its rationale’s accessible name in both browsers', async ({
	page,
	browser
}) => {
	const { editorLink } = await createPlanAsFacilitator(page, 'PAC 2027', 'Marie Dupont');
	await addObjectives(page);
	const bruno = await joinSynced(browser, editorLink, 'Bruno Martin');
	await openSection(bruno, 'objectives');
	const named = (p: typeof page, name: string) =>
		p.getByRole('textbox', { name: `Justification de ${name}` });
	await expect(named(bruno, 'Recruter 200 nouveaux clients')).toHaveCount(1);

	const title = page.getByTestId('mo-name').first();
	await title.fill('Fidéliser 50 clients grands comptes');
	await title.press('Enter');
	for (const p of [page, bruno]) {
		await expect(named(p, 'Fidéliser 50 clients grands comptes')).toHaveCount(1);
		await expect(named(p, 'Recruter 200 nouveaux clients')).toHaveCount(0);
	}
	await bruno.context().close();
});
