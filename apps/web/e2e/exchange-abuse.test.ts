/**
 * Issue #23: files built to hurt the importer. Each gets a clear message while the page keeps
 * answering: a probe in the page notes the longest gap between two ticks of a 20 ms timer for as long as
 * the file is read, and it must stay under 200 ms (the page's responsiveness, not the import's speed).
 * The plan is unchanged: still no action.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fiftyMegabytes, manyRows, truncated, zipBomb } from '../src/lib/exchange/testing/hostile-files.ts';
import { createPlanAsFacilitator, expect, openSection, test } from './fixtures';

test.setTimeout(120_000);

const FILES: [name: string, make: () => Uint8Array, message: RegExp][] = [
	['bombe.xlsx', zipBomb, /beaucoup trop de données/],
	['un-million-de-lignes.xlsx', manyRows, /beaucoup trop de données/],
	['50-mo.xlsx', fiftyMegabytes, /dépasse 10 Mo/],
	['coupé.xlsx', truncated, /n'a pas pu être lu/]
];

test('a zip bomb, a million rows, a 50 MB file and a cut file: a clear message, the page answering, the plan unchanged', async ({
	page
}) => {
	await createPlanAsFacilitator(page, 'PAC résistant');
	await openSection(page, 'actions');
	await expect(page.getByTestId('actions-empty')).toBeVisible();
	for (const [name, make, message] of FILES) {
		const path = join(tmpdir(), `i23-${Date.now()}-${name}`);
		writeFileSync(path, make());
		await page.getByTestId('plan-tools').click();
		await page.getByTestId('import-xlsx').click();
		const dialog = page.getByTestId('import-dialog');
		await page.evaluate(() => {
			const w = window as unknown as { capLongestGap: number; capProbe: number };
			let last = performance.now();
			w.capLongestGap = 0;
			w.capProbe = window.setInterval(() => {
				const now = performance.now();
				w.capLongestGap = Math.max(w.capLongestGap, now - last);
				last = now;
			}, 20);
		});
		await dialog.getByTestId('import-file').setInputFiles(path);
		await expect(dialog.getByTestId('import-error')).toContainText(message);
		const longest = await page.evaluate(() => {
			const w = window as unknown as { capLongestGap: number; capProbe: number };
			clearInterval(w.capProbe);
			return w.capLongestGap;
		});
		expect(longest, `${name}: the page stopped answering for ${Math.round(longest)} ms`).toBeLessThan(200);
		await expect(dialog.getByTestId('import-file')).toBeEnabled();
		await dialog.getByRole('button', { name: 'Fermer' }).first().click();
		await expect(page.getByTestId('actions-empty')).toBeVisible();
	}
});
