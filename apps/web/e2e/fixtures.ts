// The e2e tests' `test` (fails a test on any console error or warning and any uncaught page error, in
// every page of every browser context the test opens) and plain helpers shared by the tests: the
// create-plan, join-by-invite and open-section flows, and axe.
import AxeBuilder from '@axe-core/playwright';
import {
	test as base,
	expect,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from '@playwright/test';

export { expect };

/** One console error or warning, or uncaught error, seen in a page during a test. */
export interface ConsoleProblem {
	kind: string;
	text: string;
	url: string;
}

/** The test's console watch: what it saw, and the few messages the test expects (a refused request). */
export interface ConsoleGuard {
	readonly problems: ConsoleProblem[];
	/**
	 * Accepts the messages matching `pattern` for the rest of the test, for a test that provokes them on
	 * purpose: the browser logs every 4xx response as an error, such as a revoked invite being refused.
	 */
	allow(pattern: RegExp): void;
}

/** Playwright's own note when the config blocks a service worker (playwright.config.ts), not the app's. */
const PLAYWRIGHT_NOTE = /^Service Worker registration blocked by Playwright$/;

/**
 * Collects the console errors and warnings and the uncaught errors of one page, for a test that checks a
 * page at a point of its own (the automatic guard below checks every page at the end of every test).
 */
export function watchConsole(page: Page): string[] {
	const messages: string[] = [];
	page.on('console', (m) => {
		if ((m.type() === 'error' || m.type() === 'warning') && !PLAYWRIGHT_NOTE.test(m.text()))
			messages.push(m.text());
	});
	page.on('pageerror', (e) => messages.push(String(e)));
	return messages;
}

export const test = base.extend<{ consoleGuard: ConsoleGuard }>({
	/**
	 * Automatic: listens on the default context and on every context the test makes with
	 * browser.newContext() or browser.newPage() (helpers such as joinAs included), and fails the test at
	 * its end if any page logged an error or a warning or threw. Listening on the context rather than on
	 * a page also catches pages opened later in it (popups, context.newPage()).
	 */
	consoleGuard: [
		async ({ browser, context }, use, testInfo) => {
			const problems: ConsoleProblem[] = [];
			const allowed: RegExp[] = [PLAYWRIGHT_NOTE];
			const record = (problem: ConsoleProblem) => {
				if (!allowed.some((pattern) => pattern.test(problem.text))) problems.push(problem);
			};
			const watched = new WeakSet<BrowserContext>();
			const watch = (ctx: BrowserContext) => {
				if (watched.has(ctx)) return;
				watched.add(ctx);
				ctx.on('console', (message) => {
					const kind = message.type();
					if (kind !== 'error' && kind !== 'warning') return;
					// The resource's address when the message is about one (a failed request), else the page's.
					const url = message.location().url || (message.page()?.url() ?? '');
					record({ kind, text: message.text(), url });
				});
				ctx.on('weberror', (error) => {
					record({ kind: 'pageerror', text: String(error.error()), url: error.page()?.url() ?? '' });
				});
			};
			watch(context);
			browser.on('context', watch);
			try {
				await use({ problems, allow: (pattern) => allowed.push(pattern) });
			} finally {
				browser.off('context', watch);
			}
			if (problems.length > 0) {
				await testInfo.attach('console-problems', {
					body: JSON.stringify(problems, null, 2),
					contentType: 'application/json'
				});
			}
			expect(
				problems.map((p) => `${p.kind}: ${p.text} (${p.url})`),
				'console errors, warnings and page errors'
			).toEqual([]);
		},
		{ auto: true }
	]
});

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
