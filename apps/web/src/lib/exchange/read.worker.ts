/**
 * Reads a workbook off the main thread: unzipping and parsing a file of thousands of rows, or a file
 * built to hurt (a zip bomb), must never freeze the page. The worker answers with plain cells
 * (RawSheet, cloned to the page) or a refusal; the page may also end it (read-in-worker.ts).
 */
import ExcelJS from 'exceljs';
import { readWorkbook, type ReadResult } from './workbook.ts';

/** The worker's global scope (the app's TypeScript setup knows the DOM's, not a worker's). */
const scope = self as unknown as {
	onmessage: ((event: MessageEvent<ArrayBuffer>) => void) | null;
	postMessage(result: ReadResult): void;
};

scope.onmessage = async (event) => {
	scope.postMessage(await readWorkbook(ExcelJS, event.data));
};
