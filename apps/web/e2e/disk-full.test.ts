// The server's disk fills up while Karim writes thirty words of rationale; once it is freed, every word
// is stored and reaches the facilitator, and Karim's screen never lost one. No change of his is refused:
// the store refused writes, not his words. (It once lost 23 of 30: the server, having lost what it could
// not store, refused a word typed during the reconnection as built on content it lacked, and the
// recovery dropped everything the device had that the server lacked.)
//
// This test runs a server of its own (its data folder, its port) with the test-only switch that makes the
// store's writes fail while a flag file exists (apps/server/src/store/disk-full-switch.ts), so filling
// "the disk" touches no other test.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addObjectives, createPlanAsFacilitator, joinSynced, openSection, expect, test } from './fixtures';
import { startOwnServer } from './own-server';

test.setTimeout(120_000);

const THIRTY_WORDS = Array.from({ length: 30 }, (_, i) => `mot${i + 1}`).join(' ');

test('a full disk costs nothing typed: thirty words written meanwhile are all stored once it is freed', async ({
	browser
}) => {
	const server = await startOwnServer((dataDir) => ({ CAP_TEST_DISK_FULL_FLAG: join(dataDir, 'disk-full') }));
	const flag = server.env.CAP_TEST_DISK_FULL_FLAG!;
	try {
		const options = { baseURL: server.url };
		const facilitatorContext = await browser.newContext(options);
		const page = await facilitatorContext.newPage();
		const { editorLink } = await createPlanAsFacilitator(page, 'Plan disque plein');
		await addObjectives(page);
		const karim = await joinSynced(browser, editorLink, 'Karim Benali', options);
		await openSection(karim, 'objectives');
		await karim.getByTestId('mo-rationale').click();

		writeFileSync(flag, '');
		await karim.keyboard.type(THIRTY_WORDS);
		// Nothing is stored: Karim is never told his words are saved.
		await expect(karim.getByTestId('sync-state')).not.toHaveAttribute('data-state', 'saved');
		await expect(karim.getByTestId('mo-rationale')).toHaveText(THIRTY_WORDS);

		rmSync(flag);
		await expect(page.getByTestId('mo-rationale')).toContainText(THIRTY_WORDS, { timeout: 60_000 });
		await expect(karim.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved', { timeout: 60_000 });
		await expect(karim.getByTestId('mo-rationale')).toHaveText(THIRTY_WORDS);
		// No change of his was refused: the store refused writes, not his words.
		await expect(karim.getByTestId('change-dropped')).toHaveCount(0);
		// Stored, not only relayed: a reload reads them back from the server.
		await page.reload();
		await expect(page.getByTestId('mo-rationale')).toContainText(THIRTY_WORDS);
		await karim.context().close();
		await facilitatorContext.close();
	} finally {
		server.child.kill();
	}
});
