// The Contexte section co-edited live by two people: personae with their reachable channels, three watch
// entries, a SWOT board linked to a persona; what one writes appears on the other's screen, comments
// open on a context item, and a commenter reads it all without edit controls.
import { type Page } from '@playwright/test';
import {
	createPlanAsFacilitator,
	expect,
	expectNoAxeViolations,
	joinSynced,
	openSection,
	test
} from './fixtures';

async function addChannel(page: Page, name: string) {
	await page.getByTestId('new-channel-name').fill(name);
	await page.getByTestId('new-channel-name').press('Enter');
	await expect(page.getByTestId('channel-name').last()).toHaveValue(name);
}

async function addPersona(page: Page, name: string) {
	await page.getByLabel('Nom du persona', { exact: true }).last().fill(name);
	await page.getByRole('button', { name: 'Ajouter le persona' }).click();
	await expect(page.getByTestId('persona').filter({ has: page.getByRole('heading', { name }) })).toHaveCount(
		1
	);
}

async function addWatch(
	page: Page,
	kind: 'Concurrent' | 'Tendance',
	subject: string,
	observed: string,
	day: string
) {
	const form = page.getByTestId('watch-add');
	await form.getByLabel('Type').selectOption({ label: kind });
	await form.getByLabel('Concurrent ou tendance').fill(subject);
	await form.getByLabel('Ce qui a été vu').fill(observed);
	await form.getByLabel('Lien vers la source').fill(`https://veille.example/${encodeURIComponent(subject)}`);
	await form.getByLabel('Vu le').fill(day);
	await form.getByRole('button', { name: 'Ajouter à la veille' }).click();
}

test('two people build personae, a watch and a SWOT together, live', async ({ page, browser }) => {
	const invites = await createPlanAsFacilitator(page, 'Plan contexte');
	await openSection(page, 'settings');
	await addChannel(page, 'Courrier');
	await addChannel(page, 'TikTok');
	const karim = await joinSynced(browser, invites.editorLink, 'Karim Benali');
	await openSection(page, 'context');
	await openSection(karim, 'context');

	// Marie writes a persona; Karim writes another and fills in Marie's objections at the same time.
	await addPersona(page, 'Jeanne, 68 ans');
	await addPersona(karim, 'Paul, artisan');
	const jeanneOnKarim = karim
		.getByTestId('persona')
		.filter({ has: karim.getByRole('heading', { name: 'Jeanne, 68 ans' }) });
	await jeanneOnKarim.getByTestId('persona-objections').fill('Trop cher\nJe ne commande pas en ligne');
	await jeanneOnKarim.getByTestId('persona-objections').blur();
	await jeanneOnKarim.getByTestId('persona-channels').getByRole('button', { name: 'Courrier' }).click();
	const jeanne = page
		.getByTestId('persona')
		.filter({ has: page.getByRole('heading', { name: 'Jeanne, 68 ans' }) });
	await expect(jeanne.getByTestId('persona-objections')).toHaveValue(
		'Trop cher\nJe ne commande pas en ligne'
	);
	await expect(
		jeanne.getByTestId('persona-channels').getByRole('button', { name: 'Courrier' })
	).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('persona')).toHaveCount(2);

	// Three watch entries, newest first on both screens.
	await addWatch(page, 'Concurrent', 'Acme', 'Baisse de prix de 10 % sur la gamme senior', '2026-11-20');
	await addWatch(
		karim,
		'Tendance',
		'Seniors connectés',
		'Les plus de 65 ans achètent en ligne',
		'2026-10-02'
	);
	await addWatch(page, 'Concurrent', 'Batiplus', 'Ouvre une boutique à Nantes', '2026-11-28');
	for (const p of [page, karim])
		await expect
			.poll(() =>
				p.getByTestId('watch-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))
			)
			.toEqual(['Batiplus', 'Acme', 'Seniors connectés']);

	// The SWOT: Karim writes a threat, Marie links it to Jeanne and to Acme's move.
	await karim.getByLabel('Nouvel élément : Menaces').fill('Acme casse les prix');
	await karim.getByTestId('swot-threat').getByRole('button', { name: 'Ajouter' }).click();
	await page.getByLabel('Nouvel élément : Forces').fill('Réseau d’agences de proximité');
	await page.getByTestId('swot-strength').getByRole('button', { name: 'Ajouter' }).click();
	const threat = page.getByTestId('swot-threat').getByTestId('swot-item');
	await expect(threat).toHaveAttribute('data-text', 'Acme casse les prix');
	await threat.locator('summary').click();
	await threat.getByRole('button', { name: 'Jeanne, 68 ans', exact: true }).click();
	await threat.getByRole('button', { name: 'Acme', exact: true }).click();
	const threatOnKarim = karim.getByTestId('swot-threat').getByTestId('swot-item');
	await expect(threatOnKarim.locator('summary')).toContainText('Personae concernés (1) · Veille liée (1)');
	await expect(karim.getByTestId('swot-strength').getByTestId('swot-item')).toHaveAttribute(
		'data-text',
		'Réseau d’agences de proximité'
	);

	// A comment on the threat, read by Karim.
	await threat.getByTestId('comment-button').click();
	await page.getByTestId('comment-input').fill('Vérifier leurs tarifs au salon');
	await page.getByTestId('comment-input-send').click();
	await page.getByTestId('comments-close').click();
	await expect(threatOnKarim.getByTestId('comment-button')).toHaveAttribute('aria-label', /1 commentaire/);

	// A commenter sees it all, without edit controls.
	const lea = await joinSynced(browser, invites.commenterLink, 'Léa Martin');
	await openSection(lea, 'context');
	await expect(lea.getByTestId('persona')).toHaveCount(2);
	await expect(lea.getByRole('button', { name: 'Ajouter le persona' })).toHaveCount(0);
	await expect(lea.getByTestId('swot-threat').getByTestId('swot-item')).toHaveAttribute(
		'data-text',
		'Acme casse les prix'
	);

	await expectNoAxeViolations(page);
	await page.screenshot({ path: '/tmp/i26-context-fr.png', fullPage: true });
	await page.getByTestId('lang-en').click();
	await expect(page.getByRole('heading', { name: 'Targets and context' })).toBeVisible();
	await page.screenshot({ path: '/tmp/i26-context-en.png', fullPage: true });
	await page.goto(page.url().replace(/\/context$/, '/report'));
	await expect(page.getByTestId('report-context')).toContainText('Acme casse les prix');
	await expect(page.getByTestId('report-context')).toContainText('Batiplus');
	await page.screenshot({ path: '/tmp/i26-report-context-en.png', fullPage: true });
	await karim.setViewportSize({ width: 390, height: 844 });
	await karim.screenshot({ path: '/tmp/i26-context-phone.png', fullPage: true });
	await karim.context().close();
	await lea.context().close();
});

