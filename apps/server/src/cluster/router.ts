/**
 * One workshop authority per plan (README, "Several processes"): a workshop command runs on the
 * process that owns the plan (membership.ts), whichever process the participant reached. The others
 * forward it over Redis and relay the owner's answer. Phase, timer, vote budgets and reveals are thus
 * decided by one process, on its copy of the documents, one command at a time as in a lone server.
 *
 * The owner answers once the command's writes are committed (its publishes are gated, redis.ts), so
 * an ok ack relayed by another process means stored, as it does locally. A forwarded command whose
 * owner does not answer within FORWARD_TIMEOUT_MS (it died, or is paused) is answered `unavailable`
 * well before the browser gives up (8 s): its outcome is unknown, and the participant's app sends it
 * again with the same id; the first forward keeps waiting for the owner's answer, and a retry reaching
 * this process waits for that answer rather than sending the owner the same work again (LATE_ANSWER_MS).
 * Meanwhile this process checks the owner: one that died lets go of its lock,
 * one that stopped beating is taken over (membership.ts), and the retry runs here. The same id is never
 * run twice: the owner remembers each command's first answer (workshop/answers.ts, in Redis), and a
 * resumed owner no longer acts on a plan taken from it (its lease lapsed).
 */
import { randomUUID } from 'node:crypto';
import {
	readWorkshopMessage,
	readWorkshopServerMessage,
	ROLES,
	type WorkshopClientMessage,
	type WorkshopServerMessage
} from '@cap/protocol';
import type { Redis } from 'ioredis';
import * as v from 'valibot';
import type { CapContext } from '../context.ts';
import type { Logger } from '../log.ts';
import type { Membership } from './membership.ts';

export type Executor = (ctx: CapContext, message: WorkshopClientMessage) => Promise<WorkshopServerMessage>;

interface Request {
	req: string;
	from: string;
	ctx: CapContext;
	message: WorkshopClientMessage;
}

type Answer = { req: string; reply: WorkshopServerMessage } | { req: string; retry: true };

/**
 * What arrives on a process's channels, read before use: Redis may be shared, and a process of another
 * version may be rolling out. The participant's context keeps any field it carries (loose).
 */
const contextSchema = v.looseObject({
	participantId: v.string(),
	role: v.picklist(ROLES),
	scope: v.optional(v.literal('workshop')),
	name: v.string(),
	planId: v.string(),
	documentKind: v.picklist(['plan', 'private']),
	expiresAt: v.number()
});
const requestSchema = v.object({
	req: v.string(),
	from: v.string(),
	ctx: contextSchema,
	message: v.unknown()
});
const answerSchema = v.union([
	v.object({ req: v.string(), retry: v.literal(true) }),
	v.object({ req: v.string(), reply: v.unknown() })
]);

/** JSON text, or undefined when it is not JSON. */
function decoded(data: string): unknown {
	try {
		return JSON.parse(data);
	} catch {
		return undefined;
	}
}

function readRequest(data: string): Request | null {
	const parsed = v.safeParse(requestSchema, decoded(data));
	if (!parsed.success) return null;
	const message = readWorkshopMessage(parsed.output.message);
	return message.ok ? { ...parsed.output, message: message.message } : null;
}

function readAnswer(data: string): Answer | null {
	const parsed = v.safeParse(answerSchema, decoded(data));
	if (!parsed.success) return null;
	if ('retry' in parsed.output) return parsed.output;
	const reply = readWorkshopServerMessage(parsed.output.reply);
	return reply ? { req: parsed.output.req, reply } : null;
}

/** How long a forwarded command waits at most for the owner's answer. */
const FORWARD_TIMEOUT_MS = 2_500;
/** How long a command looks for an owner and waits for it in all, well under the browser's 8 s. */
const DISPATCH_MS = 5_000;
/**
 * How long a forwarded command keeps waiting for its owner's answer after the participant was told
 * `unavailable`: a retry of the same id on this process waits for that answer instead of sending the
 * command to the owner again (a busy owner is not sent the same work twice).
 */
const LATE_ANSWER_MS = 30_000;
/** How often a forwarded command still waiting checks that its owner is alive (holds the plan's lock). */
const OWNER_CHECK_MS = 500;
/** How many times a command looks for its owner (the lock may change hands meanwhile). */
const ATTEMPTS = 20;

export class CommandRouter {
	readonly #membership: Membership;
	readonly #pub: Redis;
	readonly #sub: Redis;
	readonly #prefix: string;
	readonly #log: Logger;
	readonly #pending = new Map<string, (answer: Answer) => void>();
	/** Commands forwarded and still awaiting their answer, by plan, participant and id, with their owner. */
	readonly #forwarded = new Map<string, { holder: string; answer: Promise<Answer | null> }>();
	#executor: Executor | null = null;
	/** Forwarded commands being run here, awaited at shutdown. */
	readonly #running = new Set<Promise<unknown>>();

	constructor(options: { membership: Membership; pub: Redis; sub: Redis; prefix: string; log: Logger }) {
		this.#membership = options.membership;
		this.#pub = options.pub;
		this.#sub = options.sub;
		this.#prefix = options.prefix;
		this.#log = options.log;
		this.#sub.on('message', (channel: string, data: string) => this.#receive(channel, data));
	}

