/**
 * SQLite store, in one of two places depending on DURABILITY:
 * - `process` (default): in the server's thread. A commit hands its pages to the operating system and
 *   returns without waiting for the disk (WAL, synchronous=NORMAL), in tens of microseconds. Only a WAL
 *   checkpoint (about every 4 MB of changes) waits for the disk, a few milliseconds.
 * - `power`: in a worker thread (sqlite-worker.ts), because every commit then waits for an fsync: the
 *   event loop that relays updates never waits for it. Calls are messages; the worker answers them one
 *   at a time, in order, which also serialises writes. The thread costs about 15 MB of memory.
 */
import { Worker } from 'node:worker_threads';
import { openSqliteDb, type SqliteDb } from './sqlite-db.ts';
import type { Durability, Store } from './types.ts';

/** The worker's file: beside this module in the source tree, beside the bundle's chunks once built. */
const WORKER_FILE = new URL(
	import.meta.url.endsWith('.ts') ? './sqlite-worker.ts' : './sqlite-worker.cjs',
	import.meta.url
);

type Reply =
	{ id: number; ok: true; result: unknown } | { id: number; ok: false; error: string; code?: string };

export async function openSqliteStore(file: string, durability: Durability = 'process'): Promise<Store> {
	if (durability === 'power') return openInWorker(file, durability);
	const db = openSqliteDb(file, durability);
	const call =
		<K extends keyof SqliteDb>(op: K) =>
		async (...args: Parameters<SqliteDb[K]>): Promise<ReturnType<SqliteDb[K]>> =>
			(db[op] as (...a: Parameters<SqliteDb[K]>) => ReturnType<SqliteDb[K]>)(...args);
	return {
		kind: 'sqlite',
		createPlan: call('createPlan'),
		getPlan: call('getPlan'),
		writeBatch: call('writeBatch'),
		appendUpdate: call('appendUpdate'),
		loadDocument: call('loadDocument'),
		documentBytes: call('documentBytes'),
		setAside: call('setAside'),
		countSetAside: call('countSetAside'),
		compact: call('compact'),
		listDocuments: call('listDocuments'),
		createJoinCode: call('createJoinCode'),
		resolveJoinCode: call('resolveJoinCode'),
		countJoinCodes: call('countJoinCodes'),
		ping: call('ping'),
		close: call('close'),
		inviteGenerations: call('inviteGenerations'),
		rotateInvite: call('rotateInvite'),
		saveVersion: call('saveVersion'),
		listVersions: call('listVersions'),
		getVersion: call('getVersion')
	};
}

async function openInWorker(file: string, durability: Durability): Promise<Store> {
	const worker = new Worker(WORKER_FILE, {
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
		documentBytes: (doc) => call('documentBytes', doc),
		setAside: (doc, seq, reason) => call('setAside', doc, seq, reason),
		countSetAside: () => call('countSetAside'),
		compact: (doc, state, upToSeq) => call('compact', doc, state, upToSeq),
		listDocuments: (prefix) => call('listDocuments', prefix),
		createJoinCode: (entry) => call('createJoinCode', entry),
		resolveJoinCode: (code, now) => call('resolveJoinCode', code, now),
		countJoinCodes: (planId, now) => call('countJoinCodes', planId, now),
		ping: () => call('ping'),
		inviteGenerations: (planId) => call('inviteGenerations', planId),
		rotateInvite: (planId, role) => call('rotateInvite', planId, role),
		saveVersion: (version, state) => call('saveVersion', version, state),
		listVersions: (planId) => call('listVersions', planId),
		getVersion: (planId, id) => call('getVersion', planId, id),
		close() {
			closing ??= (async () => {
				if (!failure) await call('close').catch(() => {});
				await worker.terminate();
			})();
			return closing;
		}
	};
}
