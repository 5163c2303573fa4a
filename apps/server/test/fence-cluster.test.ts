/**
 * The epoch fence with two real Cap processes (in this test's process, on PostgreSQL and Redis): the
 * plan's owner makes a workshop command's write, checked against its lease, and loses the plan before
 * the write reaches PostgreSQL. The write is refused by its fence, the stale process drops its copy of
 * the plan (its people reconnect and lose nothing they typed), and only the new owner's word is stored.
 *
 * The window between the lease check and the commit is held open by a store that waits, before a batch
 * carrying a fence, until the test lets it go: a SIGSTOP cannot hit a window of a few milliseconds.
 * The owner loses the plan as a process cut off from PostgreSQL would: its lock connection is ended.
 */
import { selectWorkshop } from '@cap/plan-model';
import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../src/log.ts';
import { openPostgresStore } from '../src/store/postgres.ts';
import type { Store, WriteJob } from '../src/store/types.ts';
import { redisAvailable, REDIS_URL } from './cluster-helpers.ts';
import {
	acknowledged,
	createPlan,
	Harness,
	PG_URL,
	pgSchema,
	postgresAvailable,
	waitFor
} from './helpers.ts';
import { workshopClient } from './workshop-helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());
let enabled = false;
beforeAll(async () => {
	enabled = (await postgresAvailable()) && (await redisAvailable());
});

describe('the epoch fence, two processes (WS-9)', () => {
	it("a command's write made before the owner lost the plan is refused; its people reconnect and lose nothing", async () => {
		if (!enabled) return;
		const { schema, drop } = pgSchema();
		h.defer(drop);
		const env = { DATABASE_URL: PG_URL, PG_SCHEMA: schema, REDIS_URL };
		const real = await openPostgresStore(PG_URL, schema);
		h.defer(() => real.close());
		let holding = false;
		let reached: () => void = () => {};
		const heldBatch = new Promise<void>((resolve) => (reached = resolve));
		let letGo: () => void = () => {};
		const released = new Promise<void>((resolve) => (letGo = resolve));
		const store: Store = {
			...real,
			async writeBatch(jobs: WriteJob[]) {
				if (holding && jobs.some((job) => job.fence)) {
					reached();
					await released;
				}
				return real.writeBatch(jobs);
			}
		};
		const lines: string[] = [];
		const owner = await h.start(h.config(env), {
			store,
			log: createLogger('warn', (line) => lines.push(line))
		});
		const other = await h.start(h.config(env));
		const plan = await createPlan(owner.url);
		const fanny = await workshopClient(h, owner, plan, 'facilitator', 'Fanny');
		const eva = await workshopClient(h, owner, plan, 'editor', 'Éva');
		// Fanny's first command makes the first process the plan's owner.
		await fanny.ok({ t: 'phase', phase: 'silentWriting' });

		holding = true;
		// Its answer never arrives: the connection closes with the refused write (the app sends it again).
		void fanny.send({ t: 'phase', phase: 'voting' }).catch(() => {});
		await heldBatch;
		// Meanwhile Éva types, and the owner loses the plan: its lock connection ends.
		for (let i = 0; i < 5; i++) eva.doc.getMap('keyMoments').set(`pendant-${i}`, i);
		const admin = new pg.Client({ connectionString: PG_URL });
		await admin.connect();
		await admin.query(`SELECT pg_terminate_backend(pid) FROM "${schema}".plan_owners WHERE plan_id = $1`, [
			plan.planId
		]);
		await admin.end();
		// A command on the other process makes it the owner (a higher epoch).
		const karim = await workshopClient(h, other, plan, 'editor', 'Karim');
		await waitFor(
			async () => {
				const reply = await karim.send({ t: 'ready', ready: true });
				return reply.t === 'ack' && reply.ok;
			},
			20_000,
			'the other process owning the plan'
		);

		// The stale owner's write goes to PostgreSQL now: refused by its fence, not stored.
		letGo();
		await waitFor(
			() => lines.some((line) => line.includes('another process has taken over')),
			10_000,
			'the refusal, logged'
		);
		// Éva's and Fanny's connections were dropped with the stale copy; they reconnect by themselves.
		await waitFor(() => eva.closes.includes('store-failed'), 10_000, "Éva's connection closed");
		await acknowledged(eva.provider, 20_000);
		await acknowledged(fanny.provider, 20_000);

		const stored = new Y.Doc();
		for (const update of (await real.loadDocument(plan.planId)).updates) Y.applyUpdate(stored, update);
		expect(selectWorkshop(stored).phase).toBe('silentWriting');
		for (let i = 0; i < 5; i++) expect(stored.getMap('keyMoments').get(`pendant-${i}`)).toBe(i);
		// Sent again, the command runs once, on the new owner, and everyone sees it.
		await fanny.ok({ t: 'phase', phase: 'voting' });
		await waitFor(() => selectWorkshop(eva.doc).phase === 'voting', 10_000, 'the new phase on Éva’s screen');
	}, 90_000);
});
