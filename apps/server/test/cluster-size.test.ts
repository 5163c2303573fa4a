/**
 * The stored size every process checks MAX_PLAN_BYTES against comes from the store, on the plan's
 * owner and on the other processes alike (persistence.ts): two in-process servers on one PostgreSQL
 * schema, relaying through Redis.
 */
import { CLOSE_REASONS } from '@cap/protocol';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/store/postgres.ts';
import { redisAvailable, REDIS_URL } from './cluster-helpers.ts';
import {
	acknowledged,
	connectAs,
	createPlan,
	Harness,
	PG_URL,
	pgSchema,
	postgresAvailable,
	waitFor
} from './helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());
let enabled = false;
beforeAll(async () => {
	enabled = (await postgresAvailable()) && (await redisAvailable());
});

describe('stored size with several processes', () => {
	it("a process that does not own the plan counts what the owner's compaction left, and takes edits again", async () => {
		if (!enabled) return;
		const { schema, drop } = pgSchema();
		h.defer(drop);
		const env = { DATABASE_URL: PG_URL, PG_SCHEMA: schema, REDIS_URL, MAX_PLAN_BYTES: '64KB' };
		const owner = await h.start(h.config(env));
		const other = await h.start(h.config(env));
		const plan = await createPlan(owner.url);
		// Éva's edit on the first process makes it the plan's owner: it compacts the plan.
		const eva = await connectAs(h, owner, plan, 'editor', 'Éva');
		eva.doc.getMap('keyMoments').set('start', 1);
		await acknowledged(eva.provider);
		const store = await openPostgresStore(PG_URL, schema);
		h.defer(() => store.close());
		const rows = async () => (await store.loadDocument(plan.planId)).updates.length;
		await waitFor(async () => (await rows()) === 1, 10_000, "the owner's compaction");

		// Karim, on the other process, rewrites one 10 KB paragraph: each version replaces the last.
		const karim = await connectAs(h, other, plan, 'editor', 'Karim');
		const paragraph = (n: number) => `${n} `.padEnd(10 * 1024, 'x');
		for (let n = 0; n < 4; n++) {
			karim.doc.getMap('keyMoments').set('paragraph', paragraph(n));
			await acknowledged(karim.provider);
		}
		// The owner compacts after its next change (Éva's): the store keeps the last versions only.
		await waitFor(
			() => eva.doc.getMap('keyMoments').get('paragraph') === paragraph(3),
			5_000,
			'the rewrites'
		);
		eva.doc.getMap('keyMoments').set('seen', 1);
		await acknowledged(eva.provider);
		await waitFor(async () => (await rows()) === 1, 10_000, 'the compaction of the rewrites');
		const stored = (await store.loadDocument(plan.planId)).updates[0]!.byteLength;
		expect(stored).toBeLessThan(24 * 1024);

		// Three more versions: 70 KB appended in all on that process, 54 KB at most in the store.
		for (let n = 4; n < 7; n++) {
			karim.doc.getMap('keyMoments').set('paragraph', paragraph(n));
			await acknowledged(karim.provider);
		}
		expect(karim.closes).not.toContain(CLOSE_REASONS.planTooLarge);
		await waitFor(
			() => eva.doc.getMap('keyMoments').get('paragraph') === paragraph(6),
			5_000,
			'the last version'
		);
	}, 30_000);
});
