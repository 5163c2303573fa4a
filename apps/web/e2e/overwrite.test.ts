// Two people change the same short field while one is offline: the last writer wins in the document, and
// the person whose value was replaced is told in place, with the other value and who wrote it, and puts
// theirs back in one click. The other person is not told anything.
import { createPlanAsFacilitator, expect, expectNoAxeViolations, joinSynced, test } from './fixtures';

test('a title replaced by someone who had not seen it is announced in place, and mine comes back in one click', async ({
	page,
	browser,
	consoleGuard
}) => {
	const { editorLink } = await createPlanAsFacilitator(page, 'PAC 2027', 'Marie Dupont');
	const bruno = await joinSynced(browser, editorLink, 'Bruno Martin');
	const mine = page.getByTestId('settings-title');
	const his = bruno.getByTestId('settings-title');
	await expect(his).toHaveValue('PAC 2027');

	// Marie goes offline and renames; Bruno, online, renames too without seeing hers.
	// Offline on purpose: the browser logs each request it cannot send (the favicon, say) as an error.
	consoleGuard.allow(/net::ERR_INTERNET_DISCONNECTED/);
	await page.context().setOffline(true);
	await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline');
	await mine.fill('PAC Marie');
	await mine.press('Enter');
	await his.fill('PAC Bruno');
	await his.press('Enter');
	await expect(bruno.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
	await page.context().setOffline(false);
	await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved', { timeout: 20_000 });

	// Both converge on one title; whoever lost is told, the other is not.
	await expect.poll(async () => (await mine.inputValue()) === (await his.inputValue())).toBe(true);
	const kept = await mine.inputValue();
	expect(['PAC Marie', 'PAC Bruno']).toContain(kept);
	const [loser, winner, lost, other] =
		kept === 'PAC Bruno'
			? [page, bruno, 'PAC Marie', 'Bruno Martin']
			: [bruno, page, 'PAC Bruno', 'Marie Dupont'];
	const notice = loser.getByTestId('field-overwrite');
	await expect(notice).toHaveText(new RegExp(`${other} a remplacé votre « ${lost} » par « ${kept} »`));
	await expect(winner.getByTestId('field-overwrite')).toHaveCount(0);
	await expectNoAxeViolations(loser);

	await notice.getByRole('button', { name: 'Remettre ma valeur' }).click();
	await expect(notice).toHaveCount(0);
	await expect(loser.getByTestId('settings-title')).toHaveValue(lost);
	await expect(winner.getByTestId('settings-title')).toHaveValue(lost);
	// Putting mine back after seeing theirs is an ordinary change: nobody is told.
	await expect(winner.getByTestId('field-overwrite')).toHaveCount(0);
	await bruno.context().close();
});
