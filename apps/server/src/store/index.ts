/**
 * Picks the store from the configuration: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR.
 * Each is imported only when chosen, so a SQLite server never loads the PostgreSQL driver (memory).
 */
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { withDiskFullSwitch } from './disk-full-switch.ts';
import type { Store } from './types.ts';

export type { PlanMeta, Store, StoredDocument } from './types.ts';

export async function openStore(
	config: Pick<Config, 'databaseUrl' | 'pgSchema' | 'dataDir' | 'durability'>
): Promise<Store> {
	// Off unless a test sets it (disk-full-switch.ts).
	const flag = process.env.CAP_TEST_DISK_FULL_FLAG;
	if (config.databaseUrl) {
		const { openPostgresStore } = await import('./postgres.ts');
		return withDiskFullSwitch(
			await openPostgresStore(config.databaseUrl, config.pgSchema, config.durability),
			flag
		);
	}
	const { openSqliteStore } = await import('./sqlite.ts');
	return withDiskFullSwitch(
		await openSqliteStore(join(config.dataDir, 'cap.sqlite'), config.durability),
		flag
	);
}
