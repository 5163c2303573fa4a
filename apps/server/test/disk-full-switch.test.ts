// The test-only switch of the disk-full browser test: while its flag file exists the store's writes fail
// as on a full disk and reads go on; once the file is removed, writes work again. Without the variable
// the store is the plain one.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withDiskFullSwitch } from '../src/store/disk-full-switch.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { tempDir } from './helpers.ts';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('withDiskFullSwitch', () => {
	it('is the plain store when the variable is unset', async () => {
		const dir = tempDir();
		dirs.push(dir);
		const store = await openSqliteStore(join(dir, 'cap.sqlite'));
		expect(withDiskFullSwitch(store, undefined)).toBe(store);
		await store.close();
	});

	it('fails writes while the flag file exists, keeps reads, and writes again once it is gone', async () => {
		const dir = tempDir();
		dirs.push(dir);
		const flag = join(dir, 'disk-full');
		const store = withDiskFullSwitch(await openSqliteStore(join(dir, 'cap.sqlite')), flag);
		await store.appendUpdate('plan:a', new Uint8Array([0, 0]));

		writeFileSync(flag, '');
		await expect(store.appendUpdate('plan:a', new Uint8Array([0, 0]))).rejects.toThrow('disk is full');
		await expect(
			store.writeBatch([{ kind: 'append', doc: 'plan:a', update: new Uint8Array([0, 0]) }])
		).rejects.toThrow('disk is full');
		expect((await store.loadDocument('plan:a')).updates).toHaveLength(1);

		rmSync(flag);
		await store.writeBatch([{ kind: 'append', doc: 'plan:a', update: new Uint8Array([0, 0]) }]);
		expect((await store.loadDocument('plan:a')).updates).toHaveLength(2);
		await store.close();
	});
});
