// Issue #24 in the browser: the printed report of a whole year's plan (the annual PAC template with its
// recurring actions, an action placed only by its period, one carried from last year's review, one not
// scheduled yet) agrees with the sections: every action on the year page, the budget page's totals on the
// cover, each key result's progress as on the dashboard; no raw decimal or English plural in French; the
// PDF prints in A4 landscape and portrait with numbered pages. Two browsers: an editor's change reaches
// the open report.
import { writeFileSync } from 'node:fs';
import { type Locator, type Page } from '@playwright/test';
import {
	expect,
	enterAsFacilitator,
	expectNoAxeViolations,
	expectSaved,
	joinSynced,
	openSection,
	test
} from './fixtures';

test.setTimeout(120_000);

async function commit(field: Locator, value: string) {
	await field.fill(value);
	await field.press('Enter');
}

async function addAction(page: Page, name: string) {
	await page.getByTestId('new-action-name').fill(name);
	await page.getByTestId('new-action-name').press('Enter');
	await expect(page.getByTestId('action-row').filter({ hasText: name })).toHaveCount(1);
}

/**
 * Text a French reader should never see: a decimal point between digits, "1 actions", or a plural left to
 * the reader as "(s)" (plurals go through Intl.PluralRules in the messages).
 */
function slips(text: string): string[] {
	const found = [...text.matchAll(/\d\.\d|\b1 (actions|jours|objectifs)\b|\(s\)/g)].map((x) => x[0]);
	return found;
}

