/**
 * SQLite store: the database lives in a worker thread (sqlite-worker.ts running sqlite-db.ts), so a
 * query, a commit or an fsync never blocks the event loop that relays updates. Calls are messages;
 * the worker answers them one at a time, in order, which also serialises writes.
 */
import { Worker } from 'node:worker_threads';
import type { SqliteDb } from './sqlite-db.ts';
import type { Durability, Store } from './types.ts';

type Reply =
	{ id: number; ok: true; result: unknown } | { id: number; ok: false; error: string; code?: string };

export async function openSqliteStore(file: string, durability: Durability = 'process'): Promise<Store> {
	const worker = new Worker(new URL('./sqlite-worker.ts', import.meta.url), {
		workerData: { file, durability }
	});
	const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	let nextId = 1;
	let failure: Error | null = null;

	const ready = new Promise<void>((resolve, reject) => {
		pending.set(0, { resolve: () => resolve(), reject });
	});
	worker.on('message', (reply: Reply) => {
		const call = pending.get(reply.id);
		if (!call) return;
		pending.delete(reply.id);
		if (reply.ok) call.resolve(reply.result);
		else call.reject(Object.assign(new Error(reply.error), { code: reply.code }));
	});
	const failAll = (error: Error) => {
		failure = error;
		for (const call of pending.values()) call.reject(error);
		pending.clear();
	};
	worker.on('error', failAll);
	worker.on('exit', (code) => failAll(new Error(`the SQLite worker stopped (exit code ${code})`)));
	await ready;

	function call<K extends keyof SqliteDb>(
		op: K,
		...args: Parameters<SqliteDb[K]>
	): Promise<ReturnType<SqliteDb[K]>> {
		if (failure) return Promise.reject(failure);
		const id = nextId++;
		return new Promise((resolve, reject) => {
			pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
			worker.postMessage({ id, op, args });
		});
	}

	let closing: Promise<void> | undefined;
	return {
		kind: 'sqlite',
		createPlan: (meta, update) => call('createPlan', meta, update),
		getPlan: (id) => call('getPlan', id),
		writeBatch: (jobs) => call('writeBatch', jobs),
		appendUpdate: (doc, update) => call('appendUpdate', doc, update),
		loadDocument: (doc) => call('loadDocument', doc),
		compact: (doc, state, upToSeq) => call('compact', doc, state, upToSeq),
		listDocuments: (prefix) => call('listDocuments', prefix),
		createJoinCode: (entry) => call('createJoinCode', entry),
		resolveJoinCode: (code, now) => call('resolveJoinCode', code, now),
		ping: () => call('ping'),
		close() {
			closing ??= (async () => {
				if (!failure) await call('close').catch(() => {});
				await worker.terminate();
			})();
			return closing;
		}
	};
}
