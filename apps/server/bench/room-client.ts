/**
 * A client process of the room benchmark (room.ts forks two): it holds a share of the room's
 * providers, each writing one small record (a ~60-byte map entry) once a second at its own random phase,
 * and records, for every record another client wrote, how long it took to arrive here.
 *
 * IPC: receives {type:'start', ...}; answers {type:'ready'} once every provider is synced; receives
 * {type:'go', t0}; answers {type:'done', writes, receipts} after the run and its drain time.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';

export interface StartMessage {
	type: 'start';
	wsUrl: string;
	docName: string;
	tokens: string[];
	/** Global index of this process's first client. */
	firstIndex: number;
	seconds: number;
	warmupMs: number;
	drainMs: number;
}

export interface DoneMessage {
	type: 'done';
	/** Records written inside the measured window. */
	writes: number;
	/** Per record written by another client inside the window: [key, slowest arrival ms, arrivals]. */
	receipts: Array<[string, number, number]>;
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export const now = () => performance.timeOrigin + performance.now();

/** The record every client writes: the root is one every editor of a plan may write. */
export const ROOT = 'keyMoments';
export const PAD = 'x'.repeat(24);

process.on('message', (message: StartMessage) => {
	if (message.type === 'start') void run(message);
});

async function run(m: StartMessage): Promise<void> {
	const receipts = new Map<string, [number, number]>();
	let t0 = Infinity;
	const clients = m.tokens.map((token, i) => {
		const index = m.firstIndex + i;
		const doc = new Y.Doc();
		const provider = new HocuspocusProvider({ url: m.wsUrl, name: m.docName, token, document: doc });
		const map = doc.getMap<{ at: number; w: number; pad: string }>(ROOT);
		const own = `${index}:`;
		map.observe((event) => {
			if (event.transaction.local) return;
			const arrived = now();
			for (const key of event.keysChanged) {
				if (key.startsWith(own) || key.startsWith('observer:')) continue;
				const value = map.get(key);
				if (!value || value.at < t0 + m.warmupMs) continue;
				const r = receipts.get(key);
				const delay = arrived - value.at;
				if (r) {
					r[0] = Math.max(r[0], delay);
					r[1]++;
				} else receipts.set(key, [delay, 1]);
			}
		});
		const synced = new Promise<void>((resolve) => provider.on('synced', () => resolve()));
		return { index, doc, map, provider, synced };
	});
	await Promise.all(clients.map((c) => c.synced));
	process.send?.({ type: 'ready' });

	const go = await new Promise<number>((resolve) =>
		process.on('message', (msg: { type: string; t0?: number }) => msg.type === 'go' && resolve(msg.t0!))
	);
	t0 = go;
	const end = t0 + m.seconds * 1000;
	let writes = 0;
	const timers: NodeJS.Timeout[] = [];
	for (const c of clients) {
		let n = 0;
		const write = () => {
			const at = now();
			if (at >= end) return;
			c.map.set(`${c.index}:${n++}`, { at, w: c.index, pad: PAD });
			if (at >= t0 + m.warmupMs) writes++;
			timers.push(setTimeout(write, Math.max(0, t0 + phase + n * 1000 - now())));
		};
		const phase = Math.random() * 1000;
		timers.push(setTimeout(write, Math.max(0, t0 + phase - now())));
	}
	await new Promise((resolve) => setTimeout(resolve, end + m.drainMs - now()));
	for (const t of timers) clearTimeout(t);
	const done: DoneMessage = {
		type: 'done',
		writes,
		receipts: [...receipts].map(([key, [max, count]]) => [key, max, count])
	};
	process.send?.(done, () => {
		for (const c of clients) c.provider.destroy();
		process.exit(0);
	});
}
