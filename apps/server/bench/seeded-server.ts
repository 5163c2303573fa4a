/**
 * A server holding one seeded plan (seed.ts) before it starts, and sessions to reach it: Cap's plan is
 * written into its store and its session tokens are signed with the benchmark's secret; plain
 * Hocuspocus's document is written into its SQLite table, as its extension would have stored it.
 */
import { join } from 'node:path';
import { planDocumentName, type Role } from '@cap/protocol';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { openStore } from '../src/store/index.ts';
import { createTokens } from '../src/tokens.ts';
import { TEST_SECRET } from '../test/helpers.ts';
import { isCap, serverEnv, spawnServer, type ServerProcess, type Target } from './lib.ts';

export interface SeededServer {
	server: ServerProcess;
	docName: string;
	/** A session for a new participant of `role` (Hocuspocus: no authentication, any token). */
	session(role: Role): Promise<{ token: string; participantId: string }>;
}

export async function seededServer(
	target: Target,
	doc: Y.Doc,
	env = serverEnv(target)
): Promise<SeededServer> {
	const state = Y.encodeStateAsUpdate(doc);
	const planId = `bench${Math.random().toString(36).slice(2, 14)}`;
	if (isCap(target)) {
		const store = await openStore({
			dataDir: env.DATA_DIR!,
			databaseUrl: env.DATABASE_URL,
			pgSchema: env.PG_SCHEMA ?? 'public',
			durability: 'process'
		});
		try {
			await store.createPlan(
				{ id: planId, title: 'Bench plan', year: 2027, locale: 'fr', createdAt: Date.now() },
				state
			);
		} finally {
			await store.close();
		}
	} else if (target === 'hocuspocus') {
		// The table of @hocuspocus/extension-sqlite (its exported schema), one row per document.
		const db = new Database(join(env.DATA_DIR!, 'hocuspocus.sqlite'));
		db.exec(
			'CREATE TABLE IF NOT EXISTS "documents" ("name" varchar(255) NOT NULL, "data" blob NOT NULL, UNIQUE(name))'
		);
		db.prepare('INSERT INTO documents (name, data) VALUES (?, ?)').run(planId, Buffer.from(state));
		db.close();
	} else throw new Error(`no seeded plan on ${target}`);
	const server = await spawnServer(target, env);
	const tokens = createTokens(TEST_SECRET, 3_600_000);
	let n = 0;
	return {
		server,
		docName: isCap(target) ? planDocumentName(planId) : planId,
		async session(role) {
			const participantId = `bench${n++}`;
			if (!isCap(target)) return { token: 'no-auth', participantId };
			const { token } = await tokens.signSession({ planId, role, participantId, name: `Bench ${n}` });
			return { token, participantId };
		}
	};
}
