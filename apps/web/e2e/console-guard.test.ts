// The console guard of fixtures.ts checked on itself: a warning or an uncaught error in a page of a context
// the test made (as joinAs does) fails the test. Each test here is declared failing with test.fail(): it
// passes only if the guard did fail it, and the poll shows the guard saw the right message.
import { expect, test } from './fixtures';

test('a console warning in a page of a context made by the test fails the test', async ({
	browser,
	consoleGuard
}) => {
	test.fail();
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto('/');
	await page.evaluate(() => console.warn('guard check: warning'));
	await expect
		.poll(() => consoleGuard.problems.map((p) => `${p.kind}: ${p.text}`))
		.toEqual(['warning: guard check: warning']);
	await context.close();
});

test('an uncaught error in a page opened with browser.newPage fails the test', async ({
	browser,
	consoleGuard
}) => {
	test.fail();
	const page = await browser.newPage();
	await page.goto('/');
	await page.evaluate(() => {
		setTimeout(() => {
			throw new Error('guard check: thrown');
		});
	});
	await expect
		.poll(() => consoleGuard.problems.map((p) => `${p.kind}: ${p.text}`))
		.toEqual(['pageerror: Error: guard check: thrown']);
	await page.close();
});

test('a message the test allowed does not fail it', async ({ page, consoleGuard }) => {
	consoleGuard.allow(/^guard check: expected$/);
	await page.goto('/');
	await page.evaluate(() => console.error('guard check: expected'));
	await page.evaluate(() => console.log('guard check: a plain log is fine'));
	await expect(page.getByTestId('create-title')).toBeVisible();
	expect(consoleGuard.problems).toEqual([]);
});
