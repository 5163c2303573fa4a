/** Test helpers: in-process servers on port 0, providers, raw sockets, polling instead of sleeps. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { userOrigin } from '@cap/plan-model';
import { COLLAB_PATH, type CreatePlanResponse, type JoinResponse, type Role } from '@cap/protocol';
import pg from 'pg';
import * as Y from 'yjs';
import { startApp, type App, type AppOptions } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import type { Store } from '../src/store/types.ts';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Polls `fn` until it returns truthy (or stops throwing); fails with the last error after `timeout`. */
export async function waitFor<T>(fn: () => T | Promise<T>, timeout = 5_000, label = 'condition'): Promise<T> {
	const deadline = Date.now() + timeout;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await fn();
			if (value) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${label}${lastError ? `: ${String(lastError)}` : ''}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

export function tempDir(): string {
	return mkdtempSync(joinPath(tmpdir(), 'cap-server-test-'));
}

/** Everything a test opened, closed in afterEach in reverse order. */
export class Harness {
	private cleanups: Array<() => unknown> = [];

	defer(fn: () => unknown): void {
		this.cleanups.push(fn);
	}

	async cleanup(): Promise<void> {
		for (const fn of this.cleanups.reverse()) {
			try {
				await fn();
			} catch (error) {
				console.warn('cleanup failed', error);
			}
		}
		this.cleanups = [];
	}

	dir(): string {
		const dir = tempDir();
		this.defer(() => rmSync(dir, { recursive: true, force: true }));
		return dir;
	}

	config(env: Record<string, string> = {}): Config {
		return loadConfig({
			PORT: '0',
			DATA_DIR: this.dir(),
			CAP_SECRET: TEST_SECRET,
			LOG_LEVEL: 'silent',
			WEB_BUILD_DIR: joinPath(this.dir(), 'no-web-build'),
			...env
		});
	}

	async start(config: Config = this.config(), options: AppOptions = {}): Promise<App> {
		const app = await startApp(config, { compactDebounceMs: 200, ...options });
		this.defer(() => app.close());
		return app;
	}

	provider(app: { url: string }, name: string, token: string, doc = new Y.Doc()) {
		const failures: string[] = [];
		const provider = new HocuspocusProvider({
			url: wsUrl(app.url),
			name,
			token,
			document: doc,
			onAuthenticationFailed: ({ reason }) => failures.push(reason)
		});
		this.defer(() => provider.destroy());
		return { provider, doc, failures };
	}
}

export function wsUrl(httpUrl: string): string {
	return `${httpUrl.replace(/^http/, 'ws')}${COLLAB_PATH}`;
}

export async function post<T>(
	url: string,
	path: string,
	body: unknown
): Promise<{ status: number; body: T }> {
	const res = await fetch(`${url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
	return { status: res.status, body: (await res.json()) as T };
}

export async function createPlan(url: string, title = 'Plan commercial 2027'): Promise<CreatePlanResponse> {
	const res = await post<CreatePlanResponse>(url, '/api/plans', { title, year: 2027, locale: 'fr' });
	if (res.status !== 201) throw new Error(`createPlan: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body;
}

export async function join(
	url: string,
	plan: CreatePlanResponse,
	role: Role,
	name: string = role,
	previousToken?: string
): Promise<JoinResponse> {
	const res = await post<JoinResponse>(url, '/api/join', { invite: plan.invites[role], name, previousToken });
	if (res.status !== 200) throw new Error(`join: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body;
}

/**
 * Joins `plan` as `role` and connects a provider (on `doc`), synced: it records the reasons the server
 * gave for closing its document connection, and carries the origin its participant writes with.
 */
export async function connectAs(
	h: Harness,
	app: { url: string },
	plan: CreatePlanResponse,
	role: Role,
	name: string,
	doc = new Y.Doc()
) {
	const session = await join(app.url, plan, role, name);
	const client = h.provider(app, plan.planId, session.token, doc);
	const closes: string[] = [];
	client.provider.on('close', ({ event }: { event: { reason: string } }) => closes.push(event.reason));
	await acknowledged(client.provider);
	return {
		...client,
		closes,
		session,
		me: userOrigin(session.participantId),
		participantId: session.participantId
	};
}

/** What the store holds for a document, replayed into a fresh Y.Doc. */
export async function storedDoc(store: Pick<Store, 'loadDocument'>, name: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	for (const update of (await store.loadDocument(name)).updates) Y.applyUpdate(doc, update);
	return doc;
}

/** Resolves once the provider has synced and the server acknowledged every local change. */
export function acknowledged(provider: HocuspocusProvider, timeout = 5_000): Promise<boolean> {
	return waitFor(() => provider.isSynced && !provider.hasUnsyncedChanges, timeout, 'acknowledged changes');
}

/**
 * Whether PostgreSQL answers. Unreachable under CI=true is a failure, not a skip: a CI run must
 * never pass without having exercised the PostgreSQL store.
 */
export async function postgresAvailable(): Promise<boolean> {
	const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2_000 });
	try {
		await client.connect();
		await client.query('SELECT 1');
		return true;
	} catch (error) {
		if (process.env.CI) {
			throw new Error(`PostgreSQL unreachable at ${PG_URL} under CI: ${String(error)}`, { cause: error });
		}
		console.warn(`PostgreSQL unreachable at ${PG_URL}: skipping its tests (${String(error)})`);
		return false;
	} finally {
		await client.end().catch(() => {});
	}
}

/** A fresh schema name, dropped by the returned cleanup. */
export function pgSchema(): { schema: string; drop: () => Promise<void> } {
	const schema = `cap_test_${Math.random().toString(36).slice(2, 10)}`;
	return {
		schema,
		async drop() {
			const client = new pg.Client({ connectionString: PG_URL });
			await client.connect();
			await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
			await client.end();
		}
	};
}
