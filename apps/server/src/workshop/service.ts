/**
 * The workshop's server side: applies the stateless commands of @cap/protocol's workshop.ts to the plan
 * document and to participants' private documents, as the only writer of authority state. This file
 * routes commands and answers them; the rules live by concern: ideas and drafts (drafts.ts), votes and
 * scores (ballots.ts), the private documents they use (private-docs.ts).
 *
 * Secrecy (SPEC WS-5, WS-6): nothing hidden is ever written to the plan document before its reveal.
 * Replies go to the sender's connection only (`connection.sendStateless`), never broadcast.
 *
 * Durability: every write, to the plan or a private document, is queued for the store as it happens
 * (the persistence extension), and the reply, like every frame, leaves through the output gate only once
 * those writes are committed: an ok ack means stored.
 */
import type { Hocuspocus, onStatelessPayload } from '@hocuspocus/server';
import {
	clearWorkshopReady,
	isPlanError,
	nextTimer,
	promoteIdeas,
	selectWorkshop,
	serverOrigin,
	setWorkshopReady,
	updateWorkshop,
	type UpdateWorkshopProps
} from '@cap/plan-model';
import {
	can,
	FACILITATOR_COMMANDS,
	parseWorkshopMessage,
	type WorkshopClientMessage,
	type WorkshopServerMessage
} from '@cap/protocol';
import * as Y from 'yjs';
import type { CommandRouter } from '../cluster/router.ts';
import type { CapContext } from '../context.ts';
import type { Logger } from '../log.ts';
import type { Rate } from '../config.ts';
import type { Metrics } from '../metrics.ts';
import { RateLimit } from '../rates.ts';
import type { Store } from '../store/types.ts';
import type { WriteQueue } from '../write-queue.ts';
import { resetVotes, revealBallots, score, secondRound, status, vote } from './ballots.ts';
import {
	addWorkshopIdea,
	editWorkshopIdea,
	removeDraft,
	revealIdeas,
	setTyping,
	writingStatus
} from './drafts.ts';
import { CommandAnswers, MemoryAnswers, type AnswerStore } from './answers.ts';
import { PrivateDocs, type OpenConnection } from './private-docs.ts';
import { Refused, refuse } from './refused.ts';

const SERVER = serverOrigin();
/** A plan opened only for forwarded commands is closed after this long without one. */
const PLAN_IDLE_MS = 60_000;

type Ack = Omit<Extract<WorkshopServerMessage, { ok: true }>, 't' | 'id' | 'ok'>;

export interface WorkshopOptions {
	/** The group commit: a command is acknowledged ok only once everything it wrote is committed. */
	queue: WriteQueue;
	/** COMMAND_RATE, per connection. */
	commandRate: Rate;
	metrics: Pick<Metrics, 'commands' | 'refusals'>;
	/** Where first answers are remembered (answers.ts): Redis with several processes, else memory. */
	answers?: AnswerStore;
}

export class WorkshopService {
	readonly #rooms = new Map<string, PrivateDocs>();
	readonly #hocuspocus: Hocuspocus;
	readonly #store: Store;
	readonly #log: Logger;
	readonly #queue: WriteQueue;
	readonly #rate: RateLimit;
	readonly #metrics: WorkshopOptions['metrics'];
	readonly #answers: CommandAnswers;

	/** Set when several processes share the plans: commands go to the plan's owner. */
	readonly #router: CommandRouter | null;
	/** Plans opened here only to run commands forwarded by other processes. */
	readonly #planConnections = new Map<string, { conn: Promise<OpenConnection>; idle: NodeJS.Timeout }>();

	constructor(
		hocuspocus: Hocuspocus,
		store: Store,
		log: Logger,
		options: WorkshopOptions,
		router: CommandRouter | null = null
	) {
		this.#hocuspocus = hocuspocus;
		this.#store = store;
		this.#log = log;
		this.#queue = options.queue;
		this.#rate = new RateLimit(options.commandRate);
		this.#metrics = options.metrics;
		this.#answers = new CommandAnswers(options.answers ?? new MemoryAnswers());
		this.#router = router;
	}

	/** Forgets a closed socket's command count. */
	forget(socketId: string): void {
		this.#rate.forget(socketId);
	}

