// Issue #9 (never losing a word), found while fixing the room-code drafts: when the server ends a
// connection because its token ran out and the browser renews the session, the plan opens a new
// connection. The workshop screen kept listening on the old one: its drafts and the answers to its
// commands never arrived again until a reload; and the new connection's presence started from an older
// clock than the old one's departure, so the others saw the person leave for good. The token's end is
// played here by closing the page's
// websocket with the server's own reason (Playwright's WebSocket routing), as the server does at expiry.
import { type WebSocketRoute } from '@playwright/test';
import { createPlanAsFacilitator, expect, expectSaved, joinSynced, openSection, test } from './fixtures';

test('after the session is renewed on a new connection, the workshop still writes and shows my ideas', async ({
	page,
	browser
}) => {
	const { editorLink } = await createPlanAsFacilitator(page, 'Plan renouvelé');
	await openSection(page, 'workshop');
	await page.getByTestId('ws-step-silentWriting').click();

	const context = await browser.newContext();
	const sockets: WebSocketRoute[] = [];
	await context.routeWebSocket(/\/collab/, (ws) => {
		ws.connectToServer();
		sockets.push(ws);
	});
	const karim = await joinSynced(context, editorLink, 'Karim Benali');
	await openSection(karim, 'workshop');
	await expect(karim.getByTestId('workshop')).toHaveAttribute('data-phase', 'silentWriting');
	await karim.getByTestId('ws-idea-input').fill('Salon Equip’Hôtel');
	await karim.getByTestId('ws-idea-add').click();
	await expect(karim.getByTestId('ws-my-idea')).toHaveCount(1);
	const row = page.getByTestId('ws-person').filter({ hasText: 'Karim Benali' });
	await expect(row.getByTestId('ws-person-ideas')).toHaveText('Idées : 1');

	// The server's close at the token's end: the browser renews the session and connects again.
	expect(sockets).toHaveLength(1);
	await sockets[0]!.close({ code: 4401, reason: 'token-expired' });
	await expect.poll(() => sockets.length).toBe(2);
	await expectSaved(karim);

	await karim.getByTestId('ws-idea-input').fill('Webinaire mensuel');
	await karim.getByTestId('ws-idea-add').click();
	await expect(karim.getByTestId('ws-my-idea')).toHaveCount(2);
	await expect(karim.getByTestId('ws-idea-input')).toHaveValue('');
	// The facilitator still sees Karim in the room, and counts both ideas (never reads them).
	await expect(row.getByTestId('ws-person-ideas')).toHaveText('Idées : 2');
	await context.close();
});
