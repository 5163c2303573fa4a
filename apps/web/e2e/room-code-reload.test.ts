// The facilitator's room-code panel keeps the live code after a reload (issue #25: it forgot it, and the
// room's screen lost the code people were typing); a phone still joins with it, and "Nouveau code" drops it.
import { createPlanAsFacilitator, expect, openSection, submitJoin, test } from './fixtures';

test('the room code survives the facilitator’s reload and still lets a phone in', async ({
	page,
	browser
}) => {
	await createPlanAsFacilitator(page, 'Atelier par code');
	await openSection(page, 'workshop');
	await page.getByTestId('ws-code-create').click();
	const code = (await page.getByTestId('ws-code').textContent())?.trim() ?? '';
	expect(code).toMatch(/^[A-Z2-9]{8}$/);

	await page.reload();
	await expect(page.getByTestId('ws-code')).toHaveText(code);
	await expect(page.getByTestId('ws-code-role')).toHaveText('Ce code fait entrer comme participant.');
	await expect(page.getByRole('img', { name: new RegExp(code) })).toBeVisible();

	const phone = await browser.newContext({
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true
	});
	const lucas = await phone.newPage();
	await lucas.goto(`/code/${code}`);
	await submitJoin(lucas, 'Lucas Petit');
	await expect(lucas).toHaveURL(/\/workshop$/);
	await expect(page.getByTestId('ws-attendance')).toContainText('Présents : 1');

	await page.getByTestId('ws-code-new').click();
	await page.reload();
	await expect(page.getByTestId('ws-code-create')).toBeVisible();
	await expect(page.getByTestId('ws-code')).toHaveCount(0);
	await phone.close();
});
