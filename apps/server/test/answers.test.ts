/** First answers of workshop commands (SPEC WS-9, workshop/answers.ts), without a server. */
import type { WorkshopClientMessage, WorkshopServerMessage } from '@cap/protocol';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CapContext } from '../src/context.ts';
import { CommandAnswers, MemoryAnswers, RedisAnswers, type AnswerStore } from '../src/workshop/answers.ts';
import { redisAvailable, REDIS_URL } from './cluster-helpers.ts';

let redisUp = false;
beforeAll(async () => {
	redisUp = await redisAvailable();
});

const ctx = { planId: 'plan-a', participantId: 'karim' } as CapContext;
const vote: WorkshopClientMessage = { t: 'vote', id: 'k-1', ideaId: 'idea-1', delta: 1 };

/** A command that counts its runs and answers with the count. */
function counted() {
	let runs = 0;
	return {
		runs: () => runs,
		run: async (): Promise<WorkshopServerMessage> => ({ t: 'ack', id: 'k-1', ok: true, votes: ++runs })
	};
}

describe('command answers', () => {
	it("WS-9 the same id runs once, also when sent again while it runs; another participant's same id runs", async () => {
		const answers = new CommandAnswers(new MemoryAnswers());
		const command = counted();
		const [a, b] = await Promise.all([
			answers.once(ctx, vote, command.run),
			answers.once(ctx, vote, command.run)
		]);
		const c = await answers.once(ctx, vote, command.run);
		expect([a, b, c]).toEqual([a, a, a]);
		expect(command.runs()).toBe(1);
		await answers.once({ ...ctx, participantId: 'ana' }, vote, command.run);
		expect(command.runs()).toBe(2);
	});

	it('an answer that leaves the outcome open (unavailable, store-failed) is not kept: the same id runs again', async () => {
		const answers = new CommandAnswers(new MemoryAnswers());
		let runs = 0;
		const run = async (): Promise<WorkshopServerMessage> =>
			++runs === 1
				? { t: 'ack', id: 'k-1', ok: false, error: 'store-failed' }
				: { t: 'ack', id: 'k-1', ok: true, votes: 1 };
		expect(await answers.once(ctx, vote, run)).toMatchObject({ ok: false });
		expect(await answers.once(ctx, vote, run)).toMatchObject({ ok: true });
		expect(await answers.once(ctx, vote, run)).toMatchObject({ ok: true });
		expect(runs).toBe(2);
	});

	it('a store of answers that fails (Redis unreachable) does not stop commands', async () => {
		const down: AnswerStore = {
			get: () => Promise.reject(new Error('connect ECONNREFUSED')),
			set: () => Promise.reject(new Error('connect ECONNREFUSED'))
		};
		const command = counted();
		expect(await new CommandAnswers(down).once(ctx, vote, command.run)).toMatchObject({ ok: true, votes: 1 });
	});

	it('WS-9 a command answered store-failed whose writes are stored later: its retry gets the true answer; never stored: the retry runs it', async () => {
		const answers = new CommandAnswers(new MemoryAnswers());
		let runs = 0;
		let settle: (answer: WorkshopServerMessage | null) => void = () => {};
		const run = async (): Promise<WorkshopServerMessage> => {
			runs++;
			answers.settling(ctx, vote, new Promise((resolve) => (settle = resolve)));
			return { t: 'ack', id: 'k-1', ok: false, error: 'store-failed' };
		};
		expect(await answers.once(ctx, vote, run)).toMatchObject({ ok: false, error: 'store-failed' });
		const retry = answers.once(ctx, vote, run);
		settle({ t: 'ack', id: 'k-1', ok: true, votes: 1 });
		expect(await retry).toMatchObject({ ok: true, votes: 1 });
		expect(await answers.once(ctx, vote, run)).toMatchObject({ ok: true, votes: 1 });
		expect(runs).toBe(1);

		const other: WorkshopClientMessage = { ...vote, id: 'k-2' };
		expect(await answers.once(ctx, other, run)).toMatchObject({ ok: false });
		settle(null);
		expect(await answers.once(ctx, other, run)).toMatchObject({ ok: false, error: 'store-failed' });
		expect(runs).toBe(3);
	});

	it('WS-9 an answer kept in Redis is read back whole by another process; what is not an answer there is a miss', async () => {
		if (!redisUp) return;
		const redis = new Redis(REDIS_URL);
		const prefix = `answers-test-${randomUUID()}`;
		try {
			const writer = new RedisAnswers(redis, prefix);
			const reader = new RedisAnswers(redis, prefix);
			const refused: WorkshopServerMessage = {
				t: 'ack',
				id: 'k-2',
				ok: false,
				error: 'over-budget',
				message: 'Plus de votes'
			};
			await writer.set('karim:k-1', { t: 'ack', id: 'k-1', ok: true, votes: 2, remaining: 3 });
			await writer.set('karim:k-2', refused);
			expect(await reader.get('karim:k-1')).toEqual({
				t: 'ack',
				id: 'k-1',
				ok: true,
				votes: 2,
				remaining: 3
			});
			expect(await reader.get('karim:k-2')).toEqual(refused);
			await redis.set(`${prefix}#answer:karim:k-3`, 'not json');
			await redis.set(
				`${prefix}#answer:karim:k-4`,
				JSON.stringify({ t: 'time', id: 'k-4', serverNow: 1, clientSentAt: 1 })
			);
			expect(await reader.get('karim:k-3')).toBeNull();
			expect(await reader.get('karim:k-4')).toBeNull();
			expect(await reader.get('karim:k-5')).toBeNull();
		} finally {
			await redis.del(...[1, 2, 3, 4].map((n) => `${prefix}#answer:karim:k-${n}`));
			redis.disconnect();
		}
	});
});
