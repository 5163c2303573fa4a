// A phone joining the workshop downloads only what it opens: the action table, the timeline, the budget,
// the dashboard (charts) and the Excel tools load when their section is opened, not before; in the
// workshop, only the view of the current phase loads (not the other views, nor the facilitator's console),
// and the comments panel, the inbox list, the plan tools menu, the share dialog and the QR code library
// load when first opened.
// The files are named by the build's own manifest (`vite build` writes it); bench-results/bundle.md has
// the byte counts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type BrowserContext } from '@playwright/test';
import { createPlanAsFacilitator, joinSynced, openSection, expect, test } from './fixtures';

const MANIFEST = resolve(import.meta.dirname, '../.svelte-kit/output/client/.vite/manifest.json');

/** The built file of each module the workshop does not need. */
function unopenedFiles(): Record<string, string> {
	const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, { file: string }>;
	const modules = {
		actions: 'src/lib/actions/ActionsSection.svelte',
		planning: 'src/lib/planning/PlanningSection.svelte',
		budget: 'src/lib/budget/BudgetSection.svelte',
		dashboard: 'src/lib/dashboard/DashboardSection.svelte',
		excel: 'src/lib/exchange/download.ts',
		'workshop console': 'src/lib/workshop/Console.svelte',
		'silent writing': 'src/lib/workshop/Compose.svelte',
		'idea list': 'src/lib/workshop/IdeasList.svelte',
		grouping: 'src/lib/workshop/Grouping.svelte',
		voting: 'src/lib/workshop/Voting.svelte',
		scoring: 'src/lib/workshop/Scoring.svelte',
		promotion: 'src/lib/workshop/Promotion.svelte',
		'comments panel': 'src/lib/comments/CommentsPanel.svelte',
		'inbox list': 'src/lib/comments/InboxList.svelte',
		'share dialog': 'src/lib/share/ShareDialog.svelte',
		'plan tools menu': 'src/lib/share/PlanToolsMenu.svelte',
		'QR codes': 'node_modules/qrcode/lib/browser.js'
	};
	// A package's module is keyed by its path in the store (../../node_modules/.pnpm/qrcode@x/...).
	const key = (source: string) =>
		Object.keys(manifest).find((k) => k === source || k.endsWith(`/${source}`)) ?? source;
	return Object.fromEntries(
		Object.entries(modules).map(([name, source]) => [
			name,
			`/${manifest[key(source)]?.file ?? `missing:${source}`}`
		])
	);
}

function recordScripts(context: BrowserContext): Set<string> {
	const scripts = new Set<string>();
	context.on('response', (response) => {
		if (response.request().resourceType() === 'script') scripts.add(new URL(response.url()).pathname);
	});
	return scripts;
}

test('a phone in the workshop loads no code of the sections it has not opened', async ({
	browser,
	page,
	consoleGuard
}) => {
	// The blocked service worker (below) is reported by Playwright itself, not by the app.
	consoleGuard.allow(/^Service Worker registration blocked by Playwright$/);
	const files = unopenedFiles();
	for (const file of Object.values(files)) expect(file).not.toContain('missing:');
	const { editorLink } = await createPlanAsFacilitator(page, 'Plan téléphone');
	// The service worker would fetch the whole app for offline use: only the page's own loads count here.
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		locale: 'fr-FR',
		serviceWorkers: 'block'
	});
	const scripts = recordScripts(context);
	const phone = await joinSynced(context, editorLink, 'Téléphone');
	await openSection(phone, 'workshop');
	await expect(phone.getByTestId('workshop')).toBeVisible();
	await phone.waitForLoadState('networkidle');
	for (const [name, file] of Object.entries(files)) expect(scripts.has(file), name).toBe(false);

	// The comments panel and the inbox load their code when opened.
	await phone.getByTestId('comments-panel-button').click();
	await expect(phone.getByTestId('comments-drawer')).toBeVisible();
	expect(scripts.has(files['comments panel']!)).toBe(true);
	await phone.getByTestId('comments-close').click();
	await phone.getByTestId('inbox-button').click();
	await expect(phone.getByTestId('inbox-empty')).toBeVisible();
	expect(scripts.has(files['inbox list']!)).toBe(true);
	await phone.keyboard.press('Escape');
	await phone.getByTestId('plan-tools').click();
	await expect(phone.getByTestId('export-xlsx')).toBeFocused();
	expect(scripts.has(files['plan tools menu']!)).toBe(true);
	await phone.keyboard.press('Escape');

	// Opening the actions loads its code then.
	await openSection(phone, 'actions');
	await expect(phone.getByTestId('new-action-name')).toBeVisible();
	expect(scripts.has(files.actions!)).toBe(true);
	await context.close();
});
