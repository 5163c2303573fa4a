// On a phone (390x844) the bottom navigation shows every section at once: none is clipped or hidden
// behind a sideways scroll, each label is readable in full (no ellipsis) in French and English, each link
// keeps its full name for screen readers, and the current one is marked.
import { createPlanAsFacilitator, openSection, expect, test, watchConsole } from './fixtures';

test.use({ viewport: { width: 390, height: 844 } });

test('the phone navigation shows all nine sections, none clipped', async ({ page }) => {
	const logs = watchConsole(page);
	await createPlanAsFacilitator(page, 'Plan de poche');
	const nav = page.locator('nav', { has: page.getByTestId('nav-settings') });
	for (const lang of ['fr', 'en']) {
		await page.getByTestId(`lang-${lang}`).click();
		const links = nav.getByRole('link');
		await expect(links).toHaveCount(9);
		for (const link of await links.all()) {
			await expect(link).toBeInViewport({ ratio: 1 });
			const label = link.locator('.nav-short');
			await expect(label).toBeVisible();
			// The whole label fits its link: nothing cut, no ellipsis.
			const fits = await label.evaluate((el) => {
				const box = el.getBoundingClientRect();
				const link = el.closest('a')!.getBoundingClientRect();
				return (
					el.scrollWidth <= el.clientWidth &&
					getComputedStyle(el).textOverflow !== 'ellipsis' &&
					box.left >= link.left - 0.5 &&
					box.right <= link.right + 0.5
				);
			});
			expect(fits, `${lang}: ${await label.innerText()}`).toBe(true);
		}
		expect(await nav.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
	}
	await page.getByTestId('lang-fr').click();
	await nav.getByRole('link', { name: 'Tableau de bord' }).click();
	await expect(nav.getByRole('link', { name: 'Tableau de bord' })).toHaveAttribute('aria-current', 'page');
	await openSection(page, 'settings');
	expect(logs).toEqual([]);
});
