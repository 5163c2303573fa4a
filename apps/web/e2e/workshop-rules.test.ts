// The kickoff workshop's rules, live, in French: a facilitator and two participants. Locked editing (the
// participants cannot add, edit nor move ideas, and the interface says why), anonymity (no author name on
// anyone's screen), resetting the votes (every total back to zero) and a second round on the top N ideas
// (only those can be voted).
import { type Browser, type Page } from '@playwright/test';
import { createPlanAsFacilitator, expect, joinSynced, openSection, test } from './fixtures';

test.setTimeout(60_000);

async function join(browser: Browser, url: string, name: string) {
	const page = await joinSynced(browser, url, name);
	await openSection(page, 'workshop');
	await expect(page.getByTestId('workshop')).toBeVisible();
	return { page, close: () => page.context().close() };
}

/** A facilitator (this page) and two participants who joined with the editor invite. */
async function room(browser: Browser, page: Page, title: string) {
	const { editorLink } = await createPlanAsFacilitator(page, title);
	await openSection(page, 'workshop');
	await expect(page.getByTestId('ws-console')).toBeVisible();
	const karim = await join(browser, editorLink, 'Karim Benali');
	const sophie = await join(browser, editorLink, 'Sophie Martin');
	await expect(page.getByTestId('ws-attendance')).toContainText('Présents : 2');
	return { karim, sophie };
}

function phaseIs(page: Page, phase: string) {
	return expect(page.getByTestId('workshop')).toHaveAttribute('data-phase', phase);
}

async function write(page: Page, title: string) {
	await page.getByTestId('ws-idea-input').fill(title);
	await page.getByTestId('ws-idea-add').click();
	await expect(page.getByTestId('ws-my-idea').filter({ hasText: title })).toHaveCount(1);
}

const NAMES = /Karim|Sophie|Marie/;

test('anonymity hides every author; locked editing stops the participants and says why', async ({
	browser,
	page
}) => {
	const { karim, sophie } = await room(browser, page, 'Atelier anonyme');
	const people = [karim.page, sophie.page];
	const everyone = [page, ...people];

	// Anonymous from the start: silent writing, then the reveal.
	await page.getByTestId('ws-anonymous').check();
	await page.getByTestId('ws-step-silentWriting').click();
	for (const p of everyone) await phaseIs(p, 'silentWriting');
	await write(karim.page, 'Relancer les clients inactifs');
	await write(sophie.page, 'Stand au salon Equip’Hôtel');
	await page.getByTestId('ws-step-reveal').click();
	for (const p of everyone) await expect(p.getByTestId('ws-idea')).toHaveCount(2);
	// No author on anyone's screen, the facilitator's included.
	for (const p of everyone) {
		await expect(p.getByTestId('ws-idea-author')).toHaveCount(0);
		await expect(p.getByTestId('ws-ideas')).not.toContainText(NAMES);
	}

	// Not anonymous any more: an idea added now carries its author, shown to the others...
	await page.getByTestId('ws-anonymous').uncheck();
	await karim.page.getByTestId('ws-view-write').click();
	await write(karim.page, 'Webinaire de démonstration');
	await karim.page.getByTestId('ws-follow').click();
	const webinar = (p: Page) => p.getByTestId('ws-idea').filter({ hasText: 'Webinaire' });
	await expect(webinar(sophie.page).getByTestId('ws-idea-author')).toHaveText('Karim Benali');
	// ...until anonymity is on again: then every name goes, on every screen.
	await page.getByTestId('ws-anonymous').check();
	for (const p of everyone) {
		await expect(webinar(p)).toHaveCount(1);
		await expect(p.getByTestId('ws-idea-author')).toHaveCount(0);
		await expect(p.getByTestId('ws-ideas')).not.toContainText(NAMES);
	}

	// Locked: the participants can neither add, edit nor move an idea, and are told why.
	await page.getByTestId('ws-step-grouping').click();
	await page.getByTestId('ws-group-name').fill('Prospection');
	await page.getByTestId('ws-group-add').click();
	await expect(karim.page.getByTestId('ws-group')).toHaveCount(2);
	await expect(karim.page.getByTestId('ws-move')).toHaveCount(3);
	await page.getByTestId('ws-lock').check();
	for (const p of people) {
		await phaseIs(p, 'grouping');
		await expect(p.getByTestId('ws-locked-note')).toContainText('verrouillé');
		await expect(p.getByTestId('ws-move')).toHaveCount(0);
		await expect(p.getByTestId('ws-board-idea').first()).toHaveAttribute('draggable', 'false');
		await expect(p.getByTestId('ws-board')).not.toContainText(NAMES);
	}
	await sophie.page.getByTestId('ws-view-write').click();
	await expect(sophie.page.getByTestId('ws-locked-note')).toBeVisible();
	await expect(sophie.page.getByTestId('ws-idea-input')).toBeDisabled();
	await expect(sophie.page.getByTestId('ws-idea-add')).toBeDisabled();
	await sophie.page.getByTestId('ws-view-ideas').click();
	await expect(sophie.page.getByTestId('ws-locked-note')).toBeVisible();
	await expect(sophie.page.getByRole('button', { name: /^Modifier/ })).toHaveCount(0);
	// The facilitator still works: moves an idea; the participants see it.
	await expect(page.getByTestId('ws-locked-note')).toHaveCount(0);
	await page
		.getByTestId('ws-board-idea')
		.filter({ hasText: 'Relancer' })
		.getByTestId('ws-move')
		.selectOption({ label: 'Prospection' });
	await expect(karim.page.getByTestId('ws-group').nth(1).getByTestId('ws-board-idea')).toHaveCount(1);

	// Unlocked: the participants get their tools back.
	await page.getByTestId('ws-lock').uncheck();
	await expect(karim.page.getByTestId('ws-locked-note')).toHaveCount(0);
	await expect(karim.page.getByTestId('ws-move')).toHaveCount(3);

	for (const p of [karim, sophie]) await p.close();
});

