/**
 * Several processes (README, "Several processes"): the live room of room.ts, same clients, against
 *   1. one Cap + PostgreSQL process, clients connected to it directly;
 *   2. one Cap + PostgreSQL process behind nginx (what the proxy alone costs);
 *   3. two Cap processes on PostgreSQL + Redis behind nginx (deploy/nginx.conf), clients spread by it.
 * End-to-end latency (a write until every other client has it) p50/p99 and deliveries per second, side
 * by side, to bench-results/cluster.json and cluster.md. Measures only, asserts nothing. Without nginx
 * (apt-get install nginx) the proxy rows are skipped with a message; without PostgreSQL or Redis the
 * whole run is.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { redisAnswers } from '../test/cluster-helpers.ts';
import { PG_URL } from '../test/helpers.ts';
import {
	cleanupAll,
	defer,
	pgSchema,
	postgresReachable,
	ONE_ADDRESS_ENV,
	spawnServer,
	tempDir,
	type ServerProcess
} from './lib.ts';
import { benchRoom, type RoomResult } from './room.ts';

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const NGINX_CONF = fileURLToPath(new URL('../../../deploy/nginx.conf', import.meta.url));
const RESULTS_DIR = fileURLToPath(new URL('../../../bench-results/', import.meta.url));
const quick = Boolean(process.env.BENCH_QUICK);
const params = {
	sizes: quick ? [10] : [20, 100],
	room: { seconds: quick ? 5 : 10, warmupMs: quick ? 1_000 : 2_000, drainMs: quick ? 2_000 : 4_000 },
	repeats: 1
};

type Setup = 'one-direct' | 'one-proxy' | 'two-proxy';
const LABELS: Record<Setup, string> = {
	'one-direct': '1 process, direct',
	'one-proxy': '1 process behind nginx',
	'two-proxy': '2 processes (Redis) behind nginx'
};

interface Row {
	setup: Setup;
	clients: number;
	result: RoomResult;
}

function nginxAvailable(): Promise<boolean> {
	return new Promise((resolve) => {
		const child = spawn('nginx', ['-v'], { stdio: 'ignore' });
		child.once('error', () => resolve(false));
		child.once('exit', (code) => resolve(code === 0));
	});
}

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** Runs deploy/nginx.conf with its upstream servers and port replaced; resolves with its URL. */
async function startNginx(upstreams: string[]): Promise<string> {
	const prefix = mkdtempSync(join(tmpdir(), 'cap-bench-nginx-'));
	const port = await freePort();
	const servers = upstreams
		.map((url) => `\t\tserver ${new URL(url).host} max_fails=1 fail_timeout=2s;`)
		.join('\n');
	const conf = readFileSync(NGINX_CONF, 'utf8')
		.replace(/(\t\tserver 127\.0\.0\.1:\d+[^\n]*\n)+/, `${servers}\n`)
		.replace(/listen 127\.0\.0\.1:\d+;/, `listen 127.0.0.1:${port};`);
	const file = join(prefix, 'nginx.conf');
	writeFileSync(file, conf);
	const child: ChildProcess = spawn('nginx', ['-p', prefix, '-c', file, '-g', 'daemon off;'], {
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	defer(async () => {
		if (child.exitCode === null) child.kill('SIGQUIT');
		await exited;
		rmSync(prefix, { recursive: true, force: true });
	});
	const url = `http://127.0.0.1:${port}`;
	for (const deadline = Date.now() + 10_000; ;) {
		const ok = await fetch(`${url}/readyz`).then(
			(res) => res.ok,
			() => false
		);
		if (ok) return url;
		if (child.exitCode !== null || Date.now() > deadline) throw new Error('nginx did not start');
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** A ServerProcess whose clients go through `url`, CPU and memory summed over `servers`. */
function behind(url: string, servers: ServerProcess[]): ServerProcess {
	return { ...servers[0]!, url, pids: servers.map((s) => s.pid) };
}

async function main(): Promise<void> {
	if (!(await postgresReachable()) || !(await redisAnswers(REDIS_URL))) {
		console.warn(`cluster bench skipped: PostgreSQL (${PG_URL}) or Redis (${REDIS_URL}) unreachable`);
		return;
	}
	const nginx = await nginxAvailable();
	if (!nginx)
		console.warn('nginx is not installed (apt-get install nginx): skipping the rows behind the proxy');
	const rows: Row[] = [];
	const started = Date.now();
	const log = (line: string) =>
		console.log(`[cluster bench ${Math.round((Date.now() - started) / 1000)} s] ${line}`);
	for (const clients of params.sizes) {
		for (const setup of ['one-direct', 'one-proxy', 'two-proxy'] as Setup[]) {
			if (setup !== 'one-direct' && !nginx) continue;
			log(`room of ${clients}: ${LABELS[setup]}…`);
			const schema = pgSchema();
			const env = (redis: boolean) => ({
				...ONE_ADDRESS_ENV,
				DATA_DIR: tempDir(),
				DATABASE_URL: PG_URL,
				PG_SCHEMA: schema,
				...(redis && { REDIS_URL })
			});
			const servers =
				setup === 'two-proxy'
					? await Promise.all([
							spawnServer('cap-postgres', env(true)),
							spawnServer('cap-postgres', env(true))
						])
					: [await spawnServer('cap-postgres', env(false))];
			try {
				const target =
					setup === 'one-direct' ? servers[0]! : behind(await startNginx(servers.map((s) => s.url)), servers);
				const result = await benchRoom('cap-postgres', target, { clients, ...params.room }, params.repeats);
				rows.push({ setup, clients, result });
			} finally {
				await Promise.all(servers.map((s) => s.stop()));
			}
		}
	}
	const meta = {
		date: new Date().toISOString(),
		node: process.version,
		cpus: availableParallelism(),
		cpuModel: cpus()[0]?.model ?? 'unknown',
		nginx,
		quick,
		parameters: params,
		durationSec: Math.round((Date.now() - started) / 1000)
	};
	mkdirSync(RESULTS_DIR, { recursive: true });
	const markdown = render(meta, rows);
	await writeFormatted('cluster.json', JSON.stringify({ meta, rows }));
	await writeFormatted('cluster.md', markdown);
	console.log(`\n${markdown}`);
}

function render(meta: Record<string, unknown>, rows: Row[]): string {
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	const header = ['clients', 'setup', 'p50 ms', 'p99 ms', 'delivered %', 'deliveries/s', 'server CPU %'];
	return [
		'# Several processes: one process against two behind nginx',
		'',
		`Measured ${String(meta.date)} on ${String(meta.cpus)} CPUs (${String(meta.cpuModel)}), Node ${String(meta.node)}, ` +
			'a machine shared with other work: the figures are rough. Written by `node bench/cluster.ts` ' +
			'(`npm run bench`). The live room of room.ts: each client writes a small record once a second; ' +
			'latency is a write until every other client has it; CPU is summed over the Cap processes.',
		'',
		line(header),
		line(header.map(() => '---')),
		...rows.map((r) =>
			line([
				String(r.clients),
				LABELS[r.setup],
				r.result.median.p50.toFixed(1),
				r.result.median.p99.toFixed(1),
				r.result.median.deliveredPercent.toFixed(1),
				String(r.result.median.deliveriesPerSec),
				String(r.result.median.cpuPercent)
			])
		),
		...(meta.nginx ? [] : ['', 'nginx is not installed: the rows behind the proxy were skipped.']),
		''
	].join('\n');
}

async function writeFormatted(name: string, text: string): Promise<void> {
	const file = `${RESULTS_DIR}${name}`;
	const options = (await prettier.resolveConfig(file)) ?? {};
	writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
}

process.setMaxListeners(0);
try {
	await main();
} finally {
	await cleanupAll();
}
process.exit(process.exitCode ?? 0);
