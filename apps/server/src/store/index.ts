/** Picks the store from the configuration: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { openPostgresStore } from './postgres.ts';
import { openSqliteStore } from './sqlite.ts';
import type { Store } from './types.ts';

export type { PlanMeta, Store, StoredDocument } from './types.ts';

export async function openStore(
	config: Pick<Config, 'databaseUrl' | 'pgSchema' | 'dataDir' | 'durability'>
): Promise<Store> {
	if (config.databaseUrl) return openPostgresStore(config.databaseUrl, config.pgSchema, config.durability);
	return openSqliteStore(join(config.dataDir, 'cap.sqlite'), config.durability);
}
