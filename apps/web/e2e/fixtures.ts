// Plain helpers shared by the e2e tests: the create-plan, join-by-invite and open-section flows, and axe.
import AxeBuilder from '@axe-core/playwright';
import {
	expect,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from '@playwright/test';

export interface Invites {
	editorLink: string;
	commenterLink: string;
}

/** Creates a plan from the home page and returns its invite links; the page stays on the invites screen. */
export async function createPlan(page: Page, title: string): Promise<Invites> {
	await page.goto('/');
	await page.getByTestId('create-title').fill(title);
	await page.getByTestId('create-submit').click();
	const editorLink = await page.getByTestId('invite-link-editor').inputValue();
	const commenterLink = await page.getByTestId('invite-link-commenter').inputValue();
	return { editorLink, commenterLink };
}

/** Fills the join form with a name and submits it. */
export async function submitJoin(page: Page, name: string) {
	await page.getByTestId('join-name').fill(name);
	await page.getByTestId('join-submit').click();
}

/** From the invites screen, enters the plan as its facilitator. */
export async function enterAsFacilitator(page: Page, name = 'Marie Dupont') {
	await page.getByTestId('enter-facilitator').click();
	await submitJoin(page, name);
}

export function expectSaved(page: Page) {
	return expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'saved');
}

/** Creates a plan, enters it as facilitator and waits until it is saved; returns the invite links. */
export async function createPlanAsFacilitator(page: Page, title: string, name = 'Marie Dupont') {
	const invites = await createPlan(page, title);
	await enterAsFacilitator(page, name);
	await expectSaved(page);
	return invites;
}

/**
 * Opens an invite link (absolute, or a path) in a new page and joins under `name`. Given a browser, the
 * page is in a new context made with `options`; close it with `page.context().close()`.
 */
export async function joinAs(
	target: Browser | BrowserContext,
	link: string,
	name: string,
	options?: BrowserContextOptions
): Promise<Page> {
	const context = 'newContext' in target ? await target.newContext(options) : target;
	const page = await context.newPage();
	await page.goto(link.startsWith('/') ? link : new URL(link).pathname);
	await submitJoin(page, name);
	return page;
}

/** `joinAs`, then waits until the joined page is saved. */
export async function joinSynced(
	target: Browser | BrowserContext,
	link: string,
	name: string,
	options?: BrowserContextOptions
): Promise<Page> {
	const page = await joinAs(target, link, name, options);
	await expectSaved(page);
	return page;
}

/** Clicks a section of the plan's navigation: settings, objectives, actions, planning, workshop, budget… */
export function openSection(page: Page, section: string) {
	return page.getByTestId(`nav-${section}`).click();
}

/**
 * Asserts the page as it is now has no axe violations. Transitions are finished first: a colour
 * contrast measured halfway through a button's hover or toggle fade is neither the before nor the after
 * state, and made this check flaky.
 */
export async function expectNoAxeViolations(page: Page) {
	await page.addStyleTag({
		content: '*, *::before, *::after { transition: none !important; animation: none !important; }'
	});
	const results = await new AxeBuilder({ page }).analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
}

/** Opens the objectives and writes a business objective with one marketing objective under it. */
export async function addObjectives(page: Page) {
	await openSection(page, 'objectives');
	await page.getByTestId('new-business-name').fill('Croître le CA de 10 %');
	await page.getByTestId('add-business').click();
	await page.getByTestId('add-marketing').click();
	const name = page.getByTestId('mo-name').first();
	await expect(name).toBeFocused();
	await name.fill('Recruter 200 nouveaux clients');
	await name.press('Enter');
}