test('resetting the votes zeroes every total; a second round opens only the top N ideas', async ({
	browser,
	page
}) => {
	const { karim, sophie } = await room(browser, page, 'Atelier votes');
	const people = [karim.page, sophie.page];
	const everyone = [page, ...people];

	await page.getByTestId('ws-step-silentWriting').click();
	await phaseIs(page, 'silentWriting');
	for (const title of ['Relancer les clients inactifs', 'Stand au salon', 'Webinaire'])
		await write(page, title);
	await page.getByTestId('ws-step-reveal').click();
	for (const p of everyone) await expect(p.getByTestId('ws-idea')).toHaveCount(3);
	await page.getByTestId('ws-step-voting').click();

	const ballot = (p: Page, title: string) => p.getByTestId('ws-ballot-idea').filter({ hasText: title });
	async function vote(p: Page, title: string, left: string) {
		await ballot(p, title).getByTestId('ws-vote').click();
		await expect(p.getByTestId('ws-votes-left')).toHaveText(left);
	}
	const total = (p: Page, title: string) =>
		p.getByTestId('ws-vote-total').filter({ hasText: title }).getByTestId('ws-vote-count');

	await vote(karim.page, 'Relancer', '4');
	await vote(karim.page, 'Relancer', '3');
	await vote(sophie.page, 'Stand', '4');
	await vote(sophie.page, 'Webinaire', '3');
	await page.getByTestId('ws-reveal-votes').click();
	for (const p of everyone) await expect(total(p, 'Relancer')).toHaveText('2');

	// Reset: every vote goes, hidden and published; revealed again, every total is zero.
	await page.getByTestId('ws-reset-votes').click();
	for (const p of everyone) await expect(p.getByTestId('ws-vote-results')).toHaveCount(0);
	for (const p of people) await expect(p.getByTestId('ws-votes-left')).toHaveText('5');
	await page.getByTestId('ws-reveal-votes').click();
	for (const p of everyone) {
		await expect(p.getByTestId('ws-vote-results')).toBeVisible();
		await expect(p.getByTestId('ws-vote-total')).toHaveCount(0);
	}
	await page.getByTestId('ws-reset-votes').click();
	for (const p of everyone) await expect(p.getByTestId('ws-vote-results')).toHaveCount(0);

	// A new vote: Relancer 3, Stand 1, Webinaire 0.
	await vote(karim.page, 'Relancer', '4');
	await vote(karim.page, 'Relancer', '3');
	await vote(sophie.page, 'Relancer', '4');
	await vote(sophie.page, 'Stand', '3');
	await page.getByTestId('ws-reveal-votes').click();
	for (const p of everyone) {
		await expect(total(p, 'Relancer')).toHaveText('3');
		await expect(total(p, 'Stand')).toHaveText('1');
	}

	// Second round on the top 2: only those are on the ballot; the budget is whole again.
	await page.getByLabel('Idées gardées').fill('2');
	await page.getByTestId('ws-second-round').click();
	for (const p of people) {
		await expect(p.getByTestId('ws-ballot-idea')).toHaveCount(2);
		await expect(ballot(p, 'Webinaire')).toHaveCount(0);
		await expect(p.getByTestId('ws-votes-left')).toHaveText('5');
	}
	await vote(karim.page, 'Stand', '4');
	await vote(sophie.page, 'Stand', '4');
	await page.getByTestId('ws-reveal-votes').click();
	for (const p of everyone) {
		await expect(total(p, 'Stand')).toHaveText('2');
		await expect(p.getByTestId('ws-vote-total')).toHaveCount(1);
	}

	for (const p of [karim, sophie]) await p.close();
});
