// The planning section: two people co-editing the timeline (a dragged bar moves for the other), the
// periods view flagging an overloaded owner, moving an action to another period, and axe on both views.
import { type Browser, type Page } from '@playwright/test';
import {
	createPlanAsFacilitator,
	expect,
	expectNoAxeViolations,
	joinAs,
	openSection,
	test
} from './fixtures';

/** A plan with one member (capacity 5 per period), ten-day periods and two actions in the first period. */
async function planWithActions(page: Page, title: string): Promise<{ year: string; editorLink: string }> {
	const { editorLink } = await createPlanAsFacilitator(page, title);
	const year = await page.getByTestId('settings-year').inputValue();

	await page.getByTestId('new-member-name').fill('Karim Benali');
	await page.getByTestId('add-member').click();
	await page.getByTestId('member-capacity').fill('5');
	await page.getByTestId('member-capacity').press('Enter');
	await page.getByTestId('generate-periods').click();
	await expect(page.getByTestId('period-row')).toHaveCount(36);

	await openSection(page, 'planning');
	const add = async (name: string, start: string, end: string, pd: string) => {
		await page.getByTestId('pa-name').fill(name);
		await page.getByTestId('pa-owner').selectOption({ label: 'Karim Benali' });
		await page.getByTestId('pa-start').fill(`${year}-${start}`);
		await page.getByTestId('pa-end').fill(`${year}-${end}`);
		await page.getByTestId('pa-pd').fill(pd);
		await page.getByTestId('pa-submit').click();
	};
	await add('Salon Big Data', '01-04', '01-08', '4');
	await add('Mailing clients', '01-05', '01-06', '3');
	await expect(page.getByTestId('timeline-bar')).toHaveCount(2);
	return { year, editorLink };
}

/** Alice joins with the editor invite, then opens the planning at the same address as `page`. */
async function aliceOnPlanning(browser: Browser, editorLink: string, planningPath: string) {
	const other = await joinAs(browser, editorLink, 'Alice Martin');
	await expect(other.getByTestId('settings-title')).toBeVisible();
	await other.goto(planningPath);
	return other;
}

const bar = (page: Page, name: string) => page.locator(`[data-testid="timeline-bar"][data-name="${name}"]`);

test('a bar dragged on the timeline moves for the other participant', async ({ browser, page }) => {
	const { year, editorLink } = await planWithActions(page, 'Plan calendrier');
	const planningPath = new URL(page.url()).pathname;

	const other = await aliceOnPlanning(browser, editorLink, planningPath);
	await expect(bar(other, 'Salon Big Data')).toHaveAttribute('data-start', `${year}-01-04`);

	const box = await bar(page, 'Salon Big Data').boundingBox();
	if (!box) throw new Error('no bar');
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 6 });
	await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 6 });
	await page.mouse.up();

	const moved = bar(page, 'Salon Big Data');
	await expect(moved).not.toHaveAttribute('data-start', `${year}-01-04`);
	const start = (await moved.getAttribute('data-start')) as string;
	const end = (await moved.getAttribute('data-end')) as string;
	expect(start > `${year}-01-04`).toBe(true);
	// The duration is kept: five days.
	expect((Date.parse(end) - Date.parse(start)) / 86_400_000).toBe(4);
	await expect(bar(other, 'Salon Big Data')).toHaveAttribute('data-start', start);
	await expect(bar(other, 'Salon Big Data')).toHaveAttribute('data-end', end);

	// Keyboard alternative: focus the bar, Arrow moves by a day, for the other too.
	await bar(other, 'Mailing clients').focus();
	await other.keyboard.press('ArrowRight');
	await expect(bar(page, 'Mailing clients')).toHaveAttribute('data-start', `${year}-01-06`);
	await other.context().close();
});

test('the periods view flags an overloaded owner and moves an action to another period', async ({ page }) => {
	await planWithActions(page, 'Plan périodes');
	const check = () => expectNoAxeViolations(page);
	await check();

	await page.getByTestId('view-periods').click();
	await page.getByTestId('unit-period').click();
	await page.getByTestId('period-pick').selectOption({ index: 0 });
	await expect(page.getByTestId('period-action')).toHaveCount(2);
	const karim = page.locator('[data-testid="owner-load"][data-member="Karim Benali"]');
	await expect(karim).toHaveAttribute('data-overloaded', 'true');
	await expect(karim.getByTestId('overload-flag')).toContainText('Surcharge');
	await check();

	// Move the mailing to the second period: its dates follow and Karim is no longer overloaded here.
	const mailing = page.getByTestId('period-action').filter({ hasText: 'Mailing clients' });
	await mailing.getByTestId('move-period').selectOption({ index: 2 });
	await expect(page.getByTestId('period-action')).toHaveCount(1);
	await expect(karim).toHaveAttribute('data-overloaded', 'false');
});

