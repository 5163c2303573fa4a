/**
 * SQLite is one process (README, "Several processes"): two processes on one data folder would each
 * compact from their own memory and delete the rows the other wrote. So a SQLite server holds an
 * exclusive lock on its data folder for as long as it runs: a SQLite file of its own, `cap.lock`, in
 * EXCLUSIVE locking mode, whose lock the operating system releases when the process ends, however it
 * ends (kill -9 included: a restart never waits for a stale lock). A second process refuses to start.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The data folder is in use by another process. */
export class DataDirLockedError extends Error {
	override name = 'DataDirLockedError';
}

/** Takes the data folder's lock; resolves with its release. Throws DataDirLockedError when it is held. */
export function lockDataDir(dataDir: string): () => void {
	// No busy wait: a held lock is an answer, not a delay.
	const db = new Database(join(dataDir, 'cap.lock'), { timeout: 0 });
	try {
		db.pragma('locking_mode = EXCLUSIVE');
		// The first write takes the exclusive lock; in this mode it is kept until the connection closes.
		db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, since INTEGER NOT NULL)');
		db.transaction(() => {
			db.prepare('DELETE FROM holder').run();
			db.prepare('INSERT INTO holder (pid, since) VALUES (?, ?)').run(process.pid, Date.now());
		})();
	} catch (error) {
		db.close();
		if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
			throw new DataDirLockedError(
				`another Cap process uses the data folder ${dataDir} (SQLite is one process: two would delete ` +
					"each other's rows). Stop it, or give this one another DATA_DIR; several processes need " +
					'PostgreSQL and REDIS_URL (README, "Several processes").',
				{ cause: error }
			);
		}
		throw error;
	}
	return () => {
		if (db.open) db.close();
	};
}
