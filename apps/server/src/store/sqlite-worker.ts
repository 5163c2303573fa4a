/**
 * The worker thread that owns the SQLite database (see sqlite.ts): one message per store call,
 * `{ id, op, args }`, answered with `{ id, ok, result }` or `{ id, ok: false, error }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteDb, type SqliteDb } from './sqlite-db.ts';
import type { Durability } from './types.ts';

const { file, durability } = workerData as { file: string; durability: Durability };
const port = parentPort!;

let db: SqliteDb;
try {
	db = openSqliteDb(file, durability);
	port.postMessage({ id: 0, ok: true, result: 'ready' });
} catch (error) {
	port.postMessage({ id: 0, ok: false, error: (error as Error).message });
	process.exit(1);
}

port.on('message', ({ id, op, args }: { id: number; op: keyof SqliteDb; args: unknown[] }) => {
	try {
		const result = (db[op] as (...a: unknown[]) => unknown)(...args);
		port.postMessage({ id, ok: true, result });
	} catch (error) {
		const e = error as Error & { code?: string };
		port.postMessage({ id, ok: false, error: e.message, code: e.code });
	}
});
