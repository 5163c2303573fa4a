// The whole kickoff flow as a real room runs it (French UI): a facilitator, two editors, a commenter and a
// phone (390x844) that joins with the room code. Silent writing keeps the phone's typed words, the board
// is grouped live, everyone votes, the winner becomes an action every editor sees, and no browser logs a
// single console error or warning along the way.
import { type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { createPlanAsFacilitator, joinSynced, openSection, expect, test, watchConsole } from './fixtures';

test.setTimeout(150_000);
// The service worker runs here as it does for everyone (the config blocks it elsewhere, for speed).
test.use({ serviceWorkers: 'allow' });

/** Each person's console errors and warnings (watchConsole): the test ends by asserting there were none. */
const watched: Array<[who: string, messages: string[]]> = [];

function watch(page: Page, who: string) {
	watched.push([who, watchConsole(page)]);
}

async function join(browser: Browser, link: string, name: string, options?: BrowserContextOptions) {
	const page = await joinSynced(browser, link, name, options);
	watch(page, name);
	await openSection(page, 'workshop');
	await expect(page.getByTestId('workshop')).toBeVisible();
	return page;
}

function phaseIs(page: Page, phase: string) {
	return expect(page.getByTestId('workshop')).toHaveAttribute('data-phase', phase);
}

async function write(page: Page, title: string) {
	await page.getByTestId('ws-idea-input').fill(title);
	await page.getByTestId('ws-idea-add').click();
	await expect(page.getByTestId('ws-my-idea').filter({ hasText: title })).toHaveCount(1);
}

test('facilitator, two editors, a commenter and a phone run the workshop end to end, console clean', async ({
	browser,
	page
}) => {
	watch(page, 'Marie');
	const { editorLink, commenterLink } = await createPlanAsFacilitator(page, 'PAC 2027 — salle complète');
	await openSection(page, 'workshop');
	const karim = await join(browser, editorLink, 'Karim Benali');
	const sophie = await join(browser, editorLink, 'Sophie Martin');
	const paul = await join(browser, commenterLink, 'Paul Commercial');
	await page.getByTestId('ws-code-create').click();
	const code = (await page.getByTestId('ws-code').textContent())?.trim() ?? '';
	expect(code).toMatch(/^[A-Z2-9]{8}$/);
	const lucas = await join(browser, `/code/${code}`, 'Lucas Petit', {
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true
	});
	const everyone = [page, karim, sophie, paul, lucas];
	await expect(page.getByTestId('ws-attendance')).toContainText('Présents : 4');

	// Silent writing: three ideas added, the phone's last one typed but not added.
	await page.getByTestId('ws-step-silentWriting').click();
	for (const p of everyone) await phaseIs(p, 'silentWriting');
	await write(karim, 'Salon Equip’Hôtel');
	await write(paul, 'Témoignages clients');
	await write(lucas, 'Webinaire mensuel');
	await lucas.getByTestId('ws-idea-input').fill('Relancer les clients dormants');
	const lucasRow = page.getByTestId('ws-person').filter({ hasText: 'Lucas Petit' });
	await expect(lucasRow.getByTestId('ws-person-ideas')).toHaveText('Idées : 1');
	await expect(lucasRow.getByTestId('ws-person-typing')).toBeVisible();
	await expect(page.locator('body')).not.toContainText('Relancer');

	// The reveal publishes all four, the typed one included.
	await page.getByTestId('ws-step-reveal').click();
	for (const p of everyone) await expect(p.getByTestId('ws-idea')).toHaveCount(4);
	await expect(page.getByTestId('ws-idea').filter({ hasText: 'Relancer les clients dormants' })).toHaveCount(
		1
	);

	// Grouping: an editor makes a group and moves an idea; everyone sees it.
	await page.getByTestId('ws-step-grouping').click();
	for (const p of everyone) await phaseIs(p, 'grouping');
	await sophie.getByTestId('ws-group-name').fill('Prospection');
	await sophie.getByTestId('ws-group-add').click();
	await sophie
		.getByTestId('ws-board-idea')
		.filter({ hasText: 'Relancer' })
		.getByTestId('ws-move')
		.selectOption({ label: 'Prospection' });
	for (const p of [page, karim, paul]) {
		await expect(p.getByTestId('ws-group').nth(1).getByTestId('ws-board-idea')).toHaveCount(1);
	}

	// Voting: the editors, the commenter and the phone vote; the facilitator reveals the totals.
	await page.getByTestId('ws-step-voting').click();
	const ballot = (p: Page, title: string) => p.getByTestId('ws-ballot-idea').filter({ hasText: title });
	for (const [p, title] of [
		[karim, 'Equip’Hôtel'],
		[sophie, 'Equip’Hôtel'],
		[paul, 'Témoignages'],
		[lucas, 'Equip’Hôtel']
	] as const) {
		await ballot(p, title).getByTestId('ws-vote').click();
		await expect(p.getByTestId('ws-votes-left')).toHaveText('4');
	}
	await expect(page.getByTestId('ws-voted-count')).toHaveText('Ont voté : 4');
	await page.getByTestId('ws-reveal-votes').click();
	const total = (p: Page, title: string) =>
		p.getByTestId('ws-vote-total').filter({ hasText: title }).getByTestId('ws-vote-count');
	for (const p of everyone) await expect(total(p, 'Equip’Hôtel')).toHaveText('3');

	// Promotion: the winner becomes an action the editors see in their table.
	await page.getByTestId('ws-step-promotion').click();
	for (const p of everyone) await phaseIs(p, 'promotion');
	await page
		.getByTestId('ws-promote-idea')
		.filter({ hasText: 'Equip’Hôtel' })
		.getByTestId('ws-promote-check')
		.check();
	await page.getByTestId('ws-promote').click();
	await expect(page.getByTestId('ws-promoted')).toContainText('Actions créées : 1');
	await openSection(karim, 'actions');
	await expect(karim.getByTestId('action-row').filter({ hasText: 'Equip’Hôtel' })).toHaveCount(1);

	for (const p of [karim, sophie, paul, lucas]) await p.context().close();
	expect(watched.flatMap(([who, messages]) => messages.map((text) => `${who}: ${text}`))).toEqual([]);
});
