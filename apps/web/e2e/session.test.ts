// The participant's session on this browser: reused, renewed with a stable identity, and the sync
// state tells the truth when the network goes away.
import { type Page } from '@playwright/test';
import { createPlanAsFacilitator, expect, test } from './fixtures';

async function createAndJoin(page: Page, name: string): Promise<string> {
	await createPlanAsFacilitator(page, 'Plan session', name);
	return new URL(page.url()).pathname.split('/')[2]!;
}

test('an expired token is renewed with the stored invite and keeps the participant id', async ({ page }) => {
	const planId = await createAndJoin(page, 'Marie Dupont');
	const key = `cap.session.${planId}`;
	const before = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)!), key);
	await page.evaluate(([k, s]) => localStorage.setItem(k, JSON.stringify({ ...s, expiresAt: 0 })), [
		key,
		before
	] as const);
	await page.reload();
	await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
	const after = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)!), key);
	expect(after.participantId).toBe(before.participantId);
	expect(after.expiresAt).toBeGreaterThan(Date.now());
	await expect(page.getByTestId('participant')).toContainText('Marie Dupont');
});

test('the sync state shows offline, then saved again', async ({ page, context, consoleGuard }) => {
	await createAndJoin(page, 'Karim Benali');
	// Offline on purpose: the browser logs each request it cannot send (the favicon, say) as an error.
	consoleGuard.allow(/net::ERR_INTERNET_DISCONNECTED/);
	await context.setOffline(true);
	await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline');
	await context.setOffline(false);
	await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved', { timeout: 20_000 });
});

test('a plan without a session explains how to join, and a bad invite says so', async ({
	page,
	consoleGuard
}) => {
	await page.goto('/p/abcdefghijklmnop/settings');
	// The server refuses the made-up invite (400): the browser logs that response as an error.
	consoleGuard.allow(/the server responded with a status of 400/);
	await expect(page.getByTestId('no-session')).toBeVisible();
	await page.goto('/join/not-a-real-invite');
	await page.getByTestId('join-name').fill('Someone');
	await page.getByTestId('join-submit').click();
	await expect(page.getByTestId('join-error')).toBeVisible();
});

test('a bad token is repaired with the invite; when it cannot be, the refusal says why', async ({
	page,
	consoleGuard
}) => {
	const planId = await createAndJoin(page, 'Marie Dupont');
	const key = `cap.session.${planId}`;
	const forge = (patch: Record<string, string>) =>
		page.evaluate(
			([k, p]) => {
				const session = JSON.parse(localStorage.getItem(k)!);
				localStorage.setItem(k, JSON.stringify({ ...session, ...p }));
			},
			[key, patch] as const
		);
	await forge({ token: 'forged.token.value' });
	await page.reload();
	await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');

	// The forged invite cannot renew the token: the server's 400 is logged by the browser as an error.
	consoleGuard.allow(/the server responded with a status of 400/);
	await forge({ token: 'forged.token.value', invite: 'forged.invite' });
	await page.reload();
	await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'refused');
	await expect(page.getByTestId('sync-refused')).toContainText('Rouvrez votre lien');
});
