/**
 * 3. Server time per update as the plan grows, and the memory it holds. A plan of R records (seed.ts)
 * is in the store before the server starts; an editor and a reader connect, then K updates of each
 * kind are sent one after another, each its own message: an editor adding a small record, and a
 * commenter (an editor on plain Hocuspocus, which has no roles) answering a thread. The server's CPU
 * time over the K updates (from /proc, user + system), divided by K, is the time per update: guards,
 * applying, relaying, persistence, everything the server does for it. Memory is read (after gc) with
 * the plan open.
 */
import { readFileSync } from 'node:fs';
import { replyToThread, userOrigin } from '@cap/plan-model';
import * as Y from 'yjs';
import { capClient, isCap, serverEnv, whenDoc, withTimeout, type Client, type Target } from './lib.ts';
import { planThreadId, seededPlan } from './seed.ts';
import { seededServer } from './seeded-server.ts';
import type { ServerMemory } from './server-process.ts';

export interface PerUpdateResult {
	target: Target;
	records: number;
	docKiB: number;
	/** Server CPU ms per update. */
	recordMs: number;
	commentMs: number;
	/** The server's memory after gc, the plan open with three clients. */
	memory: ServerMemory;
}

function cpuMs(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
}

/** Sends `count` updates made by `write`, one message each, and waits until the reader has them all. */
async function timed(
	pid: number,
	writer: Client,
	reader: Client,
	count: number,
	write: (i: number) => void,
	done: () => boolean
) {
	const before = cpuMs(pid);
	for (let i = 0; i < count; i++) {
		write(i);
		// One message per update: let the provider send before the next change.
		await new Promise((resolve) => setImmediate(resolve));
	}
	await whenDoc(reader.doc, done, 60_000);
	if (writer.acked) await withTimeout(writer.acked(), 60_000, 'acks');
	return (cpuMs(pid) - before) / count;
}

export async function benchPerUpdate(
	target: Target,
	records: number,
	count: number
): Promise<PerUpdateResult> {
	const doc = seededPlan(records);
	const threadId = planThreadId(doc);
	const docKiB = Math.round(Y.encodeStateAsUpdate(doc).byteLength / 1024);
	// Compaction (and plain Hocuspocus's store) would land in the window by chance: both are held off
	// here and measured apart (cold load and compaction).
	const { server, docName, session } = await seededServer(target, doc, {
		...serverEnv(target),
		BENCH_COMPACT_MS: '600000'
	});
	const editor = capClient(server.url, docName, (await session('editor')).token);
	const commenting = await session(isCap(target) ? 'commenter' : 'editor');
	const commenter = capClient(server.url, docName, commenting.token);
	const reader = capClient(server.url, docName, (await session('viewer')).token);
	try {
		await withTimeout(
			Promise.all([editor.synced, commenter.synced, reader.synced]),
			60_000,
			'per-update sync'
		);
		const map = editor.doc.getMap<number>('keyMoments');
		const readerMap = reader.doc.getMap('keyMoments');
		// A warm-up round, not counted: the first updates pay for JIT compilation.
		await timed(
			server.pid,
			editor,
			reader,
			50,
			(i) => map.set(`warm:${i}`, i),
			() => readerMap.size >= 50
		);
		const recordMs = await timed(
			server.pid,
			editor,
			reader,
			count,
			(i) => map.set(`rec:${i}`, i),
			() => readerMap.size >= 50 + count
		);
		const me = userOrigin(commenting.participantId);
		const comments = () => reader.doc.getMap('comments').size;
		const start = comments();
		const commentMs = await timed(
			server.pid,
			commenter,
			reader,
			count,
			() => replyToThread(commenter.doc, { threadId, body: 'Oui, validé en comité.' }, me),
			() => comments() >= start + count
		);
		const memory = await server.memory();
		return { target, records, docKiB, recordMs: round(recordMs), commentMs: round(commentMs), memory };
	} finally {
		for (const c of [editor, commenter, reader]) c.destroy();
		await server.stop();
	}
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
