/**
 * Screenshots of the actions section for a visual check (not part of the bench results):
 * `node bench/screens.ts [outdir]`, French and English, desktop and 375 px, table and board.
 */
import { mkdirSync } from 'node:fs';
import { collaborate, launchChromium, createPlan, joinPlan, seedPlan, startServer } from './lib.ts';

const out = process.argv[2] ?? '/tmp/cap-action-screens';
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launchChromium();
try {
	const plan = await createPlan(server.url, 'Plan 2027');
	const seeder = await collaborate(
		server.url,
		await joinPlan(server.url, plan.invites.editor, 'Karim Benali')
	);
	seedPlan(seeder, 60);
	await seeder.flushed();
	const session = await joinPlan(server.url, plan.invites.facilitator, 'Marie Dupont');
	for (const locale of ['fr', 'en'] as const) {
		for (const [label, viewport] of [
			['desktop', { width: 1440, height: 900 }],
			['mobile', { width: 375, height: 812 }]
		] as const) {
			const context = await browser.newContext({ viewport, locale: locale === 'fr' ? 'fr-FR' : 'en-GB' });
			await context.addInitScript(
				([key, value, lang]) => {
					localStorage.setItem(key, value);
					localStorage.setItem('cap.locale', lang);
				},
				[`cap.session.${plan.planId}`, JSON.stringify(session), locale] as const
			);
			const page = await context.newPage();
			await page.goto(`${server.url}/p/${plan.planId}/actions`);
			await page.waitForSelector('[data-testid="action-row"]');
			await page.screenshot({ path: `${out}/${locale}-${label}-table.png` });
			await page.getByTestId('action-row').nth(2).getByTestId('select-row').check();
			await page.getByTestId('action-row').nth(1).getByTestId('cell-name').dblclick();
			await page.screenshot({ path: `${out}/${locale}-${label}-editing.png` });
			await page.keyboard.press('Escape');
			if (label === 'mobile') await page.getByTestId('action-options-toggle').click();
			await page.getByTestId('action-group').selectOption('owner');
			await page.screenshot({ path: `${out}/${locale}-${label}-grouped.png` });
			await page.getByTestId('action-row').first().getByTestId('cell-recurrence').dblclick();
			await page.screenshot({ path: `${out}/${locale}-${label}-recurrence.png` });
			await page.keyboard.press('Escape');
			await page.getByTestId('action-row').first().getByTestId('cell-description').dblclick();
			await page.screenshot({ path: `${out}/${locale}-${label}-description.png` });
			await page.keyboard.press('Escape');
			await page.getByTestId('mode-board').click();
			await page.screenshot({ path: `${out}/${locale}-${label}-board.png` });
			await context.close();
		}
	}
	seeder.destroy();
} finally {
	await browser.close();
	await server.stop();
}
