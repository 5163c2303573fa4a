// The facilitator brings everyone to where the meeting is (issue #25: link joiners landed on Réglages while
// the kickoff ran in the workshop): whoever is elsewhere is asked to join, a new joiner lands there.
import { createPlanAsFacilitator, expect, joinSynced, openSection, test } from './fixtures';

test('GATHER-1 the facilitator gathers everyone in the workshop; links land there; releasing ends the call', async ({
	page,
	browser
}) => {
	const { editorLink, commenterLink } = await createPlanAsFacilitator(page, 'Atelier de lancement');
	const karim = await joinSynced(browser, editorLink, 'Karim Benali');
	await expect(karim).toHaveURL(/\/settings$/);
	await expect(karim.getByTestId('gather-call')).toHaveCount(0);

	await openSection(page, 'workshop');
	await page.getByTestId('gather-here').click();
	await expect(page.getByTestId('gather')).toContainText('Tout le monde est invité ici.');
	await expect(karim.getByTestId('gather-call')).toContainText('La réunion se passe dans Atelier.');
	await karim.getByTestId('gather-join').click();
	await expect(karim).toHaveURL(/\/workshop$/);
	await expect(karim.getByTestId('gather-call')).toHaveCount(0);

	// Someone joining by link now lands in the workshop.
	const lea = await joinSynced(browser, commenterLink, 'Léa Commerciale');
	await expect(lea).toHaveURL(/\/workshop$/);

	// Karim wanders off; released, nobody is called any more.
	await openSection(karim, 'actions');
	await expect(karim.getByTestId('gather-call')).toBeVisible();
	await page.getByTestId('gather-release').click();
	await expect(karim.getByTestId('gather-call')).toHaveCount(0);
	await karim.context().close();
	await lea.context().close();
});