test('the report of a whole plan agrees with the sections, prints in both orientations, and follows edits', async ({
	browser,
	page
}) => {
	await page.goto('/');
	await page.getByTestId('create-title').fill('PAC Atlantique 2027');
	await page.getByTestId('create-template').selectOption('annual');
	await page.getByTestId('create-submit').click();
	const editorLink = await page.getByTestId('invite-link-editor').inputValue();
	await enterAsFacilitator(page);
	await expectSaved(page);

	// Last year's review: a webinar to repeat, carried into this year's actions (no dates yet).
	await openSection(page, 'review');
	await page.getByLabel('Coller depuis un tableur').fill('Action\tCoût\nWebinaire clients\t1 200');
	await page.getByRole('button', { name: 'Ajouter ces actions' }).click();
	const item = page.getByTestId('review-item').filter({ hasText: 'Webinaire clients' });
	await item.getByTestId('review-decision').selectOption({ label: 'Reconduire' });
	await item.getByTestId('review-select').check();
	await page.getByTestId('carry-selected').click();
	await expect(item.getByTestId('review-carried')).toHaveText('Reportée cette année');
	// Next year's review items arrive without revenue: no "-100 %" ROI, no "0,00 €" revenue.
	await expect(page.getByTestId('review-summary')).not.toContainText('-100');

	// An action placed only by its period, and one not scheduled yet.
	await openSection(page, 'actions');
	await addAction(page, 'Brief agence');
	const period = page
		.getByTestId('action-row')
		.filter({ hasText: 'Brief agence' })
		.getByTestId('cell-period');
	await period.dblclick();
	await period.getByTestId('cell-editor').selectOption({ index: 5 });
	await expect(period.getByTestId('cell-value')).not.toHaveText('—');
	await addAction(page, 'Parrainage clients');
	// A dropped action stays in the table but counts nowhere else.
	await addAction(page, 'Radio locale');
	const status = page
		.getByTestId('action-row')
		.filter({ hasText: 'Radio locale' })
		.getByTestId('cell-status');
	await status.dblclick();
	await status.getByTestId('cell-editor').selectOption({ label: 'Abandonnée' });
	await expect(status.getByTestId('cell-value')).toHaveText('Abandonnée');

	// Costs: the monthly newsletter counts twelve times on the budget page.
	await openSection(page, 'budget');
	const newsletter = page.getByTestId('cost-row').filter({ hasText: 'Newsletter mensuelle' });
	await commit(newsletter.getByTestId('cost-plannedCost'), '250,5');
	const bottomUp = page.getByTestId('method-bottomUp-value');
	await expect(bottomUp).toHaveText(/4\s206,00\s€/); // 12 × 250,50 + 1 200
	const budgetPlanned = (await page.getByTestId('total-planned').textContent())!.trim();

	// A key result typed at its target, then measured far from it: one truth, the measurement.
	await openSection(page, 'objectives');
	const kr = page.getByTestId('key-result').filter({ hasText: 'Nombre de nouveaux clients' }).first();
	await commit(kr.getByTestId('kr-target'), '200');
	await commit(kr.getByTestId('kr-current'), '200');
	await expect(kr.getByTestId('kr-value-source')).toContainText('« Actuel » saisie');
	await openSection(page, 'dashboard');
	const card = page.getByTestId('kr-card').filter({ hasText: 'Nombre de nouveaux clients' });
	await card.getByLabel('Date', { exact: true }).fill('2027-03-31');
	await card.getByLabel('Réalisé', { exact: true }).fill('30');
	await card.getByRole('button', { name: 'Ajouter la mesure' }).click();
	await expect(card.getByTestId('kr-card-value-source')).toContainText('dernière mesure');
	// Nothing spent is entered yet: said in words, not "0,00 €" nor "Non saisi réalisés".
	await expect(page.getByTestId('overview-spend')).toHaveText(
		/^Aucun réalisé saisi, pour 4\s206,00\s€ prévus$/
	);
	await openSection(page, 'objectives');
	await expect(kr.getByTestId('kr-progress')).toHaveAttribute('data-value', '15');

	// Every section, as a French reader sees it: no raw decimal, no "1 actions", no "(s)", in text, in a field
	// or in what a screen reader announces.
	for (const section of ['review', 'objectives', 'actions', 'planning', 'budget', 'dashboard', 'settings']) {
		await openSection(page, section);
		await expect(page.locator('main h1').first()).toBeVisible();
		const main = page.locator('main');
		const fields = await main
			.locator('input:not([type=date]):not([type=color])')
			.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
		const labels = await main
			.locator('[aria-label]')
			.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
		const seen = [(await main.textContent()) ?? '', ...fields, ...labels].join('\n');
		expect({ section, slips: slips(seen) }).toEqual({
			section,
			slips: []
		});
	}

	// The report.
	await page.getByTestId('plan-tools').click();
	await page.getByTestId('open-report').click();
	const report = page.getByTestId('report');
	await expect(report).toContainText('PAC Atlantique 2027');

	// Every action of the table but the dropped one is on the year page, once.
	const tableNames = await page
		.getByTestId('report-actions')
		.locator('tbody tr td:first-child')
		.allTextContents();
	const yearNames = await page
		.getByTestId('year-row')
		.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
	const live = tableNames.map((n) => n.trim()).filter((n) => n !== 'Radio locale');
	expect(yearNames.sort()).toEqual(live.sort());
	await expect(page.getByTestId('cover-actions')).toHaveText(String(live.length));
	await expect(page.getByTestId('report-cover-facts')).toContainText('hors 1 action abandonnée');
	await expect(page.locator('[data-testid="year-row"][data-name="Brief agence"]')).toHaveAttribute(
		'data-placed',
		'period'
	);
	await expect(page.locator('[data-testid="year-row"][data-name="Webinaire clients"]')).toContainText(
		'Pas encore planifiée'
	);

	// The cover's cost is the budget page's; so are the report's budget totals.
	await expect(page.getByTestId('cover-cost')).toHaveText(/4\s206,00\s€/);
	await expect(page.getByTestId('report-budget-actions-cost')).toHaveText(/4\s206,00\s€/);
	await expect(page.getByTestId('report-budget-planned')).toHaveText(budgetPlanned);
	await expect(page.getByTestId('report-budget-actual')).toHaveText('Non saisi');

	// The key result's progress is the dashboard's everywhere in the report: 30 / 200 = 15 %.
	const summary = page.getByTestId('summary-kr').filter({ hasText: 'Nombre de nouveaux clients' });
	await expect(summary.getByTestId('summary-kr-progress')).toHaveText(/^15\s%$/);
	const objectives = page.getByTestId('report-kr').filter({ hasText: 'Nombre de nouveaux clients' });
	await expect(objectives.getByTestId('report-kr-progress')).toHaveText(/^15\s%$/);
	const dash = page.getByTestId('report-dash-kr').filter({ hasText: 'Nombre de nouveaux clients' });
	await expect(dash.getByTestId('report-dash-progress')).toHaveText(/^15\s%$/);

	// No raw decimal, no English plural in French.
	expect(slips((await report.textContent()) ?? '')).toEqual([]);
	await expectNoAxeViolations(page);

	// Another editor adds an action: the open report shows it on the year page.
	const other = await joinSynced(browser, editorLink, 'Karim Benali');
	await openSection(other, 'actions');
	await addAction(other, 'Salon Nantes');
	await expect(page.locator('[data-testid="year-row"][data-name="Salon Nantes"]')).toHaveCount(1);
	await other.context().close();

	// On paper, in both orientations: the app's chrome and the report's own buttons are gone.
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('header.topbar')).toBeHidden();
	await expect(page.getByTestId('print')).toBeHidden();
	for (const orientation of ['landscape', 'portrait'] as const) {
		await page.emulateMedia({ media: 'screen' });
		await page.getByTestId('report-orientation').selectOption(orientation);
		await expect(report).toHaveAttribute('data-orientation', orientation);
		await page.emulateMedia({ media: 'print' });
		const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
		if (process.env.CAP_PDF_OUT) writeFileSync(`${process.env.CAP_PDF_OUT}-${orientation}.pdf`, pdf);
		const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
		// Cover, summary, objectives, actions, year, periods, budget, dashboard, review, workshop: a page each.
		expect(pages).toBeGreaterThanOrEqual(10);
		const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
		const [w, h] = [Number(box![1]), Number(box![2])];
		expect(orientation === 'landscape' ? w > h : h > w).toBe(true);
	}

	// In English: the same figures, English words and formats.
	await page.emulateMedia({ media: 'screen' });
	await page.getByTestId('lang-en').click();
	await expect(page.getByTestId('report-summary')).toContainText('Key results: progress and status');
	await expect(page.getByTestId('cover-cost')).toHaveText('€4,206.00');
	await expect(summary.getByTestId('summary-kr-progress')).toHaveText('15%');
	expect((await report.textContent())?.match(/\b1 actions\b|\(s\)/g) ?? []).toEqual([]);
	if (process.env.CAP_PDF_OUT) {
		await page.emulateMedia({ media: 'print' });
		const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
		writeFileSync(`${process.env.CAP_PDF_OUT}-en.pdf`, pdf);
	}
});
