/**
 * 4. Memory. The server runs in its own process (--expose-gc); its process.memoryUsage() after two
 * gc() calls is read once idle (no document) and once D documents are open with C clients each, every
 * client with an awareness state, and E edits made in each document. Reference documents get the same
 * initial plan content as a new Cap plan (initialPlanUpdate), so both hold comparable documents.
 */
import { initialPlanUpdate } from '../src/plan.ts';
import * as Y from 'yjs';
import { openDocument, sleep, spawnServer, whenDoc, withTimeout, type Client, type Target } from './lib.ts';
import type { ServerMemory } from './server-process.ts';

export interface MemoryParams {
	documents: number;
	clientsPerDocument: number;
	editsPerDocument: number;
}

export interface MemoryResult {
	target: Target;
	idle: ServerMemory;
	loaded: ServerMemory;
	/** (loaded − idle) RSS / D, bytes. */
	rssPerDocument: number;
	/** (loaded − idle) heapUsed / D, bytes. */
	heapPerDocument: number;
}

export async function benchMemory(target: Target, params: MemoryParams): Promise<MemoryResult> {
	const server = await spawnServer(target);
	const clients: Client[] = [];
	try {
		await sleep(200);
		const idle = await server.memory();
		for (let d = 0; d < params.documents; d++) {
			const document = await openDocument(server, `Bench memory ${d}`);
			const group: Client[] = [];
			for (let c = 0; c < params.clientsPerDocument; c++) group.push(document.connect());
			clients.push(...group);
			await withTimeout(Promise.all(group.map((client) => client.synced)), 15_000, `${target} memory sync`);
			const [first] = group;
			if (target === 'ref') {
				Y.applyUpdate(
					first!.doc,
					initialPlanUpdate({ title: `Bench memory ${d}`, year: 2027, locale: 'fr' })
				);
			}
			group.forEach((client, c) => client.setPresence(`Client ${d}.${c}`));
			const map = first!.doc.getMap<number>('bench');
			for (let e = 0; e < params.editsPerDocument; e++) map.set(`edit-${e}`, e);
			await Promise.all(
				group.map((client) =>
					whenDoc(client.doc, () => client.doc.getMap('keyMoments').size === params.editsPerDocument)
				)
			);
		}
		await sleep(500);
		const loaded = await server.memory();
		return {
			target,
			idle,
			loaded,
			rssPerDocument: Math.round((loaded.rss - idle.rss) / params.documents),
			heapPerDocument: Math.round((loaded.heapUsed - idle.heapUsed) / params.documents)
		};
	} finally {
		for (const client of clients) client.destroy();
		await server.stop();
	}
}
