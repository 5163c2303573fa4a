/**
 * Vote storm (VOTE-6, VOTE-5 under load): 200 participants on one server each cast their whole budget
 * within a few seconds; after the reveal every client and a late joiner see exactly the right totals.
 * The test asserts correctness only; its timings go to $CAP_BENCH_RESULTS/vote-storm.json when the
 * benchmark runs it (`npm run bench` writes bench-results/), else to a temporary folder, so a test run
 * never rewrites a tracked file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { selectVotes, selectWorkshop } from '@cap/plan-model';
import type * as Y from 'yjs';
import { createPlan, Harness, waitFor } from './helpers.ts';
import { startOn, WORKSHOP_STORES, workshopClient, type WorkshopClient } from './workshop-helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

const PARTICIPANTS = 200;
const IDEAS = 10;
const BUDGET = 5;

describe.each(WORKSHOP_STORES)('vote storm (%s store)', (store) => {
	it('VOTE-8 200 participants spend their whole budget at once; every client and a late joiner see exact totals', async () => {
		const t0 = performance.now();
		const app = await startOn(h, store);
		const plan = await createPlan(app.url, 'Atelier 200');
		const facilitator = await workshopClient(h, app, plan, 'facilitator', 'Fa');
		await facilitator.ok({ t: 'settings', voteBudget: BUDGET, maxVotesPerIdea: 3 });
		await facilitator.ok({ t: 'phase', phase: 'grouping' });
		const ideas: string[] = [];
		for (let i = 0; i < IDEAS; i++)
			ideas.push((await facilitator.ok({ t: 'addIdea', title: `Idée ${i}` })).ideaId!);
		await facilitator.ok({ t: 'phase', phase: 'voting' });

		const people: WorkshopClient[] = [];
		for (let start = 0; start < PARTICIPANTS; start += 25) {
			const batch = await Promise.all(
				Array.from({ length: Math.min(25, PARTICIPANTS - start) }, (_, k) =>
					workshopClient(h, app, plan, 'commenter', `P${start + k}`, { wait: true })
				)
			);
			people.push(...batch);
		}
		const connectedMs = performance.now() - t0;

		// Participant i: 2 votes on idea i, 2 on idea i+1, 1 on idea i+2 (mod IDEAS): the whole budget.
		const expected: Record<string, number> = {};
		const plans = people.map(
			(_, i) =>
				[
					[ideas[i % IDEAS]!, 2],
					[ideas[(i + 1) % IDEAS]!, 2],
					[ideas[(i + 2) % IDEAS]!, 1]
				] as const
		);
		for (const votes of plans) for (const [id, n] of votes) expected[id] = (expected[id] ?? 0) + n;
		const voteStart = performance.now();
		const acks = await Promise.all(
			people.flatMap((p, i) =>
				plans[i]!.flatMap(([ideaId, n]) =>
					Array.from({ length: n }, () => p.send({ t: 'vote', ideaId, delta: 1 }))
				)
			)
		);
		const votingMs = performance.now() - voteStart;
		expect(acks.filter((a) => a.t === 'ack' && a.ok)).toHaveLength(PARTICIPANTS * BUDGET);
		// One more vote each is over budget.
		const extra = await Promise.all(
			people.slice(0, 20).map((p) => p.send({ t: 'vote', ideaId: ideas[5]!, delta: 1 }))
		);
		expect(extra.every((a) => a.t === 'ack' && !a.ok && a.error === 'over-budget')).toBe(true);
		await waitFor(
			() => people.every((p) => selectWorkshop(p.doc).votersCount === PARTICIPANTS),
			30_000,
			'voters count'
		);
		expect(people.every((p) => p.doc.getMap('votes').size === 0)).toBe(true);

		const revealStart = performance.now();
		await facilitator.ok({ t: 'reveal', what: 'votes' });
		const exact = (doc: Y.Doc) =>
			JSON.stringify(sorted(selectVotes(doc).byIdea)) === JSON.stringify(sorted(expected));
		await waitFor(() => people.every((p) => exact(p.doc)), 30_000, 'every client sees the totals');
		const revealMs = performance.now() - revealStart;
		const lateStart = performance.now();
		const late = await workshopClient(h, app, plan, 'viewer', 'Late');
		await waitFor(() => exact(late.doc), 10_000, 'the late joiner sees the totals');
		const lateJoinMs = performance.now() - lateStart;
		for (const p of [...people, late, facilitator])
			expect(sorted(selectVotes(p.doc).byIdea)).toEqual(sorted(expected));

		const dir = process.env.CAP_BENCH_RESULTS ?? joinPath(tmpdir(), 'cap-vote-storm');
		mkdirSync(dir, { recursive: true });
		writeFileSync(
			joinPath(dir, store === 'file' ? 'vote-storm.json' : `vote-storm-${store}.json`),
			`${JSON.stringify(
				{
					participants: PARTICIPANTS,
					ideas: IDEAS,
					budget: BUDGET,
					votes: PARTICIPANTS * BUDGET,
					store: app.store.kind,
					connectMs: Math.round(connectedMs),
					votingMs: Math.round(votingMs),
					votesPerSecond: Math.round((PARTICIPANTS * BUDGET) / (votingMs / 1000)),
					revealToAllClientsMs: Math.round(revealMs),
					lateJoinerMs: Math.round(lateJoinMs),
					totalMs: Math.round(performance.now() - t0),
					node: process.version,
					measuredAt: new Date().toISOString()
				},
				null,
				2
			)}\n`
		);
	}, 180_000);
});

function sorted(record: Record<string, number>): Record<string, number> {
	return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}
