/**
 * The page's side of reading a workbook: the file's size is checked before its bytes are even loaded,
 * then a Worker (read.worker.ts) unzips and reads it. A worker that takes too long or dies (a part that
 * lied about its size and inflated beyond the memory) is ended and the person told; the plan is never
 * touched by reading.
 */
import { MAX_FILE_BYTES, type ReadResult } from './workbook.ts';

/** How long reading may take: a real plan reads in well under a second; past this, the file is refused. */
export const READ_TIME_LIMIT_MS = 20_000;

export function readInWorker(file: File): Promise<ReadResult> {
	if (file.size > MAX_FILE_BYTES) return Promise.resolve({ ok: false, reason: 'file_too_large' });
	return new Promise((resolve) => {
		const worker = new Worker(new URL('./read.worker.ts', import.meta.url), { type: 'module' });
		const end = (result: ReadResult) => {
			clearTimeout(timer);
			worker.terminate();
			resolve(result);
		};
		const timer = setTimeout(() => end({ ok: false, reason: 'too_slow' }), READ_TIME_LIMIT_MS);
		worker.onmessage = (event: MessageEvent<ReadResult>) => end(event.data);
		worker.onerror = (event) => {
			event.preventDefault();
			end({ ok: false, reason: 'unreadable', detail: event.message });
		};
		file.arrayBuffer().then(
			(bytes) => worker.postMessage(bytes, [bytes]),
			() => end({ ok: false, reason: 'unreadable' })
		);
	});
}
