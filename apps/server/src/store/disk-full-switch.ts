/**
 * For tests only: a store whose writes fail as on a full disk while a flag file exists, so a browser test
 * can fill and free "the disk" on demand (apps/web/e2e/disk-full.test.ts). It is on only when the
 * environment variable CAP_TEST_DISK_FULL_FLAG names that file, which that test sets on a server of its
 * own; nothing else sets it (README, "Tests"). Reads go on as usual, as they do on a full disk.
 */
import { existsSync } from 'node:fs';
import type { Store } from './types.ts';

/** The store methods that write. */
const WRITES: ReadonlySet<PropertyKey> = new Set([
	'createPlan',
	'writeBatch',
	'appendUpdate',
	'compact',
	'compactAside',
	'saveVersion',
	'setAside'
]);

export function withDiskFullSwitch(store: Store, flag: string | undefined): Store {
	if (!flag) return store;
	return new Proxy(store, {
		get(target, key, receiver) {
			const value: unknown = Reflect.get(target, key, receiver);
			if (!WRITES.has(key) || typeof value !== 'function') return value;
			return (...args: unknown[]) =>
				existsSync(flag)
					? Promise.reject(new Error('SQLITE_FULL: database or disk is full (test switch)'))
					: (value as (...a: unknown[]) => unknown).apply(target, args);
		}
	});
}
