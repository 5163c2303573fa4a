/**
 * Helpers shared by the web benchmark and the screenshot script: the real server (the same command
 * playwright.config.ts runs) on a free port with a temporary DATA_DIR, a plan created and joined through
 * the HTTP API, and a Node collaborator (a HocuspocusProvider) that seeds and edits the plan with
 * plan-model commands, as a second person would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { chromium, type Browser } from '@playwright/test';
import {
	addAction,
	addListItem,
	generateTenDayPeriods,
	selectList,
	selectPeriods,
	userOrigin,
	type ActionStatus
} from '@cap/plan-model';
import type { CreatePlanResponse, JoinResponse } from '@cap/protocol';
import * as Y from 'yjs';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, as the benchmarks run it. */
export function launchChromium(): Promise<Browser> {
	return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}

export interface Server {
	url: string;
	stop(): Promise<void>;
}

export async function startServer(): Promise<Server> {
	const dataDir = mkdtempSync(join(tmpdir(), 'cap-web-bench-'));
	const child: ChildProcess = spawn(process.execPath, ['apps/server/src/main.ts'], {
		cwd: REPO_ROOT,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const url = await new Promise<string>((ok, fail) => {
		let out = '';
		const timer = setTimeout(() => fail(new Error('server did not start in 60 s')), 60_000);
		child.stdout?.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const match = /Cap listening on (\S+)/.exec(out);
			if (match) {
				clearTimeout(timer);
				ok(match[1]!);
			}
		});
		child.once('exit', (code) => fail(new Error(`server exited (${code})`)));
	});
	return {
		url,
		async stop() {
			if (child.exitCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await exited;
			}
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

async function post<T>(url: string, path: string, body: unknown): Promise<T> {
	const response = await fetch(new URL(path, url), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
	return (await response.json()) as T;
}

/** The session shape the web app keeps in localStorage under `cap.session.<planId>`. */
export interface BrowserSession extends JoinResponse {
	invite: string;
}

export async function createPlan(url: string, title: string): Promise<CreatePlanResponse> {
	return post<CreatePlanResponse>(url, '/api/plans', { title, year: 2027, locale: 'fr', company: 'Acme' });
}

export async function joinPlan(url: string, invite: string, name: string): Promise<BrowserSession> {
	const joined = await post<JoinResponse>(url, '/api/join', { invite, name });
	return { ...joined, invite };
}

export interface Collaborator {
	doc: Y.Doc;
	origin: ReturnType<typeof userOrigin>;
	/** Resolves when the server acknowledged every change sent so far. */
	flushed(): Promise<void>;
	destroy(): void;
}

export async function collaborate(url: string, session: BrowserSession): Promise<Collaborator> {
	const doc = new Y.Doc();
	const provider = new HocuspocusProvider({
		url: url.replace(/^http/, 'ws') + '/collab',
		name: session.planId,
		token: session.token,
		document: doc
	});
	await new Promise<void>((ok) => (provider.isSynced ? ok() : provider.on('synced', () => ok())));
	return {
		doc,
		origin: userOrigin(session.participantId),
		flushed: () =>
			new Promise<void>((ok) => {
				const check = () => {
					if (provider.unsyncedChanges === 0) {
						provider.off('unsyncedChanges', check);
						ok();
					}
				};
				provider.on('unsyncedChanges', check);
				check();
			}),
		destroy: () => provider.destroy()
	};
}

const NAMES = [
	'Salon',
	'Newsletter',
	'Webinaire',
	'Campagne LinkedIn',
	'Mailing',
	'Publicité radio',
	'Jeu concours'
];
const STATUSES: ActionStatus[] = ['todo', 'in_progress', 'done', 'dropped'];

/** Seeds a realistic plan: members, workstreams, channels, 36 periods and `count` qualified actions. */
export function seedPlan(c: Collaborator, count: number): void {
	const { doc, origin } = c;
	doc.transact(() => {
		for (const name of ['Marie Dupont', 'Karim Benali', 'Sophie Martin', 'Lucas Bernard']) {
			addListItem(doc, 'members', { name }, origin);
		}
		for (const name of ['Événements', 'Digital', 'Relations presse'])
			addListItem(doc, 'workstreams', { name }, origin);
		for (const name of ['Salons', 'E-mailing', 'Réseaux sociaux'])
			addListItem(doc, 'channels', { name }, origin);
		generateTenDayPeriods(doc, { year: 2027, replace: true }, origin);
		const members = selectList(doc, 'members');
		const workstreams = selectList(doc, 'workstreams');
		const channels = selectList(doc, 'channels');
		const periods = selectPeriods(doc);
		for (let i = 0; i < count; i++) {
			const period = periods[i % periods.length]!;
			addAction(
				doc,
				{
					name: `${NAMES[i % NAMES.length]} ${i + 1}`,
					status: STATUSES[i % 4],
					ownerId: members[i % members.length]!.id,
					workstreamId: workstreams[i % workstreams.length]!.id,
					channelId: channels[i % channels.length]!.id,
					periodId: period.id,
					start: period.start,
					end: period.end,
					personDays: (i % 7) + 0.5,
					plannedCost: 500 + (i % 20) * 250,
					priority: (['high', 'medium', 'low'] as const)[i % 3],
					description: i % 5 === 0 ? 'Relancer les contacts après l’envoi.' : undefined
				},
				origin
			);
		}
	}, origin);
}
