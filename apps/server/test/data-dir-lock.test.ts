/** SQLite is one process: a second process on the same data folder refuses to start, saying why. */
import { afterEach, describe, expect, it } from 'vitest';
import { refusedStart, spawnCap } from './cluster-helpers.ts';
import { createPlan, Harness } from './helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

describe('one process per SQLite data folder', () => {
	it('a second process on the same DATA_DIR refuses to start; after a kill -9 of the first, a new one starts at once', async () => {
		const dataDir = h.dir();
		const first = await spawnCap(h, { DATA_DIR: dataDir });
		const plan = await createPlan(first.url);

		const second = await refusedStart(h, { DATA_DIR: dataDir });
		expect(second.code).toBe(1);
		expect(second.stderr).toContain(`another Cap process uses the data folder ${dataDir}`);
		// The first one goes on serving.
		expect((await fetch(`${first.url}/api/plans/${plan.planId}`)).status).not.toBe(500);

		await first.kill();
		const next = await spawnCap(h, { DATA_DIR: dataDir });
		expect((await fetch(`${next.url}/healthz`)).status).toBe(200);
	}, 60_000);
});
