/**
 * The fencing token of a plan's authoritative writes (store/types.ts, Fence; README "When something
 * fails"): the PostgreSQL transaction that stores an owner's write checks the epoch it was made under
 * against the plan's current one. A process paused between its lease check and its commit, then taken
 * over, never has its late writes stored.
 *
 * The pause is made deterministic here instead of with SIGSTOP (cluster-pause.test.ts): the window
 * between a lease check and a commit is a few milliseconds, which a signal cannot hit reliably. The
 * owner's stamp is aged in `plan_owners`, exactly what a paused owner's stamp looks like to the others,
 * and its write, checked while it owned the plan, is sent after the taking over.
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openMembership, type Membership } from '../src/cluster/membership.ts';
import { createLogger } from '../src/log.ts';
import { openPostgresStore } from '../src/store/postgres.ts';
import { fenceKey, FencedError, type Store } from '../src/store/types.ts';
import { Harness, PG_URL, pgSchema, postgresAvailable } from './helpers.ts';

const h = new Harness();
const withPostgres = await postgresAvailable();
afterEach(() => h.cleanup());

const PLAN = 'plan-fence';

function phaseUpdate(phase: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('workshop').set('phase', phase);
	return Y.encodeStateAsUpdate(doc);
}

async function storedPhases(store: Store): Promise<unknown[]> {
	return (await store.loadDocument(PLAN)).updates.map((update) => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, update);
		return doc.getMap('workshop').get('phase');
	});
}

async function setup() {
	const { schema, drop } = pgSchema();
	h.defer(drop);
	const lines: string[] = [];
	const log = createLogger('warn', (line) => lines.push(line));
	const store = await openPostgresStore(PG_URL, schema);
	h.defer(() => store.close());
	const member = async (id: string): Promise<Membership> => {
		const m = await openMembership({ url: PG_URL, schema, mode: 'redis', id, log });
		h.defer(() => m.close());
		return m;
	};
	/** What a paused owner looks like to the others: its stamp stopped moving long ago. */
	const age = async () => {
		const c = new pg.Client({ connectionString: PG_URL });
		await c.connect();
		await c.query(`UPDATE "${schema}".plan_owners SET beat = 0 WHERE plan_id = $1`, [PLAN]);
		await c.end();
	};
	return { schema, store, member, age, lines };
}

describe.runIf(withPostgres)('the epoch fence inside the write (WS-9)', () => {
	it('a write made as owner, sent after another process took the plan over, is refused and nothing of it stored', async () => {
		const { store, member, age } = await setup();
		const a = await member('process-a');
		const b = await member('process-b');
		expect(await a.tryOwn(PLAN)).toBe(true);
		// The owner checks its lease (fresh) and makes its write under its epoch...
		expect(a.owns(PLAN)).toBe(true);
		const fence = a.fenceOf(PLAN)!;
		await store.writeBatch([{ kind: 'append', doc: PLAN, update: phaseUpdate('ideation'), fence }]);
		expect(a.owns(PLAN)).toBe(true);
		const late = phaseUpdate('vote');
		// ...then pauses before committing the next one: the others see its stamp stop and take over.
		await age();
		expect(await b.tryOwn(PLAN)).toBe(true);
		expect(b.fenceOf(PLAN)!.epoch).toBe(fence.epoch + 1);

		// Resumed, it commits what it made while it owned the plan: refused, with a person's edit beside it.
		const edit = new Y.Doc();
		edit.getMap('keyMoments').set('salon', 1);
		const refused = store.writeBatch([
			{ kind: 'append', doc: `${PLAN}/notes`, update: Y.encodeStateAsUpdate(edit) },
			{ kind: 'append', doc: PLAN, update: late, fence }
		]);
		await expect(refused).rejects.toBeInstanceOf(FencedError);
		expect(await storedPhases(store)).toEqual(['ideation']);
		// The new owner's writes are stored; so are everyone's ordinary edits, which carry no fence.
		await store.writeBatch([
			{ kind: 'append', doc: PLAN, update: phaseUpdate('vote'), fence: b.fenceOf(PLAN)! },
			{ kind: 'append', doc: `${PLAN}/notes`, update: Y.encodeStateAsUpdate(edit) }
		]);
		expect(await storedPhases(store)).toEqual(['ideation', 'vote']);
		expect((await store.loadDocument(`${PLAN}/notes`)).updates).toHaveLength(1);

		// A compaction by the stale owner is refused too: the rows stay as they are.
		const merged = Y.mergeUpdates((await store.loadDocument(PLAN)).updates);
		await expect(store.compactAside!(PLAN, merged, undefined, fence)).rejects.toBeInstanceOf(FencedError);
		expect((await store.loadDocument(PLAN)).updates).toHaveLength(2);
	});

	it('a write between its fence check and its commit when the plan is taken over is ended, not stored, and the takeover does not wait for it', async () => {
		const { schema, store, member, age } = await setup();
		const a = await member('process-a');
		const b = await member('process-b');
		expect(await a.tryOwn(PLAN)).toBe(true);
		const fence = a.fenceOf(PLAN)!;
		// The owner's write transaction, paused after its fence check and its insert, before COMMIT: what
		// the store's transaction does (postgres.ts, checkFences), stopped where a SIGSTOP could stop it.
		const writer = new pg.Client({ connectionString: PG_URL });
		writer.on('error', () => {});
		await writer.connect();
		h.defer(() => writer.end().catch(() => {}));
		await writer.query('BEGIN');
		await writer.query('SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))', [
			fenceKey(schema, PLAN)
		]);
		const { rows } = await writer.query<{ epoch: string }>(
			`SELECT epoch FROM "${schema}".plan_owners WHERE plan_id = $1`,
			[PLAN]
		);
		expect(Number(rows[0]!.epoch)).toBe(fence.epoch);
		await writer.query(`INSERT INTO "${schema}".updates (doc, data) VALUES ($1, $2)`, [
			PLAN,
			Buffer.from(phaseUpdate('late'))
		]);

		await age();
		expect(await b.tryOwn(PLAN)).toBe(true);
		expect(b.fenceOf(PLAN)!.epoch).toBe(fence.epoch + 1);
		// Resumed: its commit fails (its connection was ended by the taking over), nothing of it is stored.
		await expect(writer.query('COMMIT')).rejects.toThrow();
		expect(await storedPhases(store)).toEqual([]);
	});
});
