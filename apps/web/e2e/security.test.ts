// Security headers on pages: the Content-Security-Policy (with a nonce on SvelteKit's own script) holds
// while a plan is created, joined and edited with rich text, and an invite page sends no Referer.
import { createPlanAsFacilitator, joinSynced, openSection, expect, test, watchConsole } from './fixtures.ts';

test('pages carry the CSP and no-referrer, and the app runs under them', async ({ page, browser }) => {
	const problems = watchConsole(page);
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
	const editorProblems = watchConsole(editor);
	await openSection(editor, 'objectives');
	await editor.context().close();
	expect(problems).toEqual([]);
	expect(editorProblems).toEqual([]);
});