	/** The onStateless hook: one message from one connection of the plan document. */
	async handle({ connection, document, payload }: onStatelessPayload): Promise<void> {
		const ctx = connection.context as CapContext;
		const send = (message: WorkshopServerMessage) => connection.sendStateless(JSON.stringify(message));
		if (ctx.documentKind !== 'plan') return;
		const parsed = parseWorkshopMessage(payload);
		if (!parsed.ok) {
			send({ t: 'ack', id: parsed.id, ok: false, error: 'invalid', message: parsed.error });
			return;
		}
		const message = parsed.message;
		if (message.t === 'time') {
			send({ t: 'time', id: message.id, serverNow: Date.now(), clientSentAt: message.clientSentAt });
			return;
		}
		this.#metrics.commands.inc({ command: message.t });
		if (!(await this.#rate.take(connection.socketId)).ok) {
			this.#metrics.refusals.inc({ reason: 'rate-limited' });
			send({ t: 'ack', id: message.id, ok: false, error: 'rate-limited', message: 'too many commands' });
			return;
		}
		// Several processes: the plan's owner runs it, wherever the participant is connected.
		send(
			this.#router ? await this.#router.dispatch(ctx, message) : await this.execute(ctx, document, message)
		);
	}

	/**
	 * Runs a command on this process, the plan's owner (cluster/router.ts), opening the plan document if
	 * no one here has it open. The document stays open while commands keep coming.
	 */
	async executeOwned(ctx: CapContext, message: WorkshopClientMessage): Promise<WorkshopServerMessage> {
		let plan: Y.Doc | null = this.#hocuspocus.documents.get(ctx.planId) ?? null;
		const held = this.#planConnections.get(ctx.planId);
		if (held) {
			clearTimeout(held.idle);
			held.idle = this.#idleTimer(ctx.planId);
		}
		if (!plan) {
			let entry = this.#planConnections.get(ctx.planId);
			if (!entry) {
				const conn = this.#hocuspocus.openDirectConnection(ctx.planId, {
					participantId: 'server',
					planId: ctx.planId,
					documentKind: 'plan',
					role: 'viewer',
					name: 'server',
					expiresAt: Number.POSITIVE_INFINITY
				} satisfies CapContext);
				entry = { conn, idle: this.#idleTimer(ctx.planId) };
				this.#planConnections.set(ctx.planId, entry);
				conn.catch(() => this.#planConnections.delete(ctx.planId));
			}
			plan = (await entry.conn).document;
		}
		if (!plan)
			return { t: 'ack', id: message.id, ok: false, error: 'invalid', message: 'the plan is closing' };
		return this.execute(ctx, plan, message);
	}

	#idleTimer(planId: string): NodeJS.Timeout {
		const timer = setTimeout(() => {
			const entry = this.#planConnections.get(planId);
			this.#planConnections.delete(planId);
			void entry?.conn.then((conn) => conn.disconnect()).catch(() => {});
		}, PLAN_IDLE_MS);
		timer.unref();
		return timer;
	}

	/**
	 * Runs one command against the plan document and returns the reply for its sender; a command id
	 * answered before is answered the same and not run again (answers.ts).
	 */
	execute(ctx: CapContext, document: Y.Doc, message: WorkshopClientMessage): Promise<WorkshopServerMessage> {
		return this.#answers.once(ctx, message, () => this.#execute(ctx, document, message));
	}

