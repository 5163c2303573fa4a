/**
 * Web bundle benchmark (measures, asserts nothing): `node bench/bundle.bench.ts` in apps/web, after
 * `vite build`. Starts the real server, creates a plan, and opens each entry page in headless Chromium
 * (a phone, 390x844, for the pages a phone opens; a desktop for the others) with the session already in
 * localStorage. It records every script the page loads until the network is idle, then reads those
 * files from the build and compresses them (gzip level 9 and brotli quality 11, as the server's
 * precompressed copies are), so the figures do not depend on what Chromium negotiates over plain http.
 * The service worker is blocked: the figures are what the page itself needs to open, not the cache it
 * fills in the background for offline use (reported apart as `offlineCache`).
 * Writes bench-results/bundle.json and bundle.md at the repo root.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type Browser } from '@playwright/test';
import { createPlan, joinPlan, launchChromium, REPO_ROOT, startServer, type BrowserSession } from './lib.ts';

const CLIENT = join(REPO_ROOT, 'apps/web/build/client');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

interface Sizes {
	raw: number;
	gzip: number;
	brotli: number;
}

function sizesOf(file: string): Sizes {
	const bytes = readFileSync(file);
	return {
		raw: bytes.byteLength,
		gzip: gzipSync(bytes, { level: 9 }).byteLength,
		brotli: brotliCompressSync(bytes, {
			params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength }
		}).byteLength
	};
}

function add(a: Sizes, b: Sizes): Sizes {
	return { raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli };
}

const ZERO: Sizes = { raw: 0, gzip: 0, brotli: 0 };

interface Entry {
	name: string;
	path: string;
	viewport: typeof PHONE;
	/** Shown once the page is usable. */
	ready: string;
}

async function measure(browser: Browser, base: string, session: BrowserSession | null, entry: Entry) {
	const context = await browser.newContext({
		viewport: entry.viewport,
		locale: 'fr-FR',
		serviceWorkers: 'block'
	});
	if (session) {
		await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
			`cap.session.${session.planId}`,
			JSON.stringify(session)
		] as const);
	}
	const page = await context.newPage();
	const scripts = new Set<string>();
	page.on('response', (response) => {
		const url = new URL(response.url());
		if (url.origin === new URL(base).origin && response.request().resourceType() === 'script')
			scripts.add(url.pathname);
	});
	await page.goto(base + entry.path);
	await page.waitForSelector(entry.ready, { timeout: 60_000 });
	await page.waitForLoadState('networkidle');
	await context.close();
	let total = ZERO;
	const files = [...scripts].sort().map((path) => ({ path, ...sizesOf(join(CLIENT, path)) }));
	for (const file of files) total = add(total, file);
	// Each file's share, the heaviest first: where to look when a page grows.
	files.sort((a, b) => b.gzip - a.gzip);
	return {
		name: entry.name,
		path: entry.path,
		viewport: entry.viewport,
		files: files.length,
		...total,
		scripts: files
	};
}

function allScripts(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = join(dir, name);
		if (statSync(full).isDirectory()) return allScripts(full);
		return name.endsWith('.js') ? [full] : [];
	});
}

