// The progress meeting (point d'avancement) with several people: the facilitator starts it on a period of
// five actions; an editor on a phone follows the same screen (the action shown to all); two actions
// slip and are re-planned into the next period in one step, and the calendar's load view of the next
// period updates live on a third screen; a key result is measured, a decision recorded; the summary
// lists all five actions and is kept with the plan.
import { type Page } from '@playwright/test';
import {
	createPlanAsFacilitator,
	expect,
	expectNoAxeViolations,
	joinSynced,
	openSection,
	test
} from './fixtures';

test.setTimeout(120_000);

const action = (page: Page, name: string) => page.getByTestId('meeting-action').filter({ hasText: name });

test('a progress meeting on a period of five actions, two slipped, followed on every screen', async ({
	page,
	browser
}) => {
	const invites = await createPlanAsFacilitator(page, 'Plan point d’avancement');
	await page.getByTestId('new-member-name').fill('Karim Benali');
	await page.getByTestId('add-member').click();
	await page.getByTestId('member-capacity').first().fill('3');
	await page.getByTestId('member-capacity').first().press('Enter');
	await page.getByTestId('generate-periods').click();
	await expect(page.getByTestId('period-row')).toHaveCount(36);

	// Five actions in P1 (the first ten days of January), three for Karim.
	await openSection(page, 'actions');
	await page.getByTestId('paste-open').click();
	await page
		.getByTestId('paste-text')
		.fill(
			[
				'Nom\tResponsable\tJours-homme\tPériode',
				'Newsletter de janvier\tKarim Benali\t1\tP1',
				'Salon des seniors\tKarim Benali\t2\tP1',
				'Webinaire produit\t\t1\tP1',
				'Mailing fidélité\tKarim Benali\t1\tP1',
				'Spot radio\t\t2\tP1'
			].join('\n')
		);
	await page.getByTestId('paste-create').click();
	await page.getByTestId('paste-dialog').getByRole('button', { name: 'Fermer' }).last().click();
	await expect(page.getByTestId('action-row')).toHaveCount(5);

	// Sophie watches the next period's load in the calendar; Karim joins the meeting on his phone.
	const sophie = await joinSynced(browser, invites.editorLink, 'Sophie Martin');
	await openSection(sophie, 'planning');
	await sophie.getByTestId('view-periods').click();
	await sophie.getByTestId('period-pick').selectOption({ index: 1 });
	await expect(sophie.getByTestId('period-pick').locator('option:checked')).toHaveText(/^P2 ·/);
	await expect(sophie.getByTestId('period-action-count')).toHaveText('0');
	const karim = await joinSynced(browser, invites.editorLink, 'Karim Benali', {
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true
	});
	await openSection(karim, 'planning');

	// The facilitator starts the meeting on P1; Karim's calendar says so and takes him there.
	await openSection(page, 'planning');
	await page.getByTestId('meeting-link').click();
	await page.getByTestId('meeting-period').selectOption({ label: 'P1' });
	await page.getByTestId('meeting-start').click();
	await expect(page.getByTestId('meeting-action')).toHaveCount(5);
	await karim.getByTestId('meeting-banner').getByRole('link').click();
	await expect(karim.getByTestId('meeting-action')).toHaveCount(5);
	await expect(karim.getByTestId('meeting-start')).toHaveCount(0);

	// One by one: the action shown to all is the same on Karim's phone.
	await action(page, 'Salon des seniors').getByRole('button', { name: 'Montrer à tous' }).click();
	await expect(action(karim, 'Salon des seniors')).toHaveAttribute('aria-current', 'true');
	await expect(action(karim, 'Salon des seniors')).toBeInViewport();
	await action(page, 'Newsletter de janvier').getByTestId('meeting-outcome-done').click();
	await action(karim, 'Salon des seniors').getByTestId('meeting-outcome-slipped').click();
	await action(karim, 'Salon des seniors').getByTestId('meeting-note').fill('Stand livré en retard');
	await action(karim, 'Salon des seniors').getByTestId('meeting-note').press('Enter');
	await action(page, 'Mailing fidélité').getByTestId('meeting-outcome-slipped').click();
	await action(page, 'Spot radio').getByTestId('meeting-outcome-blocked').click();
	await action(page, 'Webinaire produit').getByTestId('meeting-outcome-done').click();
	await expect(karim.getByTestId('meeting-counts')).toHaveText(
		'Fait : 2 · Glissé : 2 · Bloqué : 1 · Pas revu : 0'
	);
	await expect(action(page, 'Salon des seniors').getByTestId('meeting-note')).toHaveValue(
		'Stand livré en retard'
	);

	// Re-planned in one step: P2's load is updated on Sophie's calendar.
	await page.getByTestId('meeting-replan-button').click();
	await expect(page.getByTestId('meeting-next-load')).toContainText('3 j/h');
	await expect(sophie.getByTestId('period-action-count')).toHaveText('2');
	await expect(sophie.getByTestId('period-action')).toHaveCount(2);
	await expect(sophie.getByTestId('period-person-days')).toContainText('3');

	// A decision; then the summary, saved with the plan.
	await page.getByLabel('Nouvelle décision').fill('Le salon passe avant le webinaire de février');
	await page.getByRole('button', { name: 'Noter la décision' }).click();
	await expect(karim.getByTestId('meeting-decision')).toHaveText(
		'Le salon passe avant le webinaire de février'
	);
	await expectNoAxeViolations(page);
	await page.screenshot({ path: '/tmp/i26-meeting-fr.png', fullPage: true });
	await karim.screenshot({ path: '/tmp/i26-meeting-phone.png', fullPage: true });
	await page.getByTestId('meeting-end').click();
	const summary = page.getByTestId('meeting-summary');
	await expect(summary.getByTestId('meeting-summary-action')).toHaveCount(5);
	await expect(summary.getByTestId('meeting-summary-counts')).toHaveText(
		'Fait : 2 · Glissé : 2 · Bloqué : 1 · Pas revu : 0'
	);
	await expect(summary).toContainText('Stand livré en retard');
	await expect(summary).toContainText('Le salon passe avant le webinaire de février');
	await expect(summary.getByTestId('meeting-summary-load')).toContainText('3 j/h');
	await page.screenshot({ path: '/tmp/i26-meeting-summary-fr.png', fullPage: true });
	await page.getByTestId('lang-en').click();
	await expect(summary.getByTestId('meeting-summary-counts')).toHaveText(
		'Done: 2 · Slipped: 2 · Blocked: 1 · Not reviewed: 0'
	);
	await page.screenshot({ path: '/tmp/i26-meeting-summary-en.png', fullPage: true });

	// Karim's screen leaves the meeting; the summary stays with the plan for him too.
	await expect(karim.getByTestId('meeting-room')).toHaveCount(0);
	await karim.getByRole('button', { name: /Voir le compte rendu de P1/ }).click();
	await expect(karim.getByTestId('meeting-summary-action')).toHaveCount(5);

	// The printed report carries the meeting's summary.
	await page.goto(page.url().replace(/\/meeting$/, '/report'));
	await expect(page.getByTestId('report-meetings').getByTestId('meeting-summary-action')).toHaveCount(5);
	await sophie.context().close();
	await karim.context().close();
});
