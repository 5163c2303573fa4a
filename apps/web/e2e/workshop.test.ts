// The kickoff workshop, live, in French: a facilitator and three participants (one on a 375px phone,
// joined with the room's short code) go from the brief to promoted actions. Checks the countdown is the
// same on every screen, that silent-writing ideas and votes stay hidden until the reveal, the vote totals,
// the promoted actions, and axe on the facilitator and phone views.
import { type Browser, type Page } from '@playwright/test';
import {
	createPlanAsFacilitator,
	expect,
	expectNoAxeViolations,
	joinSynced,
	openSection,
	test
} from './fixtures';

test.setTimeout(120_000);

const axe = expectNoAxeViolations;

async function join(browser: Browser, url: string, name: string, phone = false) {
	const page = await joinSynced(
		browser,
		url,
		name,
		phone ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } : {}
	);
	await openSection(page, 'workshop');
	await expect(page.getByTestId('workshop')).toBeVisible();
	return { page, close: () => page.context().close() };
}

/** WS_SHOTS=dir saves French and English screenshots of the screens along the way (to look at them). */
async function shot(page: Page, name: string) {
	const dir = process.env.WS_SHOTS;
	if (!dir) return;
	await page.screenshot({ path: `${dir}/${name}-fr.png`, fullPage: true });
	await page.getByTestId('lang-en').click();
	await page.screenshot({ path: `${dir}/${name}-en.png`, fullPage: true });
	await page.getByTestId('lang-fr').click();
}

function seconds(text: string | null): number {
	const [m, s] = (text ?? '').split(':').map(Number);
	return (m ?? 0) * 60 + (s ?? 0);
}

function phaseIs(page: Page, phase: string) {
	return expect(page.getByTestId('workshop')).toHaveAttribute('data-phase', phase);
}