test('moving an action others depend on asks once and shifts the dependents for everyone', async ({
	browser,
	page
}) => {
	const { year, editorLink } = await planWithActions(page, 'Plan dépendantes');
	await page.getByTestId('pa-name').fill('Relance salon');
	await page.getByTestId('pa-start').fill(`${year}-01-09`);
	await page.getByTestId('pa-end').fill(`${year}-01-12`);
	await page.getByTestId('pa-dep').selectOption({ label: 'Salon Big Data' });
	await page.getByTestId('pa-submit').click();
	await expect(bar(page, 'Relance salon')).toHaveAttribute('data-start', `${year}-01-09`);
	const planningPath = new URL(page.url()).pathname;

	const other = await aliceOnPlanning(browser, editorLink, planningPath);
	await expect(bar(other, 'Relance salon')).toHaveAttribute('data-start', `${year}-01-09`);

	// Three presses in a row: the question comes once, after the keys went idle, for the whole move.
	const dialog = page.getByTestId('shift-dialog');
	await bar(page, 'Salon Big Data').focus();
	for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
	await expect(dialog).toBeVisible();
	await expect(bar(page, 'Salon Big Data')).toHaveAttribute('data-start', `${year}-01-07`);
	// Nothing is written before the answer.
	await expect(bar(other, 'Salon Big Data')).toHaveAttribute('data-start', `${year}-01-04`);
	await page.getByTestId('shift-yes').click();
	await expect(dialog).toBeHidden();

	// The dependent moved by the same three days, on the other person's screen too.
	for (const p of [page, other]) {
		await expect(bar(p, 'Salon Big Data')).toHaveAttribute('data-start', `${year}-01-07`);
		await expect(bar(p, 'Relance salon')).toHaveAttribute('data-start', `${year}-01-12`);
		await expect(bar(p, 'Relance salon')).toHaveAttribute('data-end', `${year}-01-15`);
	}
	await page.waitForTimeout(800);
	await expect(dialog).toBeHidden();

	// Dragging the dependent's prerequisite by the mouse asks on drop; "Laisser" keeps the conflict.
	const box = await bar(page, 'Salon Big Data').boundingBox();
	if (!box) throw new Error('no bar');
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 6 });
	await page.mouse.up();
	await expect(dialog).toBeVisible();
	await page.getByTestId('shift-no').click();
	await expect(bar(other, 'Relance salon')).toHaveAttribute('data-conflict', 'true');
	await expect(bar(other, 'Relance salon')).toHaveAttribute('data-start', `${year}-01-12`);
	await other.context().close();
});

test('dragging a repetition of a recurring action moves the whole series', async ({ page }) => {
	const { year } = await planWithActions(page, 'Plan récurrent');
	await page.getByTestId('pa-name').fill('Newsletter');
	await page.getByTestId('pa-start').fill(`${year}-02-01`);
	await page.getByTestId('pa-end').fill(`${year}-02-02`);
	await page.getByTestId('pa-repeat').selectOption('monthly');
	await page.getByTestId('pa-submit').click();
	await expect(bar(page, 'Newsletter')).toHaveAttribute('data-start', `${year}-02-01`);
	await page.getByTestId('zoom-quarter').click();

	// The third occurrence (April) dragged to the right: the series' start moves by as many days.
	const third = page.locator('[data-testid="timeline-repeat"][data-index="2"]');
	await expect(third).toHaveAttribute('data-start', `${year}-04-01`);
	await third.scrollIntoViewIfNeeded();
	const box = await third.boundingBox();
	if (!box) throw new Error('no repetition');
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 5 });
	await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2, { steps: 5 });
	await page.mouse.up();
	await expect(bar(page, 'Newsletter')).not.toHaveAttribute('data-start', `${year}-02-01`);
	const start = (await bar(page, 'Newsletter').getAttribute('data-start')) as string;
	expect(start > `${year}-02-01`).toBe(true);
	const moved = (Date.parse(start) - Date.parse(`${year}-02-01`)) / 86_400_000;
	const thirdStart = (await third.getAttribute('data-start')) as string;
	expect((Date.parse(thirdStart) - Date.parse(`${year}-04-01`)) / 86_400_000).toBe(moved);
});