	async #execute(
		ctx: CapContext,
		document: Y.Doc,
		message: WorkshopClientMessage
	): Promise<WorkshopServerMessage> {
		try {
			// Every write of the command is queued synchronously as it happens: jobs from..to are its own
			// (and whatever else was queued meanwhile, which only makes the check stricter).
			const from = this.#queue.enqueued;
			const result = await this.#run(ctx, document, message);
			const answer: WorkshopServerMessage = { t: 'ack', id: message.id, ok: true, ...result };
			if (!(await this.#queue.committed(from, this.#queue.enqueued))) {
				// Applied in memory, stored once the retry of the whole state is: a retry of this id gets that.
				const stored = this.#queue.restored(from);
				this.#answers.settling(
					ctx,
					message,
					stored.then((ok) => (ok ? answer : null))
				);
				return { t: 'ack', id: message.id, ok: false, error: 'store-failed', message: 'not stored' };
			}
			return answer;
		} catch (error) {
			if (error instanceof Refused) {
				return { t: 'ack', id: message.id, ok: false, error: error.code, message: error.message };
			} else if (isPlanError(error)) {
				const e = error as { code: string; message: string };
				return {
					t: 'ack',
					id: message.id,
					ok: false,
					error: e.code === 'not_found' ? 'not-found' : 'invalid',
					message: e.message
				};
			} else {
				this.#log.error('workshop command failed', { plan: ctx.planId, t: message.t, error: String(error) });
				return { t: 'ack', id: message.id, ok: false, error: 'invalid', message: 'internal error' };
			}
		}
	}

	/** Called when a plan document unloads: closes the private documents its room kept open. */
	async release(planId: string): Promise<void> {
		const held = this.#planConnections.get(planId);
		if (held) clearTimeout(held.idle);
		this.#planConnections.delete(planId);
		const room = this.#rooms.get(planId);
		if (!room) return;
		this.#rooms.delete(planId);
		await room.release();
	}

	#room(planId: string): PrivateDocs {
		let room = this.#rooms.get(planId);
		if (!room) {
			room = new PrivateDocs(planId, this.#hocuspocus, this.#store);
			this.#rooms.set(planId, room);
		}
		return room;
	}

	async #run(ctx: CapContext, plan: Y.Doc, m: WorkshopClientMessage): Promise<Ack> {
		const isFacilitator = ctx.role === 'facilitator';
		if (FACILITATOR_COMMANDS.includes(m.t) && !isFacilitator) refuse('forbidden', 'facilitator only');
		if (m.t === 'promote' && !can(ctx.role, 'editPlan')) refuse('forbidden', 'facilitator or editor only');
		if (!can(ctx.role, 'comment')) refuse('forbidden', 'viewers only watch');
		const room = this.#room(ctx.planId);
		const self = ctx.participantId;
		const lockedForMe = () => selectWorkshop(plan).locked && !isFacilitator;

		switch (m.t) {
			case 'phase': {
				plan.transact(() => {
					const patch: UpdateWorkshopProps = { phase: m.phase };
					// Entering silent writing hides new ideas again until the next reveal.
					if (m.phase === 'silentWriting') patch.ideasRevealed = false;
					updateWorkshop(plan, patch, SERVER);
					clearWorkshopReady(plan, SERVER);
				}, SERVER);
				return {};
			}
			case 'timer': {
				const next = nextTimer(selectWorkshop(plan), m, Date.now());
				if (!next) refuse('wrong-phase', `no timer to ${m.action}`);
				updateWorkshop(plan, next as UpdateWorkshopProps, SERVER);
				return {};
			}
			case 'settings': {
				const { id: _id, t: _t, ...settings } = m;
				if (
					settings.focusedGroupId &&
					!(plan.getMap('ideaGroups').get(settings.focusedGroupId) instanceof Y.Map)
				)
					refuse('not-found', 'focusedGroupId');
				// GATHER-1: a call to gather is stamped with the server's clock.
				updateWorkshop(
					plan,
					settings.meetingSection !== undefined
						? { ...settings, meetingCalledAt: settings.meetingSection === null ? null : Date.now() }
						: settings,
					SERVER
				);
				return {};
			}
			case 'ready':
				setWorkshopReady(plan, { participantId: self, ready: m.ready }, SERVER);
				return {};
			case 'status':
				return { ...(await status(room)), ...(await writingStatus(room, plan)) };
			case 'typing':
				await setTyping(room, plan, self, m.text, lockedForMe);
				return {};
			case 'addIdea':
				return addWorkshopIdea(room, plan, ctx, m, lockedForMe);
			case 'editIdea':
				return editWorkshopIdea(room, plan, ctx, m, lockedForMe);
			case 'removeDraft':
				await removeDraft(room, self, m.ideaId);
				return {};
			case 'vote':
				return vote(room, plan, self, m, lockedForMe);
			case 'score':
				await score(room, plan, self, m, lockedForMe);
				return {};
			case 'reveal':
				if (m.what === 'ideas') await revealIdeas(room, plan);
				else await revealBallots(room, plan, m.what);
				return {};
			case 'resetVotes':
				await resetVotes(room, plan, {});
				return {};
			case 'secondRound':
				await secondRound(room, plan, m.topN);
				return {};
			case 'promote':
				return {
					actionIds: promoteIdeas(
						plan,
						{
							ideaIds: m.ideaIds ?? [],
							groupIds: m.groupIds ?? [],
							...(m.keyResultIds && { keyResultIds: m.keyResultIds }),
							workstreamId: m.workstreamId ?? null,
							ownerId: m.ownerId ?? null,
							periodId: m.periodId ?? null
						},
						SERVER
					)
				};
			case 'time':
				return {};
		}
	}
}
