/**
 * Web benchmark (measures, asserts nothing): `pnpm run bench` in apps/web, after `vite build`.
 * Starts the real server, seeds a plan with 2,000 actions from a Node collaborator, opens the actions
 * section in headless Chromium with a session already in localStorage, and measures:
 * - time to first render of the table rows (navigation start → first row in the DOM, and wall clock),
 * - how many rows are in the DOM (virtualisation),
 * - remote edit latency: a rename by the Node collaborator → the new name in the browser's DOM,
 * - scrolling: frame times while the table scrolls from top to bottom,
 * - the planning section's first render, when it exists.
 * Writes bench-results/web.json and web.md at the repo root. BENCH_QUICK=1 seeds 200 actions.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { type Page } from '@playwright/test';
import { addDays, selectActions, updateAction } from '@cap/plan-model';
import {
	CHROMIUM,
	launchChromium,
	collaborate,
	createPlan,
	joinPlan,
	REPO_ROOT,
	seedPlan,
	startServer
} from './lib.ts';

const COUNT = process.env.BENCH_QUICK ? 200 : 2000;
const EDITS = process.env.BENCH_QUICK ? 5 : 20;

const quantile = (xs: number[], q: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

async function firstRender(page: Page, url: string, selector: string) {
	const t0 = Date.now();
	await page.goto(url);
	await page.waitForSelector(selector, { timeout: 60_000 });
	const wall = Date.now() - t0;
	const sinceNavigation = await page.evaluate(() => performance.now());
	return { wallMs: wall, sinceNavigationMs: r1(sinceNavigation) };
}

async function main() {
	const server = await startServer();
	const browser = await launchChromium();
	try {
		const plan = await createPlan(server.url, 'Plan bench');
		const seeder = await joinPlan(server.url, plan.invites.editor, 'Bench seeder');
		const viewer = await joinPlan(server.url, plan.invites.editor, 'Marie Dupont');
		const collaborator = await collaborate(server.url, seeder);
		const seedStart = Date.now();
		seedPlan(collaborator, COUNT);
		await collaborator.flushed();
		const seedMs = Date.now() - seedStart;
		const docBytes = (await import('yjs')).encodeStateAsUpdate(collaborator.doc).byteLength;

		const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
		await context.addInitScript(
			([key, session]) => {
				localStorage.setItem(key, session);
				localStorage.setItem('cap.locale', 'fr');
			},
			[`cap.session.${plan.planId}`, JSON.stringify(viewer)] as const
		);
		const page = await context.newPage();
		const base = server.url;

		// Cold (first) and warm (second) load of the table.
		const table = [];
		for (let i = 0; i < 3; i++) {
			table.push(await firstRender(page, `${base}/p/${plan.planId}/actions`, '[data-testid="action-row"]'));
		}
		const domRows = await page.locator('[data-testid="action-row"]').count();

		// Remote edits: the collaborator renames the first action; the browser's DOM shows it.
		const first = selectActions(collaborator.doc)[0]!;
		const latencies: number[] = [];
		for (let i = 0; i < EDITS; i++) {
			const name = `Renommée ${i} ${Math.random().toString(36).slice(2, 7)}`;
			const seen = page.evaluate(
				(expected) =>
					new Promise<number>((ok) => {
						const check = () => {
							const cell = document.querySelector('[data-testid="action-row"] [data-testid="cell-name"]');
							if (cell?.textContent?.includes(expected)) {
								observer.disconnect();
								ok(performance.timeOrigin + performance.now());
							}
						};
						const observer = new MutationObserver(check);
						observer.observe(document.body, { subtree: true, childList: true, characterData: true });
					}),
				name
			);
			await new Promise((r) => setTimeout(r, 50));
			const t0 = Date.now();
			updateAction(collaborator.doc, { id: first.id, name }, collaborator.origin);
			latencies.push((await seen) - t0);
		}

		// Scrolling the whole table, one step per frame: frame durations.
		const frames = await page.evaluate(async () => {
			const scroller = document.querySelector<HTMLElement>('[data-testid="action-table"]')!;
			const times: number[] = [];
			let last = performance.now();
			const step = Math.max(200, scroller.scrollHeight / 240);
			while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
				scroller.scrollTop += step;
				await new Promise(requestAnimationFrame);
				const now = performance.now();
				times.push(now - last);
				last = now;
			}
			return times;
		});

		// The board with every action.
		const boardStart = Date.now();
		await page.getByTestId('mode-board').click();
		await page.waitForSelector('[data-testid="board-card"]');
		const boardMs = Date.now() - boardStart;

		// The timeline with every action: first bar drawn, then remote moves of one bar.
		let planning: { wallMs: number; sinceNavigationMs: number } | null = null;
		const timelineMoves: number[] = [];
		const hasPlanning = await page.locator('[data-testid="nav-planning"]').count();
		if (hasPlanning) {
			await page.goto(`${base}/p/${plan.planId}/actions`);
			planning = await firstRender(page, `${base}/p/${plan.planId}/planning`, '[data-testid="timeline-bar"]');
			const dated = selectActions(collaborator.doc).find((a) => a.start && a.end)!;
			let start = dated.start!;
			let end = dated.end!;
			for (let i = 0; i < EDITS; i++) {
				start = addDays(start, 1);
				end = addDays(end, 1);
				const seen = page.evaluate(
					({ id, expected }) =>
						new Promise<number>((ok) => {
							const check = () => {
								const bar = document.querySelector(`[data-bar="${id}"]`);
								if (bar?.getAttribute('data-start') === expected) {
									observer.disconnect();
									ok(performance.timeOrigin + performance.now());
								}
							};
							const observer = new MutationObserver(check);
							observer.observe(document.body, { subtree: true, childList: true, attributes: true });
						}),
					{ id: dated.id, expected: start }
				);
				await new Promise((r) => setTimeout(r, 50));
				const t0 = Date.now();
				updateAction(collaborator.doc, { id: dated.id, start, end }, collaborator.origin);
				timelineMoves.push((await seen) - t0);
			}
		}
		collaborator.destroy();

		const results = {
			date: new Date().toISOString(),
			node: process.version,
			cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
			actions: COUNT,
			seed: { ms: seedMs, docBytes },
			table: {
				firstRowColdMs: table[0],
				firstRowWarmMs: table.slice(1),
				domRows
			},
			remoteEdit: {
				edits: EDITS,
				p50Ms: r1(quantile(latencies, 0.5)),
				p95Ms: r1(quantile(latencies, 0.95)),
				maxMs: r1(Math.max(...latencies))
			},
			scroll: {
				frames: frames.length,
				meanFrameMs: r1(frames.reduce((a, b) => a + b, 0) / frames.length),
				p95FrameMs: r1(quantile(frames, 0.95)),
				maxFrameMs: r1(Math.max(...frames))
			},
			boardFirstCardMs: boardMs,
			planning,
			timelineRemoteMove: timelineMoves.length
				? {
						moves: timelineMoves.length,
						p50Ms: r1(quantile(timelineMoves, 0.5)),
						p95Ms: r1(quantile(timelineMoves, 0.95)),
						maxMs: r1(Math.max(...timelineMoves))
					}
				: null
		};
		const dir = join(REPO_ROOT, 'bench-results');
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'web.json'), JSON.stringify(results, null, '\t') + '\n');
		const md = `# Cap web benchmarks

${results.date} · Node ${results.node} · ${results.cpus} · headless Chromium (${CHROMIUM})

A plan with **${COUNT} actions** (members, workstreams, channels, 36 periods, every field filled) is
seeded by a Node collaborator through the real server (${(docBytes / 1024).toFixed(0)} KB of Yjs state,
${seedMs} ms to seed and acknowledge). The browser opens \`/p/<id>/actions\` with its session in
localStorage. Times in ms.

| measure | value |
| --- | --- |
| table, first row rendered (cold, since navigation) | ${table[0]!.sinceNavigationMs} |
| table, first row rendered (cold, wall clock incl. goto) | ${table[0]!.wallMs} |
| table, first row rendered (warm, since navigation) | ${table
			.slice(1)
			.map((t) => t.sinceNavigationMs)
			.join(' / ')} |
| rows in the DOM (virtualised) | ${domRows} of ${COUNT} |
| remote rename → visible in the DOM, p50 | ${results.remoteEdit.p50Ms} |
| remote rename → visible in the DOM, p95 | ${results.remoteEdit.p95Ms} |
| remote rename → visible in the DOM, max | ${results.remoteEdit.maxMs} |
| scroll top → bottom, mean frame | ${results.scroll.meanFrameMs} (${frames.length} frames) |
| scroll, p95 / max frame | ${results.scroll.p95FrameMs} / ${results.scroll.maxFrameMs} |
| board, first card after the switch | ${boardMs} |
| timeline, first bar drawn (since navigation) | ${planning ? planning.sinceNavigationMs : 'n/a'} |
| remote move of a bar → redrawn, p50 / p95 / max | ${
			results.timelineRemoteMove
				? `${results.timelineRemoteMove.p50Ms} / ${results.timelineRemoteMove.p95Ms} / ${results.timelineRemoteMove.maxMs}`
				: 'n/a'
		} |
`;
		writeFileSync(join(dir, 'web.md'), md);
		console.log(md);
	} finally {
		await browser.close();
		await server.stop();
	}
}

await main();