async function main() {
	const server = await startServer();
	const browser = await launchChromium();
	try {
		const plan = await createPlan(server.url, 'Plan bench');
		const phone = await joinPlan(server.url, plan.invites.commenter, 'Téléphone');
		const desk = await joinPlan(server.url, plan.invites.editor, 'Bureau');
		const id = plan.planId;
		const pages: [BrowserSession | null, Entry][] = [
			[null, { name: 'home', path: '/', viewport: PHONE, ready: '[data-testid="create-title"]' }],
			[null, { name: 'join by code', path: '/code', viewport: PHONE, ready: '[data-testid="code-input"]' }],
			[
				phone,
				{
					name: 'workshop (phone)',
					path: `/p/${id}/workshop`,
					viewport: PHONE,
					ready: '[data-testid="workshop"]'
				}
			],
			[phone, { name: 'objectives (phone)', path: `/p/${id}/objectives`, viewport: PHONE, ready: 'h1' }],
			[
				desk,
				{
					name: 'settings',
					path: `/p/${id}/settings`,
					viewport: DESKTOP,
					ready: '[data-testid="settings-title"]'
				}
			],
			[
				desk,
				{
					name: 'actions',
					path: `/p/${id}/actions`,
					viewport: DESKTOP,
					ready: '[data-testid="new-action-name"]'
				}
			],
			[desk, { name: 'planning', path: `/p/${id}/planning`, viewport: DESKTOP, ready: 'h1' }],
			[desk, { name: 'dashboard', path: `/p/${id}/dashboard`, viewport: DESKTOP, ready: 'h1' }]
		];
		const entries = [];
		for (const [session, entry] of pages) entries.push(await measure(browser, server.url, session, entry));
		// What the server sends a browser that accepts brotli (every current one): the precompressed copy.
		const workshop = entries.find((e) => e.name === 'workshop (phone)')!;
		const probe = await fetch(server.url + workshop.scripts[0]!.path, {
			headers: { 'accept-encoding': 'br, gzip' }
		});
		await probe.arrayBuffer();
		const served = probe.headers.get('content-encoding') ?? 'identity';
		const GOAL_KB = 120;
		const asServed = served === 'br' ? workshop.brotli : served === 'gzip' ? workshop.gzip : workshop.raw;
		const every = allScripts(join(CLIENT, '_app'));
		const offlineCache = every.reduce((sum, file) => add(sum, sizesOf(file)), ZERO);
		const results = {
			date: new Date().toISOString(),
			note: 'Bytes of JavaScript each entry page loads until the network is idle (service worker blocked).',
			entries,
			servedEncoding: served,
			goal: {
				text: `workshop (phone), as served: at most ${GOAL_KB} KB`,
				measuredKB: asServed / 1000,
				met: asServed <= GOAL_KB * 1000
			},
			offlineCache: { files: every.length, ...offlineCache }
		};
		const dir = join(REPO_ROOT, 'bench-results');
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'bundle.json'), JSON.stringify(results, null, '\t') + '\n');
		const kb = (n: number) => (n / 1000).toFixed(1);
		const md = [
			'# Web bundle per entry page',
			'',
			`Measured ${results.date} by \`apps/web/bench/bundle.bench.ts\` (JavaScript loaded until the network is idle, service worker blocked; compressed from the build with gzip -9 and brotli -11). 1 KB = 1,000 bytes.`,
			'',
			`The server sends these files precompressed: a browser accepting brotli gets the brotli copy (checked in this run: \`content-encoding: ${served}\`), one accepting only gzip the gzip copy. Browsers accept brotli over HTTPS (and on localhost), which a deployment needs anyway for the offline service worker; over plain HTTP to another host, Chromium asks for gzip only.`,
			'',
			`Goal: the workshop on a phone loads at most ${GOAL_KB} KB of JavaScript as served: **${kb(asServed)} KB (${served})**, ${asServed <= GOAL_KB * 1000 ? 'met' : '**not met**'}; ${kb(workshop.gzip)} KB for a browser without brotli.`,
			'',
			'| entry page | viewport | files | raw KB | gzip KB | brotli KB |',
			'| --- | --- | ---: | ---: | ---: | ---: |',
			...entries.map(
				(e) =>
					`| ${e.name} | ${e.viewport.width}x${e.viewport.height} | ${e.files} | ${kb(e.raw)} | ${kb(e.gzip)} | ${kb(e.brotli)} |`
			),
			'',
			`The service worker's offline cache (every script of the build, fetched in the background after the first visit): ${every.length} files, ${kb(offlineCache.gzip)} KB gzip, ${kb(offlineCache.brotli)} KB brotli.`,
			''
		].join('\n');
		writeFileSync(join(dir, 'bundle.md'), md);
		console.log(md);
	} finally {
		await browser.close();
		await server.stop();
	}
}

await main();
