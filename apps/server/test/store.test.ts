import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgresStore } from '../src/store/postgres.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { PG_URL, pgSchema, postgresAvailable, tempDir } from './helpers.ts';
import { storeContract } from './store.contract.ts';

for (const durability of ['process', 'power'] as const) {
	// `power` runs the database in a worker thread: the same contract across the thread boundary.
	storeContract(`sqlite (DURABILITY=${durability})`, async () => {
		const dir = tempDir();
		return {
			store: await openSqliteStore(join(dir, 'cap.sqlite'), durability),
			dispose: async () => rmSync(dir, { recursive: true, force: true })
		};
	});
}

if (await postgresAvailable()) {
	storeContract('postgres', async () => {
		const { schema, drop } = pgSchema();
		return { store: await openPostgresStore(PG_URL, schema), dispose: drop };
	});
}
