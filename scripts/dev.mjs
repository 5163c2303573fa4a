// Development mode: the sync server on CAP_API_PORT (default 3001) restarted on change, and Vite's
// dev server with hot reload on PORT (default 5173), which proxies /api, /healthz and /collab to it.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const apiPort = process.env.CAP_API_PORT ?? '3001';
const children = [
	spawn(process.execPath, ['--watch', 'apps/server/src/main.ts'], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, PORT: apiPort }
	}),
	spawn('pnpm', ['--filter', '@cap/web', 'exec', 'vite', 'dev', '--port', process.env.PORT ?? '5173'], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, CAP_API_PORT: apiPort }
	})
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => (code ? (stop(), process.exit(code)) : undefined));