test('a facilitator and three participants run the workshop from brief to actions', async ({
	browser,
	page
}) => {
	// The facilitator creates the plan and opens the workshop.
	const { editorLink } = await createPlanAsFacilitator(page, 'PAC 2027 — atelier');
	await openSection(page, 'workshop');
	await expect(page.getByTestId('ws-console')).toBeVisible();

	// Two participants join with the editor invite, the third with the room's short code on a phone.
	const karim = await join(browser, editorLink, 'Karim Benali');
	const sophie = await join(browser, editorLink, 'Sophie Martin');
	await page.getByTestId('ws-code-create').click();
	const code = (await page.getByTestId('ws-code').textContent())?.trim() ?? '';
	expect(code).toMatch(/^[A-Z2-9]{8}$/);
	const lucas = await join(browser, `/code/${code}`, 'Lucas Petit', true);
	const people = [karim.page, sophie.page, lucas.page];
	const everyone = [page, ...people];
	await expect(page.getByTestId('ws-attendance')).toContainText('Présents : 3');

	// Brief: the question reaches every screen.
	await page.getByTestId('ws-prompt-text').fill('Comment gagner 200 nouveaux clients ?');
	await page.getByTestId('ws-prompt-add').click();
	await page.getByTestId('ws-step-brief').click();
	for (const p of people)
		await expect(p.getByTestId('ws-brief-prompts')).toContainText('200 nouveaux clients');

	// Silent writing with a timer: the same countdown on every screen, within a second.
	await page.getByTestId('ws-step-silentWriting').click();
	for (const p of everyone) await phaseIs(p, 'silentWriting');
	await page.getByTestId('ws-timer-minutes').selectOption('5');
	await page.getByTestId('ws-timer-start').click();
	for (const p of everyone) await expect(p.getByTestId('ws-countdown')).toHaveText(/^[45]:\d\d$/);
	// Read together; a busy machine may spread the reads, so a second look is allowed.
	await expect
		.poll(async () => {
			const texts = await Promise.all(everyone.map((p) => p.getByTestId('ws-countdown').textContent()));
			const values = texts.map(seconds);
			return Math.max(...values) - Math.min(...values);
		})
		.toBeLessThanOrEqual(1);
	await page.getByTestId('ws-timer-plus1').click();
	await expect(lucas.page.getByTestId('ws-countdown')).toHaveText(/^5:\d\d$/);

	// Each writes alone: nobody sees another's ideas before the reveal.
	const ideas: [Page, string][] = [
		[karim.page, 'Relancer les clients inactifs'],
		[sophie.page, 'Stand au salon Equip’Hôtel'],
		[lucas.page, 'Webinaire de démonstration']
	];
	for (const [p, title] of ideas) {
		await p.getByTestId('ws-idea-input').fill(title);
		await p.getByTestId('ws-idea-add').click();
		await expect(p.getByTestId('ws-my-idea')).toHaveText([new RegExp(title)]);
	}
	await sophie.page.getByTestId('ws-idea-input').fill('Offre de parrainage');
	await sophie.page.getByTestId('ws-idea-input').press('Enter');
	await expect(sophie.page.getByTestId('ws-my-idea')).toHaveCount(2);
	await shot(page, 'facilitator-writing');
	await shot(lucas.page, 'phone-writing');
	await karim.page.getByTestId('ws-ready').click();
	await expect(page.getByTestId('ws-ready-count')).toHaveText('Prêts : 1');
	await expect(karim.page.locator('body')).not.toContainText('Equip’Hôtel');
	await expect(sophie.page.locator('body')).not.toContainText('Relancer les clients');
	await expect(page.locator('body')).not.toContainText('Webinaire');
	await lucas.page.getByTestId('ws-view-ideas').click();
	await expect(lucas.page.getByTestId('ws-ideas-hidden')).toBeVisible();
	await expect(lucas.page.getByTestId('ws-idea')).toHaveCount(0);
	await lucas.page.getByTestId('ws-follow').click();

	// Reveal: every idea on every screen.
	await page.getByTestId('ws-step-reveal').click();
	for (const p of everyone) await expect(p.getByTestId('ws-idea')).toHaveCount(4);
	await expect(karim.page.getByTestId('ws-ideas')).toContainText('Equip’Hôtel');

	// Grouping: a group, one idea moved with the keyboard menu, one dragged.
	await page.getByTestId('ws-step-grouping').click();
	await page.getByTestId('ws-group-name').fill('Prospection');
	await page.getByTestId('ws-group-add').click();
	await expect(karim.page.getByTestId('ws-group')).toHaveCount(2);
	const card = (p: Page, title: string) => p.getByTestId('ws-board-idea').filter({ hasText: title });
	await card(page, 'Relancer').getByTestId('ws-move').selectOption({ label: 'Prospection' });
	await card(page, 'Equip’Hôtel').dragTo(page.getByTestId('ws-group').nth(1), {
		sourcePosition: { x: 12, y: 12 }
	});
	await expect(sophie.page.getByTestId('ws-group').nth(1).getByTestId('ws-board-idea')).toHaveCount(2);
	await shot(page, 'facilitator-grouping');
	await shot(lucas.page, 'phone-grouping');

	// Voting: hidden until the reveal.
	await page.getByTestId('ws-step-voting').click();
	for (const p of people) await expect(p.getByTestId('ws-votes-left')).toHaveText('5');
	const ballot = (p: Page, title: string) => p.getByTestId('ws-ballot-idea').filter({ hasText: title });
	await ballot(karim.page, 'Equip’Hôtel').getByTestId('ws-vote').click();
	await expect(karim.page.getByTestId('ws-votes-left')).toHaveText('4');
	await ballot(karim.page, 'Equip’Hôtel').getByTestId('ws-vote').click();
	await expect(karim.page.getByTestId('ws-votes-left')).toHaveText('3');
	await ballot(sophie.page, 'Equip’Hôtel').getByTestId('ws-vote').click();
	await expect(sophie.page.getByTestId('ws-votes-left')).toHaveText('4');
	await ballot(sophie.page, 'Webinaire').getByTestId('ws-vote').click();
	await expect(sophie.page.getByTestId('ws-votes-left')).toHaveText('3');
	await ballot(lucas.page, 'Relancer').getByTestId('ws-vote').click();
	await expect(lucas.page.getByTestId('ws-votes-left')).toHaveText('4');
	// The per-idea maximum (3) holds in the interface.
	for (let i = 0; i < 2; i++) await ballot(lucas.page, 'Relancer').getByTestId('ws-vote').click();
	await expect(lucas.page.getByTestId('ws-votes-left')).toHaveText('2');
	await expect(ballot(lucas.page, 'Relancer').getByTestId('ws-vote')).toBeDisabled();
	await ballot(lucas.page, 'Relancer').getByTestId('ws-unvote').click();
	await ballot(lucas.page, 'Relancer').getByTestId('ws-unvote').click();
	await expect(lucas.page.getByTestId('ws-votes-left')).toHaveText('4');
	await expect(page.getByTestId('ws-voted-count')).toHaveText('Ont voté : 3');
	for (const p of everyone) await expect(p.getByTestId('ws-vote-results')).toHaveCount(0);

	// A participant looks elsewhere, then follows the facilitator again.
	await lucas.page.getByTestId('ws-view-ideas').click();
	await expect(lucas.page.getByTestId('ws-follow')).toBeVisible();
	await lucas.page.getByTestId('ws-follow').click();
	await expect(lucas.page.getByTestId('ws-budget-meter')).toBeVisible();
	await axe(lucas.page);
	await shot(lucas.page, 'phone-voting');

	await page.getByTestId('ws-reveal-votes').click();
	const total = (p: Page, title: string) =>
		p.getByTestId('ws-vote-total').filter({ hasText: title }).getByTestId('ws-vote-count');
	for (const p of everyone) {
		await expect(total(p, 'Equip’Hôtel')).toHaveText('3');
		await expect(total(p, 'Webinaire')).toHaveText('1');
		await expect(total(p, 'Relancer')).toHaveText('1');
	}
	await axe(page);
	await shot(page, 'facilitator-results');
	await shot(lucas.page, 'phone-results');

	// Scoring: one participant scores, the facilitator reveals, the ranking and the matrix appear.
	await page.getByTestId('ws-step-scoring').click();
	const scoreCard = sophie.page.getByTestId('ws-score-idea').filter({ hasText: 'Equip’Hôtel' });
	await scoreCard.getByLabel('Impact').fill('5');
	await expect(scoreCard.locator('output').nth(1)).toHaveText('5');
	await page.getByTestId('ws-reveal-scores').click();
	await expect(page.getByTestId('ws-ranking')).toContainText('Equip’Hôtel');
	await expect(page.getByTestId('ws-matrix')).toBeVisible();
	await shot(page, 'facilitator-scoring');
	await shot(sophie.page, 'participant-scoring');

	// Promotion: the winning idea becomes an action, linked back to its idea.
	await page.getByTestId('ws-step-promotion').click();
	for (const p of everyone) await phaseIs(p, 'promotion');
	await page
		.getByTestId('ws-promote-idea')
		.filter({ hasText: 'Equip’Hôtel' })
		.getByTestId('ws-promote-check')
		.check();
	await page.getByTestId('ws-promote').click();
	await expect(page.getByTestId('ws-promoted')).toContainText('Actions créées : 1');
	await shot(page, 'facilitator-promotion');
	await shot(lucas.page, 'phone-promotion');
	await expect(
		karim.page
			.getByTestId('ws-promote-idea')
			.filter({ hasText: 'Equip’Hôtel' })
			.getByTestId('ws-linked-action')
	).toHaveCount(1);
	await openSection(karim.page, 'actions');
	await expect(karim.page.getByTestId('action-row').filter({ hasText: 'Equip’Hôtel' })).toHaveCount(1);

	for (const p of [karim, sophie, lucas]) await p.close();
});
