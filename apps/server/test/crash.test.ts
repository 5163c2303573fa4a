/**
 * The durability promise: once the provider reports no unsynced changes, the update is on disk, so
 * `kill -9` of the server right then loses nothing. The server runs as a child process
 * (`node src/main.ts`) so the kill is real.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
	acknowledged,
	createPlan,
	Harness,
	join as joinPlan,
	PG_URL,
	pgSchema,
	postgresAvailable,
	TEST_SECRET,
	tempDir,
	waitFor
} from './helpers.ts';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const h = new Harness();
const withPostgres = await postgresAvailable();
afterEach(() => h.cleanup());

/** Starts `node src/main.ts` and resolves with its URL, read from the line it prints on stdout. */
async function spawnServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
	const child = spawn(process.execPath, ['src/main.ts'], {
		cwd: serverDir,
		env: { ...process.env, PORT: '0', CAP_SECRET: TEST_SECRET, LOG_LEVEL: 'warn', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	h.defer(() => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	});
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const url = await waitFor(
		() => {
			if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
			return /Cap listening on (http:\/\/\S+)/.exec(stdout)?.[1] ?? '';
		},
		10_000,
		'the server to listen'
	);
	return { child, url };
}

function killed(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) return resolve();
		child.once('exit', () => resolve());
		child.kill('SIGKILL');
	});
}

async function crashScenario(env: Record<string, string>) {
	const first = await spawnServer(env);
	const plan = await createPlan(first.url);
	const editor = await joinPlan(first.url, plan, 'editor');
	const a = h.provider(first, plan.planId, editor.token);
	await acknowledged(a.provider);
	// Many small transactions, each its own message and its own row.
	for (let i = 0; i < 50; i++) a.doc.getMap('keyMoments').set(`k${i}`, i);
	const text = new Y.Text();
	a.doc.getMap('keyMoments').set('notes', text);
	text.insert(0, 'Objectif : +12 % de leads qualifiés');
	await acknowledged(a.provider);
	await killed(first.child);
	a.provider.destroy();

	const second = await spawnServer(env);
	const b = h.provider(second, plan.planId, (await joinPlan(second.url, plan, 'viewer')).token);
	await waitFor(() => b.provider.isSynced);
	expect(b.doc.getMap('keyMoments').size).toBe(51);
	expect(String(b.doc.getMap('keyMoments').get('notes'))).toBe('Objectif : +12 % de leads qualifiés');

	// A clean stop after the crash answers SIGTERM with exit code 0.
	const exit = new Promise<number | null>((resolve) => second.child.once('exit', (code) => resolve(code)));
	second.child.kill('SIGTERM');
	expect(await exit).toBe(0);
}

describe('kill -9 right after the last acknowledged write', () => {
	it('loses nothing with SQLite', async () => {
		const dir = tempDir();
		h.defer(() => rmSync(dir, { recursive: true, force: true }));
		await crashScenario({ DATA_DIR: dir });
	}, 30_000);

	it('loses nothing with SQLite and DURABILITY=power (the database in a worker thread)', async () => {
		const dir = tempDir();
		h.defer(() => rmSync(dir, { recursive: true, force: true }));
		await crashScenario({ DATA_DIR: dir, DURABILITY: 'power' });
	}, 30_000);

	it.runIf(withPostgres)(
		'loses nothing with PostgreSQL',
		async () => {
			const dir = tempDir();
			const { schema, drop } = pgSchema();
			h.defer(drop);
			h.defer(() => rmSync(dir, { recursive: true, force: true }));
			await crashScenario({ DATA_DIR: dir, DATABASE_URL: PG_URL, PG_SCHEMA: schema });
		},
		30_000
	);
});
