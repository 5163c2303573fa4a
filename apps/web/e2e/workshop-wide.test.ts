// At 1440 px the workshop shows its whole agenda and every group with its whole name: nothing is cut
// off or hidden behind a sideways scroll (French, the longer labels, and English).
import { type Locator } from '@playwright/test';
import { createPlanAsFacilitator, openSection, expect, test, watchConsole } from './fixtures';

test.use({ viewport: { width: 1440, height: 900 } });

/** Whether the element shows all of its content (no overflow hidden or scrolled away). */
function fits(locator: Locator) {
	return locator.evaluate(
		(el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1
	);
}

const NAMES = [
	'Salons régionaux et foires professionnelles',
	'Prospection téléphonique des comptes dormants',
	'Partenariats avec les distributeurs',
	'Contenus LinkedIn et webinaires clients',
	'Programme de parrainage'
];

test('at 1440 px the agenda and every group name are shown whole', async ({ page }) => {
	const logs = watchConsole(page);
	await createPlanAsFacilitator(page, 'Plan grand écran');
	await openSection(page, 'workshop');
	await page.getByTestId('ws-step-grouping').click();
	await expect(page.getByTestId('workshop')).toHaveAttribute('data-phase', 'grouping');
	for (const name of NAMES) {
		await page.getByTestId('ws-group-name').fill(name);
		await page.getByTestId('ws-group-add').click();
	}
	await expect(page.getByTestId('ws-group')).toHaveCount(NAMES.length + 1);

	for (const lang of ['fr', 'en']) {
		await page.getByTestId(`lang-${lang}`).click();
		await page.getByTestId('ws-stepper').scrollIntoViewIfNeeded();
		expect(await fits(page.getByTestId('ws-stepper')), `stepper (${lang})`).toBe(true);
		for (const step of await page.getByTestId('ws-stepper').getByRole('button').all()) {
			await expect(step).toBeInViewport({ ratio: 1 });
		}
		expect(await fits(page.getByTestId('ws-board')), `board (${lang})`).toBe(true);
		const fields = page.getByRole('textbox', { name: lang === 'fr' ? 'Nom du groupe' : 'Group name' });
		await expect(fields).toHaveCount(NAMES.length);
		for (const field of await fields.all()) {
			expect(await fits(field), await field.inputValue()).toBe(true);
		}
	}
	expect(logs).toEqual([]);
});
