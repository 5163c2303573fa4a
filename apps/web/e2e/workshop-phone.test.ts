// The workshop on a phone (390x844), issue #9: the revealed ideas come before the filters, which fold
// behind one button; scoring goes one idea at a time with its progress, a jump to the ideas not yet scored
// and a summary; the impact/effort matrix draws numbered dots that never overlap (390 and 1440 px), the
// titles in a legend under it. Wide screens keep the filters and the scoring cards side by side.
import { type Browser, type Locator, type Page } from '@playwright/test';
import {
	createPlanAsFacilitator,
	expect,
	expectNoAxeViolations,
	joinSynced,
	openSection,
	test
} from './fixtures';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function joinPhone(browser: Browser, link: string, name: string): Promise<Page> {
	const page = await joinSynced(browser, link, name, PHONE);
	await openSection(page, 'workshop');
	await expect(page.getByTestId('workshop')).toBeVisible();
	return page;
}

/** The facilitator writes `titles` during silent writing, then reveals them. */
async function writeAndReveal(page: Page, titles: string[]) {
	await page.getByTestId('ws-step-silentWriting').click();
	await expect(page.getByTestId('workshop')).toHaveAttribute('data-phase', 'silentWriting');
	for (const [i, title] of titles.entries()) {
		await page.getByTestId('ws-idea-input').fill(title);
		await page.getByTestId('ws-idea-input').press('Enter');
		await expect(page.getByTestId('ws-my-idea')).toHaveCount(i + 1);
	}
	await page.getByTestId('ws-step-reveal').click();
	await expect(page.getByTestId('ws-idea')).toHaveCount(titles.length);
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
	return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function boxes(locator: Locator) {
	const out = [];
	for (const el of await locator.all()) {
		const box = await el.boundingBox();
		expect(box).not.toBeNull();
		if (box) out.push(box);
	}
	return out;
}

/** Asserts that no two of the boxes intersect; names the first pair that does. */
function expectDisjoint(list: { x: number; y: number; width: number; height: number }[], what: string) {
	for (let i = 0; i < list.length; i++) {
		for (let j = i + 1; j < list.length; j++) {
			const a = list[i];
			const b = list[j];
			if (a && b) expect(overlaps(a, b), `${what}: ${i + 1} and ${j + 1} overlap`).toBe(false);
		}
	}
}

test('on a phone the revealed ideas come first and the filters fold behind one button', async ({
	browser,
	page
}) => {
	const { editorLink } = await createPlanAsFacilitator(page, 'Atelier de poche');
	await openSection(page, 'workshop');
	const phone = await joinPhone(browser, editorLink, 'Lucas Petit');
	await writeAndReveal(page, ['Relancer les clients inactifs', 'Stand au salon Equip’Hôtel', 'Webinaire']);

	await phone.getByTestId('ws-view-ideas').scrollIntoViewIfNeeded();
	await expect(phone.getByTestId('ws-idea')).toHaveCount(3);
	// The ideas are on screen without scrolling further; no filter control shows yet, only the button.
	await phone.evaluate(() => window.scrollTo(0, 0));
	await expect(phone.getByTestId('ws-idea').first()).toBeInViewport({ ratio: 1 });
	const toggle = phone.getByTestId('ws-filters-toggle');
	await expect(toggle).toHaveText('Filtres');
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	for (const id of ['ws-filter-lever', 'ws-filter-channel', 'ws-filter-target', 'ws-filter-objective']) {
		await expect(phone.getByTestId(id)).toBeHidden();
	}
	await expect(phone.getByRole('searchbox')).toBeHidden();
	const ideaTop = (await phone.getByTestId('ws-idea').first().boundingBox())?.y ?? 0;
	const toggleBox = await toggle.boundingBox();
	expect(toggleBox && toggleBox.y + toggleBox.height).toBeLessThanOrEqual(ideaTop);

	// Opened, the filters work; Escape folds them and gives the focus back to the button, which counts them.
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	await phone.getByRole('searchbox').fill('salon');
	await phone.getByLabel('Trier par').selectOption('title');
	await expect(phone.getByTestId('ws-idea')).toHaveCount(1);
	await expectNoAxeViolations(phone);
	await phone.getByRole('searchbox').press('Escape');
	await expect(phone.getByRole('searchbox')).toBeHidden();
	await expect(toggle).toBeFocused();
	await expect(toggle).toHaveText('Filtres (1)');
	await expect(phone.getByTestId('ws-idea')).toHaveText([/Equip’Hôtel/]);
	await toggle.press('Enter');
	await phone.getByTestId('ws-filter-lever').selectOption({ index: 1 });
	await phone.keyboard.press('Escape');
	await expect(phone.getByTestId('ws-filter-lever')).toBeHidden();
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	await expect(toggle).toHaveText('Filtres (2)');
	await phone.getByTestId('lang-en').click();
	await expect(toggle).toHaveText('Filters (2)');

	// On a wide screen the filters stay in sight and no button folds them.
	await expect(page.getByTestId('ws-filter-lever')).toBeVisible();
	await expect(page.getByTestId('ws-filters-toggle')).toBeHidden();
	await phone.context().close();
});

test('on a phone scoring goes one idea at a time, with a summary at the end', async ({ browser, page }) => {
	const { editorLink } = await createPlanAsFacilitator(page, 'Atelier notation');
	await openSection(page, 'workshop');
	const phone = await joinPhone(browser, editorLink, 'Lucas Petit');
	const titles = ['Relancer les clients inactifs', 'Stand au salon', 'Webinaire', 'Offre de parrainage'];
	await writeAndReveal(page, titles);
	await page.getByTestId('ws-step-scoring').click();
	await expect(page.getByText('Ont noté : 0')).toBeVisible();

	const card = phone.getByTestId('ws-score-idea');
	const progress = phone.getByTestId('ws-score-progress');
	const next = phone.getByRole('button', { name: 'Suivante' });
	await expect(card.filter({ visible: true })).toHaveCount(1);
	await expect(progress).toHaveText('1 / 4');
	await expect(phone.getByRole('button', { name: 'Précédente' })).toBeDisabled();

	// The first idea with the keyboard only: every criterion, then on to the next.
	const first = card.filter({ visible: true });
	await expect(first.getByRole('heading')).toHaveText(titles[0] ?? '');
	await first.getByLabel('Impact').focus();
	await phone.keyboard.press('ArrowRight');
	await phone.keyboard.press('ArrowRight');
	await expect(first.locator('output[for$="-impact"]')).toHaveText('2');
	await expect(page.getByText('Ont noté : 1')).toBeVisible();
	for (const input of await first.getByRole('slider').all()) {
		if ((await input.getAttribute('id'))?.endsWith('-impact') === false) await input.fill('3');
	}
	await expect(first.locator('output[for$="-impact"]')).toHaveText('2');
	await next.focus();
	await phone.keyboard.press('Enter');
	await expect(progress).toHaveText('2 / 4');
	await expectNoAxeViolations(phone);

	// The second is scored, the third skipped, the fourth scored: the summary shows the skipped one.
	for (const i of [1, 2, 3]) {
		const shown = card.filter({ visible: true });
		await expect(shown.getByRole('heading')).toHaveText(titles[i] ?? '');
		if (i !== 2) for (const input of await shown.getByRole('slider').all()) await input.fill('4');
		await next.click();
	}
	const summary = phone.getByTestId('ws-score-summary');
	await expect(summary).toBeVisible();
	await expect(card.filter({ visible: true })).toHaveCount(0);
	await expect(summary).toContainText('Idées notées : 3 sur 4');
	await expectNoAxeViolations(phone);
	await phone.getByRole('button', { name: 'Aller aux idées non notées' }).click();
	await expect(progress).toHaveText('3 / 4');
	const third = card.filter({ visible: true });
	await expect(third.getByRole('heading')).toHaveText(titles[2] ?? '');
	for (const input of await third.getByRole('slider').all()) await input.fill('1');
	await phone.getByRole('button', { name: 'Résumé' }).click();
	await expect(phone.getByRole('heading', { name: 'Vos notes' })).toBeFocused();
	await expect(summary).toContainText('Idées notées : 4 sur 4');
	await expect(phone.getByRole('button', { name: 'Aller aux idées non notées' })).toHaveCount(0);
	await phone.getByTestId('lang-en').click();
	await expect(summary).toContainText('Ideas scored: 4 of 4');
	await expect(page.getByText('Ont noté : 1')).toBeVisible();

	// On a wide screen every card stays in sight, without the one-at-a-time controls.
	await expect(page.getByTestId('ws-score-idea')).toHaveCount(4);
	for (const c of await page.getByTestId('ws-score-idea').all()) await expect(c).toBeVisible();
	await expect(page.getByTestId('ws-score-progress')).toBeHidden();
	await phone.context().close();
});

test('the impact/effort matrix never overlaps its labels, on a phone and at 1440 px', async ({ page }) => {
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 390, height: 844 });
	await createPlanAsFacilitator(page, 'Atelier matrice');
	await openSection(page, 'workshop');
	const titles = Array.from(
		{ length: 20 },
		(_, i) =>
			`Idée ${i + 1} : campagne de relance multicanale des distributeurs régionaux et des grands comptes`
	);
	await writeAndReveal(page, titles);
	await page.getByTestId('ws-step-scoring').click();
	// Only four different impacts and two efforts: many ideas land on the same spot.
	for (let i = 0; i < titles.length; i++) {
		const shown = page.getByTestId('ws-score-idea').filter({ visible: true });
		await expect(page.getByTestId('ws-score-progress')).toHaveText(`${i + 1} / 20`);
		await shown.getByLabel('Impact').fill(String((i % 4) + 2));
		await expect(shown.locator('output[for$="-impact"]')).toHaveText(String((i % 4) + 2));
		if (i % 2) await shown.getByLabel('Budget').fill('5');
		await page.getByRole('button', { name: 'Suivante' }).click();
	}
	await page.getByTestId('ws-reveal-scores').click();
	const matrix = page.getByTestId('ws-matrix');
	await expect(matrix.getByTestId('ws-matrix-point')).toHaveCount(20);
	await expect(page.getByTestId('ws-matrix-legend').getByRole('listitem')).toHaveCount(20);

	for (const size of [
		{ width: 390, height: 844 },
		{ width: 1440, height: 900 }
	]) {
		await page.setViewportSize(size);
		await matrix.scrollIntoViewIfNeeded();
		const points = await boxes(matrix.getByTestId('ws-matrix-point'));
		expectDisjoint(points, `points at ${size.width} px`);
		const axes = await boxes(matrix.getByTestId('ws-matrix-axis'));
		expect(axes).toHaveLength(3);
		expectDisjoint([...axes, ...points], `axis labels and points at ${size.width} px`);
		const svg = await matrix.boundingBox();
		for (const box of [...axes, ...points]) {
			expect(box.height, 'readable text').toBeGreaterThanOrEqual(11);
			expect(box.x).toBeGreaterThanOrEqual(svg?.x ?? 0);
			expect(box.x + box.width).toBeLessThanOrEqual((svg?.x ?? 0) + (svg?.width ?? 0) + 0.5);
		}
		expect(svg && svg.x + svg.width).toBeLessThanOrEqual(size.width);
		const legend = await boxes(page.getByTestId('ws-matrix-legend').getByRole('listitem'));
		expectDisjoint(legend, `legend at ${size.width} px`);
	}
	await expect(page.getByTestId('ws-matrix-legend').getByRole('listitem').first()).toContainText(
		'grands comptes'
	);
});