	#commands(id: string): string {
		return `${this.#prefix}#cmd:${id}`;
	}

	#answers(id: string): string {
		return `${this.#prefix}#ans:${id}`;
	}

	/** Listens for commands routed here and for answers to the ones this process forwarded. */
	async start(executor: Executor): Promise<void> {
		this.#executor = executor;
		const id = this.#membership.id;
		await this.#sub.subscribe(this.#commands(id), this.#answers(id));
	}

	/** Runs a command of a participant connected here, on the plan's owner. */
	async dispatch(ctx: CapContext, message: WorkshopClientMessage): Promise<WorkshopServerMessage> {
		const executor = this.#executor;
		if (!executor) throw new Error('router not started');
		const deadline = performance.now() + DISPATCH_MS;
		for (let attempt = 0; attempt < ATTEMPTS && performance.now() < deadline; attempt++) {
			if (await this.#membership.tryOwn(ctx.planId)) return executor(ctx, message);
			const holder = await this.#membership.holderOf(ctx.planId);
			if (holder && holder !== this.#membership.id) {
				const answer = await this.#forwardOnce(holder, ctx, message, deadline);
				if (answer === null) return unavailable(message.id);
				if ('reply' in answer) return { ...answer.reply, id: message.id };
			}
			// The lock changed hands between the two reads: look again shortly.
			await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
		}
		return unavailable(message.id);
	}

	/**
	 * Forwards a command, or joins the same command (same plan, participant and id) still awaiting its
	 * owner's answer here; resolves null when none came within this dispatch's time (FORWARD_TIMEOUT_MS).
	 */
	async #forwardOnce(
		holder: string,
		ctx: CapContext,
		message: WorkshopClientMessage,
		deadline: number
	): Promise<Answer | null> {
		const key = `${ctx.planId}:${ctx.participantId}:${message.id}`;
		let entry = this.#forwarded.get(key);
		if (!entry || entry.holder !== holder) {
			const created = {
				holder,
				answer: this.#forward(holder, ctx, message, performance.now() + LATE_ANSWER_MS)
			};
			this.#forwarded.set(key, created);
			void created.answer.finally(() => {
				if (this.#forwarded.get(key) === created) this.#forwarded.delete(key);
			});
			entry = created;
		}
		const wait = Math.max(0, Math.min(FORWARD_TIMEOUT_MS, deadline - performance.now()));
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), wait)));
		try {
			return await Promise.race([entry.answer, late]);
		} finally {
			clearTimeout(timer);
		}
	}

	async #forward(
		holder: string,
		ctx: CapContext,
		message: WorkshopClientMessage,
		deadline: number
	): Promise<Answer | null> {
		const req = randomUUID();
		const answer = new Promise<Answer | null>((resolve) => {
			const done = (a: Answer | null) => {
				clearTimeout(timer);
				clearInterval(check);
				this.#pending.delete(req);
				resolve(a);
			};
			const timer = setTimeout(() => done(null), Math.max(0, deadline - performance.now()));
			// The owner died or stopped beating (this process took its lock): no answer will come from it.
			// Run the command here, where its id is remembered if the old owner ran it before it stopped.
			const check = setInterval(() => {
				void this.#membership.tryOwn(ctx.planId).then(
					(mine) => mine && this.#pending.has(req) && done({ req, retry: true }),
					() => {}
				);
			}, OWNER_CHECK_MS);
			this.#pending.set(req, done);
		});
		const request: Request = { req, from: this.#membership.id, ctx, message };
		const receivers = await this.#pub.publish(this.#commands(holder), JSON.stringify(request)).catch(() => 0);
		if (receivers === 0) {
			// Nobody listens there (the holder is gone): do not wait for the timeout.
			this.#pending.get(req)?.({ req, retry: true });
		}
		return answer;
	}

	#receive(channel: string, data: string): void {
		const id = this.#membership.id;
		if (channel === this.#answers(id)) {
			const answer = readAnswer(data);
			if (!answer) return this.#log.warn('ignoring a message that is not an answer', { channel });
			const resolve = this.#pending.get(answer.req);
			this.#pending.delete(answer.req);
			resolve?.(answer);
			return;
		}
		if (channel !== this.#commands(id)) return;
		const request = readRequest(data);
		if (!request) return this.#log.warn('ignoring a message that is not a workshop command', { channel });
		const run = this.#run(request).finally(() => this.#running.delete(run));
		this.#running.add(run);
	}

	async #run({ req, from, ctx, message }: Request): Promise<void> {
		let answer: Answer;
		try {
			answer = (await this.#membership.tryOwn(ctx.planId))
				? { req, reply: await this.#executor!(ctx, message) }
				: { req, retry: true };
		} catch (error) {
			this.#log.error('forwarded workshop command failed', { plan: ctx.planId, error: String(error) });
			answer = { req, reply: unavailable(message.id) };
		}
		// Gated: leaves once the command's writes are committed.
		await this.#pub.publish(this.#answers(from), JSON.stringify(answer)).catch((error: unknown) => {
			this.#log.warn('could not answer a forwarded command', { error: String(error) });
		});
	}

	/** Waits for the forwarded commands being run here (shutdown). */
	async drain(): Promise<void> {
		await Promise.allSettled([...this.#running]);
	}
}

function unavailable(id: string): WorkshopServerMessage {
	return {
		t: 'ack',
		id,
		ok: false,
		error: 'unavailable',
		message: 'the workshop server did not answer in time; send the same command again'
	};
}
