/** Issue #23: hostile files are refused from the zip's directory, before anything is inflated. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fiftyMegabytes, manyRows, truncated, zipBomb } from './testing/hostile-files.ts';
import { readWorkbook } from './workbook.ts';

const buffer = (bytes: Uint8Array) =>
	bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

describe('hostile workbooks get a clear refusal, nothing inflated', () => {
	it('a zip bomb: small on disk, a hundred megabytes inside', async () => {
		const bomb = zipBomb();
		expect(bomb.byteLength).toBeLessThan(1024 * 1024);
		expect(await readWorkbook(ExcelJS, buffer(bomb))).toEqual({ ok: false, reason: 'unzipped_too_large' });
	}, 60_000);

	it('a million rows', async () => {
		expect(await readWorkbook(ExcelJS, buffer(manyRows()))).toEqual({
			ok: false,
			reason: 'unzipped_too_large'
		});
	}, 120_000);

	it('a 50 MB file, refused by its size alone', async () => {
		expect(await readWorkbook(ExcelJS, buffer(fiftyMegabytes()))).toEqual({
			ok: false,
			reason: 'file_too_large'
		});
	});

	it('a workbook cut in the middle', async () => {
		expect(await readWorkbook(ExcelJS, buffer(truncated()))).toMatchObject({
			ok: false,
			reason: 'unreadable'
		});
	});
});
