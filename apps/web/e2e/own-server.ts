// A Cap server of a test's own (its data folder, its port, its settings), for a test that changes what the
// server does (fills its disk, lowers a limit) without touching the tests sharing the configured server.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface OwnServer {
	url: string;
	/** The settings it was started with beyond the defaults. */
	env: Record<string, string>;
	child: ChildProcess;
}

/** Starts `node apps/server/src/main.ts` on a free port with `settings(dataDir)`; stop it with child.kill(). */
export async function startOwnServer(
	settings: (dataDir: string) => Record<string, string>
): Promise<OwnServer> {
	const dataDir = mkdtempSync(join(tmpdir(), 'cap-e2e-own-'));
	const env = settings(dataDir);
	const child = spawn(process.execPath, ['apps/server/src/main.ts'], {
		cwd: resolve(import.meta.dirname, '../../..'),
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			LOG_LEVEL: 'error',
			PLAN_CREATION_RATE: '1000/m',
			JOIN_RATE: '1000/m',
			...env
		},
		stdio: ['ignore', 'pipe', 'ignore']
	});
	const url = await new Promise<string>((done, fail) => {
		let out = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const match = /Cap listening on (\S+)/.exec(out);
			if (match) done(match[1]!);
		});
		child.once('exit', (code) => fail(new Error(`the server exited (${code})`)));
	});
	return { url, env, child };
}