test('a workshop round on a SWOT threat: the idea carries the threat and the persona to the action', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	const invites = await createPlanAsFacilitator(page, 'Plan atelier contexte');
	await openSection(page, 'settings');
	await addChannel(page, 'Courrier');
	await addChannel(page, 'TikTok');
	await openSection(page, 'context');
	await addPersona(page, 'Jeanne, 68 ans');
	await page
		.getByTestId('persona')
		.getByTestId('persona-channels')
		.getByRole('button', { name: 'Courrier' })
		.click();
	await page.getByLabel('Nouvel élément : Menaces').fill('Acme casse les prix');
	await page.getByTestId('swot-threat').getByRole('button', { name: 'Ajouter' }).click();
	await expect(page.getByTestId('swot-threat').getByTestId('swot-item')).toHaveCount(1);

	// The facilitator opens a round on the threat; Karim sees it in the brief.
	const karim = await joinSynced(browser, invites.editorLink, 'Karim Benali');
	await openSection(karim, 'workshop');
	await openSection(page, 'workshop');
	const picker = page.getByTestId('ws-context-prompt');
	await picker.getByLabel('Depuis le contexte (SWOT, objection, veille)').selectOption({
		label: 'Menace : Acme casse les prix'
	});
	await picker.getByRole('button', { name: 'Ouvrir une manche sur cet élément' }).click();
	await page.getByTestId('ws-step-brief').click();
	await expect(karim.getByTestId('ws-brief-prompts')).toContainText('Menace : Acme casse les prix');

	// Karim writes under it, aimed at Jeanne: TikTok does not reach her, the post does.
	await page.getByTestId('ws-step-silentWriting').click();
	await karim.getByLabel('En réponse à').selectOption({ label: 'Menace : Acme casse les prix' });
	await karim.getByText('Étiquettes : levier, canal, cible, objectif').click();
	await karim.getByTestId('ws-idea-persona').selectOption({ label: 'Jeanne, 68 ans' });
	await karim.getByLabel('Canal').selectOption({ label: 'TikTok' });
	await expect(karim.getByTestId('ws-channel-advice')).toHaveText(
		"Jeanne, 68 ans n'est pas joignable par ce canal : ses canaux sont Courrier."
	);
	await karim.getByLabel('Canal').selectOption({ label: 'Courrier' });
	await expect(karim.getByTestId('ws-channel-advice')).toHaveText(
		'Jeanne, 68 ans est joignable par ce canal.'
	);
	await karim.getByTestId('ws-idea-input').fill('Carte fidélité seniors par courrier');
	await karim.getByTestId('ws-idea-add').click();
	await expect(karim.getByTestId('ws-my-idea')).toHaveCount(1);
	// The next idea answers nothing in particular.
	await karim.getByLabel('En réponse à').selectOption({ label: '—' });
	await karim.getByTestId('ws-idea-persona').selectOption({ label: '—' });
	await karim.getByTestId('ws-idea-input').fill('Jeu concours en magasin');
	await karim.getByTestId('ws-idea-add').click();
	await expect(karim.getByTestId('ws-my-idea')).toHaveCount(2);

	// Revealed, the idea shows what it answers, and the facilitator filters on it.
	await page.getByTestId('ws-step-reveal').click();
	const idea = page.getByTestId('ws-idea').filter({ hasText: 'Carte fidélité' });
	await expect(idea.getByTestId('ws-idea-answers')).toHaveText([
		'Menace : Acme casse les prix',
		'Persona : Jeanne, 68 ans'
	]);
	await expect(page.getByTestId('ws-idea')).toHaveCount(2);
	await page.getByTestId('ws-filter-answers').selectOption({ label: 'Menace : Acme casse les prix' });
	await expect(page.getByTestId('ws-idea')).toHaveCount(1);
	await page.screenshot({ path: '/tmp/i26-workshop-context.png', fullPage: true });

	// Promoted, the action carries it.
	await page.getByTestId('ws-step-promotion').click();
	await page
		.getByTestId('ws-promote-idea')
		.filter({ hasText: 'Carte fidélité' })
		.getByTestId('ws-promote-check')
		.check();
	await page.getByTestId('ws-promote').click();
	await expect(page.getByTestId('ws-promoted')).toContainText('Actions créées : 1');
	await openSection(karim, 'actions');
	const row = karim.getByTestId('action-row').filter({ hasText: 'Carte fidélité' });
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('Répond à : menace « Acme casse les prix » ; persona Jeanne, 68 ans');
	await karim.context().close();
});
