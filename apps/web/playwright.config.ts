/**
 * End-to-end tests against the real server (API + websocket + the built web app on one port).
 * `pnpm --filter @cap/web build` first (turbo's e2e task depends on build). Chromium is the system one:
 * never download browsers here.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

/** A free port, found synchronously because the config must be a plain object. */
function freePort(): number {
	const script =
		"const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
	return Number(execFileSync(process.execPath, ['-e', script]).toString());
}

// Workers evaluate this file again: the env carries the main process's choice so everyone agrees.
process.env.CAP_E2E_PORT ??= String(freePort());
process.env.CAP_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'cap-e2e-'));
const port = Number(process.env.CAP_E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
const repoRoot = resolve(import.meta.dirname, '../..');

export default defineConfig({
	testDir: 'e2e',
	fullyParallel: false,
	workers: 2,
	// No retries, in CI either: a flaky test must fail and be fixed, not pass on a second try.
	retries: 0,
	forbidOnly: !!process.env.CI,
	reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
	// A hang guard, not a speed check: most tests take 5-15 s on a quiet 2-core machine, and the same
	// suite has run 2.3x slower on a busy one (two workers, each with Chromium and the server's share).
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL,
		locale: 'fr-FR',
		// A trace is kept for a failed test where someone can open it (a local run). CI keeps only what it
		// prints, so recording one there buys nothing, and recording costs about a quarter of each test's
		// time on a 2-core machine (5 tests: 66 s with, 48.5 s without).
		trace: process.env.CI ? 'off' : 'retain-on-failure',
		// The service worker caches the whole build (about 170 files) in every new browser context, and a
		// test opens several: on a 2-core machine that made each test about a fifth slower. It is blocked
		// here and allowed, with `test.use({ serviceWorkers: 'allow' })`, where the test needs it: what works
		// offline (offline.test.ts, the offline comment in comments.test.ts: the comment editor then comes
		// from the worker's cache) and the whole flow as a room runs it (whole-flow.test.ts).
		serviceWorkers: 'block',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	webServer: {
		command: 'node apps/server/src/main.ts',
		cwd: repoRoot,
		url: `${baseURL}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'pipe',
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: process.env.CAP_E2E_DATA_DIR,
			LOG_LEVEL: 'warn',
			// Every test creates its plans and joins from 127.0.0.1: one address, many people. The other
			// limits keep their defaults.
			PLAN_CREATION_RATE: '1000/m',
			JOIN_RATE: '1000/m'
		}
	}
});
