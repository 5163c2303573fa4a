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
	config: Pick<Config, 'databaseUrl' | 'pgSchema' | 'dataDir' | 'durability'> &
		Partial<Pick<Config, 'pgTimeoutMs'>>
): Promise<Store> {
	// Off unless a test sets it (disk-full-switch.ts).
	const flag = process.env.CAP_TEST_DISK_FULL_FLAG;
	if (config.databaseUrl) {
		const { openPostgresStore } = await import('./postgres.ts');
		return withDiskFullSwitch(
			await openPostgresStore(config.databaseUrl, config.pgSchema, config.durability, config.pgTimeoutMs),
			flag
		);
	}
	const [{ openSqliteStore }, { lockDataDir }] = await Promise.all([
		import('./sqlite.ts'),
		import('./data-dir-lock.ts')
	]);
	// One process per data folder (data-dir-lock.ts): refuses to start beside another.
	const unlock = lockDataDir(config.dataDir);
	try {
		const store = await openSqliteStore(join(config.dataDir, 'cap.sqlite'), config.durability);
		return withDiskFullSwitch(
			{
				...store,
				async close() {
					try {
						await store.close();
					} finally {
						unlock();
					}
				}
			},
			flag
		);
	} catch (error) {
		unlock();
		throw error;
	}
}
