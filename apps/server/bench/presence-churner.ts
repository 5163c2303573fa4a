/**
 * A client process of the presence bench (presence.ts): one connection changing its presence as fast as
 * it may, that is just under UPDATE_RATE (3,000 messages per 10 s), so the server never closes it, until
 * told to stop. IPC: receives {type:'start', wsUrl, docName, token}; answers {type:'ready'} once synced;
 * receives {type:'stop'}; answers {type:'done', sent, cpuPercent} (its own CPU, percent of one core).
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';

/** 290 messages a second: UPDATE_RATE's default allows 300. */
const EVERY_MS = 1000 / 290;

interface Start {
	type: 'start';
	wsUrl: string;
	docName: string;
	token: string;
}

process.on('message', (message: Start | { type: 'stop' }) => {
	if (message.type === 'start') void churn(message);
});

async function churn(m: Start): Promise<void> {
	const provider = new HocuspocusProvider({
		url: m.wsUrl,
		name: m.docName,
		token: m.token,
		document: new Y.Doc()
	});
	await new Promise<void>((resolve) => provider.on('synced', () => resolve()));
	process.send?.({ type: 'ready' });
	let sent = 0;
	let stopped = false;
	process.on('message', (msg: { type: string }) => {
		if (msg.type === 'stop') stopped = true;
	});
	const started = performance.now();
	const cpuAtStart = process.cpuUsage();
	while (!stopped) {
		provider.setAwarenessField('user', { section: 'actions', focus: `cell-${sent % 500}` });
		sent++;
		// Paced on the clock, so a slow turn is caught up rather than lost.
		const due = started + sent * EVERY_MS;
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
	}
	const cpu = process.cpuUsage(cpuAtStart);
	const cpuPercent = Math.round(((cpu.user + cpu.system) / 1000 / (performance.now() - started)) * 100);
	process.send?.({ type: 'done', sent, cpuPercent }, () => {
		provider.destroy();
		process.exit(0);
	});
}
