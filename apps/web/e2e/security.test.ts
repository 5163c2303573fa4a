// Security headers on pages: the Content-Security-Policy (with a nonce on SvelteKit's own script) holds
// while a plan is created, joined and edited with rich text, and an invite page sends no Referer.
import { type Page } from '@playwright/test';
import { createPlanAsFacilitator, joinSynced, openSection, expect, test } from './fixtures.ts';

function collectProblems(page: Page): string[] {
	const problems: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
	});
	page.on('pageerror', (e) => problems.push(e.message));
	return problems;
}

test('pages carry the CSP and no-referrer, and the app runs under them', async ({ page, browser }) => {
	const problems = collectProblems(page);
	const home = await page.goto('/');
	const csp = home!.headers()['content-security-policy'] ?? '';
	expect(csp).toContain("frame-ancestors 'none'");
	expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
	expect(csp).toContain("object-src 'none'");
	expect(home!.headers()['referrer-policy']).toBe('no-referrer');
	expect(home!.headers()['x-frame-options']).toBe('DENY');

	const invites = await createPlanAsFacilitator(page, 'Plan sous CSP');
	await openSection(page, 'objectives');
	const joinPage = await page.request.get(new URL(invites.editorLink).pathname);
	expect(joinPage.headers()['referrer-policy']).toBe('no-referrer');

	const editor = await joinSynced(browser, invites.editorLink, 'Éva Martin');
	const editorProblems = collectProblems(editor);
	await openSection(editor, 'objectives');
	await editor.context().close();
	expect(problems).toEqual([]);
	expect(editorProblems).toEqual([]);
});
