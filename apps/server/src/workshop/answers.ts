/**
 * Idempotent workshop commands (@cap/protocol workshop.ts, "Idempotency"): the first answer to each
 * command id is remembered for COMMAND_ANSWER_TTL_MS, so a command sent again (a retry after a timeout,
 * a reconnection, an `unavailable` answer) is answered the same and never run twice. The key names the
 * plan and the participant, so one participant's ids never meet another's.
 *
 * - Alone, the process remembers answers in memory (at most MAX_REMEMBERED, oldest forgotten first).
 * - With several processes, in Redis: whichever process owns the plan when the retry arrives, a new
 *   owner after a takeover included, finds the answer the previous one gave.
 * - A command still running when its retry arrives: the retry waits for the same run's answer.
 * - A command answered `store-failed` is applied in memory and may be stored later (the persistence
 *   extension stores the document's whole state again until it is): a retry waits for that outcome
 *   (`settling`) instead of running it a second time.
 */
import {
	COMMAND_ANSWER_TTL_MS,
	parseWorkshopServerMessage,
	type WorkshopClientMessage,
	type WorkshopServerMessage
} from '@cap/protocol';
import type { Redis } from 'ioredis';
import type { CapContext } from '../context.ts';

/** Answers remembered at most by a lone process (about 200 bytes each). */
const MAX_REMEMBERED = 50_000;

/** Where first answers are kept. */
export interface AnswerStore {
	get(key: string): Promise<WorkshopServerMessage | null>;
	set(key: string, answer: WorkshopServerMessage): Promise<void>;
}

/** Answers that say what happened: kept. The others leave the outcome open, so the same id may run again. */
const NOT_KEPT = new Set(['unavailable', 'rate-limited', 'store-failed']);

/** Commands that change nothing, or are asked again on purpose: never remembered. */
const NOT_REMEMBERED = new Set<WorkshopClientMessage['t']>(['time', 'status']);

export class MemoryAnswers implements AnswerStore {
	readonly #answers = new Map<string, { answer: WorkshopServerMessage; until: number }>();

	async get(key: string): Promise<WorkshopServerMessage | null> {
		const entry = this.#answers.get(key);
		if (!entry) return null;
		if (entry.until < Date.now()) {
			this.#answers.delete(key);
			return null;
		}
		return entry.answer;
	}

	async set(key: string, answer: WorkshopServerMessage): Promise<void> {
		this.#answers.set(key, { answer, until: Date.now() + COMMAND_ANSWER_TTL_MS });
		// A Map iterates in insertion order: the first keys are the oldest.
		for (const oldest of this.#answers.keys()) {
			if (this.#answers.size <= MAX_REMEMBERED) break;
			this.#answers.delete(oldest);
		}
	}
}

export class RedisAnswers implements AnswerStore {
	readonly #redis: Redis;
	readonly #prefix: string;

	constructor(redis: Redis, prefix: string) {
		this.#redis = redis;
		this.#prefix = prefix;
	}

	async get(key: string): Promise<WorkshopServerMessage | null> {
		const raw = await this.#redis.get(`${this.#prefix}#answer:${key}`);
		if (raw === null) return null;
		// It crossed a process boundary: read with the wire's own parser, like a reply the web receives.
		const answer = parseWorkshopServerMessage(raw);
		return answer?.t === 'ack' ? answer : null;
	}

	async set(key: string, answer: WorkshopServerMessage): Promise<void> {
		await this.#redis.set(
			`${this.#prefix}#answer:${key}`,
			JSON.stringify(answer),
			'PX',
			COMMAND_ANSWER_TTL_MS
		);
	}
}

/** How long a retry waits for the outcome of a command whose writes are being stored again. */
const SETTLING_WAIT_MS = 4_000;

export class CommandAnswers {
	readonly #store: AnswerStore;
	readonly #running = new Map<string, Promise<WorkshopServerMessage>>();
	/**
	 * Commands answered `store-failed` whose writes stay in this process's memory and are being stored
	 * again: the true answer once they are, null once they never will be (the command may run again).
	 */
	readonly #settling = new Map<string, Promise<WorkshopServerMessage | null>>();

	constructor(store: AnswerStore) {
		this.#store = store;
	}

	/**
	 * Called by a command answered `store-failed` (while it runs): its writes were applied in memory and
	 * may still be stored by the persistence retry, so a retry of its id must not run it again but wait for
	 * `outcome`: the answer it earns once its writes are stored (then remembered like any first answer), or
	 * null if they never will be (its copy was dropped), when the retry runs it. A retry still waiting after
	 * SETTLING_WAIT_MS is answered `store-failed` again, without running, and may be sent again.
	 */
	settling(
		ctx: CapContext,
		message: WorkshopClientMessage,
		outcome: Promise<WorkshopServerMessage | null>
	): void {
		const key = keyOf(ctx, message);
		const bounded = Promise.race([
			outcome.catch(() => null),
			new Promise<null>((resolve) => setTimeout(() => resolve(null), COMMAND_ANSWER_TTL_MS).unref())
		]).then(async (answer) => {
			if (answer) await this.#store.set(key, answer).catch(() => {});
			return answer;
		});
		this.#settling.set(key, bounded);
		void bounded.finally(() => {
			if (this.#settling.get(key) === bounded) this.#settling.delete(key);
		});
	}

	/** Runs the command unless its id was answered already (or is running): then that answer. */
	async once(
		ctx: CapContext,
		message: WorkshopClientMessage,
		run: () => Promise<WorkshopServerMessage>
	): Promise<WorkshopServerMessage> {
		if (NOT_REMEMBERED.has(message.t)) return run();
		const key = keyOf(ctx, message);
		const running = this.#running.get(key);
		if (running) return running;
		const answer = (async () => {
			// Redis unreachable: the command still runs (a retry during the outage might run it twice,
			// as before ids were remembered), rather than every command failing with it.
			const settling = this.#settling.get(key);
			if (settling) {
				let timer: NodeJS.Timeout | undefined;
				const late = new Promise<'late'>(
					(resolve) => (timer = setTimeout(() => resolve('late'), SETTLING_WAIT_MS))
				);
				const outcome = await Promise.race([settling, late]).finally(() => clearTimeout(timer));
				if (outcome === 'late') return storeFailed(message.id);
				if (outcome) return { ...outcome, id: message.id };
			}
			const first = await this.#store.get(key).catch(() => null);
			if (first) return first;
			const reply = await run();
			if (reply.t === 'ack' && (reply.ok || !NOT_KEPT.has(reply.error))) {
				await this.#store.set(key, reply).catch(() => {});
			}
			return reply;
		})();
		this.#running.set(key, answer);
		try {
			return await answer;
		} finally {
			this.#running.delete(key);
		}
	}
}

function keyOf(ctx: CapContext, message: WorkshopClientMessage): string {
	return `${ctx.planId}:${ctx.participantId}:${message.id}`;
}

function storeFailed(id: string): WorkshopServerMessage {
	return {
		t: 'ack',
		id,
		ok: false,
		error: 'store-failed',
		message: 'not stored yet; send the same command again'
	};
}
