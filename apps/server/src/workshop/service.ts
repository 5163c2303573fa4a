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
import type { CapContext } from '../context.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/types.ts';
import { resetVotes, revealBallots, score, secondRound, status, vote } from './ballots.ts';
import {
	addWorkshopIdea,
	editWorkshopIdea,
	removeDraft,
	revealIdeas,
	setTyping,
	writingStatus
} from './drafts.ts';
import { PrivateDocs } from './private-docs.ts';
import { Refused, refuse } from './refused.ts';

const SERVER = serverOrigin();

type Ack = Omit<Extract<WorkshopServerMessage, { ok: true }>, 't' | 'id' | 'ok'>;

export class WorkshopService {
	readonly #rooms = new Map<string, PrivateDocs>();
	readonly #hocuspocus: Hocuspocus;
	readonly #store: Store;
	readonly #log: Logger;

	constructor(hocuspocus: Hocuspocus, store: Store, log: Logger) {
		this.#hocuspocus = hocuspocus;
		this.#store = store;
		this.#log = log;
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
		try {
			const result = await this.#run(ctx, document, message);
			send({ t: 'ack', id: message.id, ok: true, ...result });
		} catch (error) {
			if (error instanceof Refused) {
				send({ t: 'ack', id: message.id, ok: false, error: error.code, message: error.message });
			} else if (isPlanError(error)) {
				const e = error as { code: string; message: string };
				send({
					t: 'ack',
					id: message.id,
					ok: false,
					error: e.code === 'not_found' ? 'not-found' : 'invalid',
					message: e.message
				});
			} else {
				this.#log.error('workshop command failed', { plan: ctx.planId, t: message.t, error: String(error) });
				send({ t: 'ack', id: message.id, ok: false, error: 'invalid', message: 'internal error' });
			}
		}
	}

	/** Called when a plan document unloads: closes the private documents its room kept open. */
	async release(planId: string): Promise<void> {
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
				updateWorkshop(plan, settings, SERVER);
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
					actionIds: promoteIdeas(plan, { ideaIds: m.ideaIds ?? [], groupIds: m.groupIds ?? [] }, SERVER)
				};
			case 'time':
				return {};
		}
	}
}
