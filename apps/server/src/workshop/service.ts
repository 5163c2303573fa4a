/**
 * The workshop's server side: applies the stateless commands of @cap/protocol's workshop.ts to the plan
 * document and to participants' private documents, as the only writer of authority state.
 *
 * Secrecy (SPEC WS-5, WS-6): nothing hidden is ever written to the plan document before its reveal.
 * Drafts written during silent writing go to their author's private document (`drafts`), hidden votes and
 * scores to the voter's (`votes`, `scores`); the plan document only ever gets `votersCount` /
 * `scorersCount`. Replies go to the sender's connection only (`connection.sendStateless`), never broadcast.
 *
 * Atomicity (VOTE-6): JavaScript runs one command at a time between awaits. Every command first awaits
 * what it needs (the private document opened, the room's first scan), then checks and writes in ONE
 * synchronous section, re-reading the state after the awaits. Two tabs of one participant voting at once
 * are two commands whose check-and-write sections cannot interleave, so the budget is never exceeded.
 *
 * Durability: private documents are opened with `hocuspocus.openDirectConnection`, so they are loaded
 * through the persistence extension, whose update listener appends every server-side change to the
 * store; plan document writes go through the same listener. A room keeps its private documents open
 * while the plan document is loaded and releases them when it unloads. An ok ack is sent only once the
 * persistence extension has committed every server-side write started so far.
 */
import { randomBytes } from 'node:crypto';
import type { DirectConnection, Document, Hocuspocus, onStatelessPayload } from '@hocuspocus/server';
import {
	addIdea,
	clearVotes,
	clearWorkshopReady,
	nextTimer,
	promoteIdeas,
	publishScores,
	publishVotes,
	selectVotes,
	selectWorkshop,
	serverOrigin,
	setWorkshopReady,
	updateIdea,
	updateWorkshop,
	isPlanError,
	type UpdateWorkshopProps
} from '@cap/plan-model';
import {
	can,
	FACILITATOR_COMMANDS,
	parseWorkshopMessage,
	privateDocumentName,
	type WorkshopClientMessage,
	type WorkshopError,
	type WorkshopIdeaTags,
	type WorkshopServerMessage
} from '@cap/protocol';
import * as Y from 'yjs';
import type { CapContext } from '../context.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/types.ts';

const SERVER = serverOrigin();

class Refused extends Error {
	readonly code: WorkshopError;
	constructor(code: WorkshopError, message: string) {
		super(message);
		this.code = code;
	}
}
const refuse = (code: WorkshopError, message: string): never => {
	throw new Refused(code, message);
};

type Ack = Omit<Extract<WorkshopServerMessage, { ok: true }>, 't' | 'id' | 'ok'>;

interface Room {
	planId: string;
	privates: Map<string, Promise<DirectConnection>>;
	voters: Set<string>;
	scorers: Set<string>;
	/** Every participant's private document that exists in the store opened, voters / scorers counted. */
	scanned: Promise<void> | null;
	released: boolean;
}

type Rec = Y.Map<unknown>;

function liveIdea(plan: Y.Doc, id: string): Rec | null {
	const rec = plan.getMap('ideas').get(id);
	return rec instanceof Y.Map && rec.get('deleted') !== true ? (rec as Rec) : null;
}

/** The document a direct connection holds (null once disconnected); the exported type omits it. */
function docOf(conn: DirectConnection): Document | null {
	return (conn as unknown as { document: Document | null }).document;
}

function sum(map: { forEach(fn: (value: unknown) => void): void }): number {
	let total = 0;
	map.forEach((v) => (total += typeof v === 'number' ? v : 0));
	return total;
}

export class WorkshopService {
	private readonly rooms = new Map<string, Room>();
	private readonly hocuspocus: Hocuspocus;
	private readonly store: Store;
	private readonly log: Logger;

	/** Resolves once every server-side write started so far is committed (persistence.drain). */
	private readonly durable: () => Promise<void>;

	constructor(hocuspocus: Hocuspocus, store: Store, log: Logger, durable: () => Promise<void>) {
		this.hocuspocus = hocuspocus;
		this.store = store;
		this.log = log;
		this.durable = durable;
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
			const result = await this.run(ctx, document, message);
			// An ok ack means stored: a vote acknowledged survives a crash (PostgreSQL commits asynchronously).
			await this.durable();
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
				this.log.error('workshop command failed', { plan: ctx.planId, t: message.t, error: String(error) });
				send({ t: 'ack', id: message.id, ok: false, error: 'invalid', message: 'internal error' });
			}
		}
	}

	/** Called when a plan document unloads: closes the private documents the room held open. */
	async release(planId: string): Promise<void> {
		const room = this.rooms.get(planId);
		if (!room) return;
		room.released = true;
		this.rooms.delete(planId);
		const conns = await Promise.allSettled([...room.privates.values()]);
		for (const c of conns) if (c.status === 'fulfilled' && docOf(c.value)) await c.value.disconnect();
	}

	private room(planId: string): Room {
		let room = this.rooms.get(planId);
		if (!room) {
			room = {
				planId,
				privates: new Map(),
				voters: new Set(),
				scorers: new Set(),
				scanned: null,
				released: false
			};
			this.rooms.set(planId, room);
		}
		return room;
	}

	private privateDoc(room: Room, participantId: string): Promise<DirectConnection> {
		let conn = room.privates.get(participantId);
		if (!conn) {
			conn = this.hocuspocus.openDirectConnection(privateDocumentName(room.planId, participantId), {
				participantId,
				planId: room.planId,
				documentKind: 'private',
				role: 'viewer',
				name: 'server'
			} satisfies CapContext);
			room.privates.set(participantId, conn);
		}
		return conn;
	}

	private async open(room: Room, participantId: string): Promise<Y.Doc> {
		const conn = await this.privateDoc(room, participantId);
		return docOf(conn) ?? refuse('invalid', 'the workshop is closing');
	}

	/** Opens every private document of the plan (stored or open) once per room. */
	private scan(room: Room): Promise<void> {
		room.scanned ??= (async () => {
			const prefix = privateDocumentName(room.planId, '');
			const names = await this.store.listDocuments(prefix);
			await Promise.all(names.map((name) => this.privateDoc(room, name.slice(prefix.length))));
			for (const [participantId, conn] of room.privates) {
				const doc = docOf(await conn);
				if (!doc) continue;
				if (sum(doc.getMap('votes')) > 0) room.voters.add(participantId);
				if (doc.getMap('scores').size > 0) room.scorers.add(participantId);
			}
		})();
		return room.scanned;
	}

	/** Every open private document, after the scan, as [participantId, doc]. */
	private async everyPrivate(room: Room): Promise<[string, Y.Doc][]> {
		await this.scan(room);
		const out: [string, Y.Doc][] = [];
		for (const [participantId, conn] of room.privates) {
			const doc = docOf(await conn);
			if (doc) out.push([participantId, doc]);
		}
		return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
	}

	private async run(ctx: CapContext, plan: Document, m: WorkshopClientMessage): Promise<Ack> {
		const isFacilitator = ctx.role === 'facilitator';
		if (FACILITATOR_COMMANDS.includes(m.t) && !isFacilitator) refuse('forbidden', 'facilitator only');
		if (m.t === 'promote' && !can(ctx.role, 'editPlan')) refuse('forbidden', 'facilitator or editor only');
		if (!can(ctx.role, 'comment')) refuse('forbidden', 'viewers only watch');
		const room = this.room(ctx.planId);
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
			case 'status': {
				await this.scan(room);
				return { voted: [...room.voters].sort(), scored: [...room.scorers].sort() };
			}
			case 'addIdea':
				return this.addIdea(room, plan, ctx, m, lockedForMe);
			case 'editIdea': {
				const doc = await this.open(room, self);
				if (lockedForMe()) refuse('locked', 'the workshop is locked');
				const draft = doc.getMap('drafts').get(m.ideaId);
				if (draft instanceof Y.Map) {
					doc.transact(() => {
						if (m.title !== undefined) draft.set('title', m.title.trim());
						if (m.detail !== undefined) draft.set('detail', m.detail);
						if (m.tags !== undefined) draft.set('tags', this.tags(plan, m.tags));
					}, SERVER);
					return { ideaId: m.ideaId };
				}
				const rec = liveIdea(plan, m.ideaId) ?? refuse('not-found', 'ideaId');
				if (rec.get('authorId') !== self && !can(ctx.role, 'editPlan')) refuse('forbidden', 'not your idea');
				updateIdea(
					plan,
					{
						id: m.ideaId,
						...(m.title !== undefined && { title: m.title }),
						...(m.detail !== undefined && { detail: m.detail }),
						...(m.tags !== undefined && { tags: this.tags(plan, m.tags) })
					},
					SERVER
				);
				return { ideaId: m.ideaId };
			}
			case 'removeDraft': {
				const doc = await this.open(room, self);
				if (!doc.getMap('drafts').has(m.ideaId)) refuse('not-found', 'ideaId');
				doc.transact(() => doc.getMap('drafts').delete(m.ideaId), SERVER);
				return {};
			}
			case 'vote':
				return this.vote(room, plan, self, m, lockedForMe);
			case 'score': {
				await this.scan(room);
				const doc = await this.open(room, self);
				const w = selectWorkshop(plan);
				if (w.phase !== 'scoring' || w.scoresRevealed) refuse('wrong-phase', 'scoring is not open');
				if (lockedForMe()) refuse('locked', 'the workshop is locked');
				if (!liveIdea(plan, m.ideaId)) refuse('not-found', 'ideaId');
				const scores = doc.getMap('scores');
				const key = `${m.ideaId}:${m.criterion}`;
				doc.transact(() => (m.value === null ? scores.delete(key) : scores.set(key, m.value)), SERVER);
				const before = room.scorers.size;
				if (scores.size > 0) room.scorers.add(self);
				else room.scorers.delete(self);
				if (room.scorers.size !== before) updateWorkshop(plan, { scorersCount: room.scorers.size }, SERVER);
				return {};
			}
			case 'reveal':
				await this.reveal(room, plan, m.what);
				return {};
			case 'resetVotes':
				await this.resetVotes(room, plan, {});
				return {};
			case 'secondRound': {
				const w = selectWorkshop(plan);
				if (!w.votesRevealed) refuse('wrong-phase', 'reveal the votes first');
				const top = selectVotes(plan)
					.ranking.slice(0, m.topN)
					.map((r) => r.ideaId);
				await this.resetVotes(room, plan, { round: w.round + 1, roundIdeaIds: top });
				return {};
			}
			case 'promote': {
				const actionIds = promoteIdeas(
					plan,
					{ ideaIds: m.ideaIds ?? [], groupIds: m.groupIds ?? [] },
					SERVER
				);
				return { actionIds };
			}
			case 'time':
				return {};
		}
	}

	/** Tags limited to references that exist in the plan (drafts are published later, unchecked). */
	private tags(plan: Y.Doc, tags: WorkshopIdeaTags) {
		const live = (key: string) => (id: string) => plan.getMap(key).get(id) instanceof Y.Map;
		return {
			levers: tags.levers ?? [],
			channelIds: (tags.channelIds ?? []).filter(live('channels')),
			targetIds: (tags.targetIds ?? []).filter(live('targets')),
			objectiveIds: (tags.objectiveIds ?? []).filter(live('marketingObjectives'))
		};
	}

	private async addIdea(
		room: Room,
		plan: Document,
		ctx: CapContext,
		m: Extract<WorkshopClientMessage, { t: 'addIdea' }>,
		lockedForMe: () => boolean
	): Promise<Ack> {
		const doc = await this.open(room, ctx.participantId);
		// Synchronous from here: the phase read is the one the write obeys.
		if (lockedForMe()) refuse('locked', 'the workshop is locked');
		const w = selectWorkshop(plan);
		const tags = this.tags(plan, m.tags ?? {});
		if (w.phase === 'silentWriting' && !w.ideasRevealed) {
			const id = randomBytes(12).toString('base64url');
			doc.transact(() => {
				const draft = new Y.Map<unknown>();
				doc.getMap('drafts').set(id, draft);
				draft.set('title', m.title.trim());
				draft.set('detail', m.detail ?? null);
				draft.set('tags', tags);
				draft.set('promptId', m.promptId ?? null);
				draft.set('createdAt', Date.now());
			}, SERVER);
			return { ideaId: id };
		}
		const ideaId = addIdea(
			plan,
			{
				title: m.title,
				detail: m.detail ?? null,
				tags,
				groupId: m.groupId ?? null,
				...(w.anonymous ? { anonymous: true } : { participantId: ctx.participantId })
			},
			SERVER
		);
		return { ideaId };
	}

	private async vote(
		room: Room,
		plan: Document,
		self: string,
		m: Extract<WorkshopClientMessage, { t: 'vote' }>,
		lockedForMe: () => boolean
	): Promise<Ack> {
		await this.scan(room);
		const doc = await this.open(room, self);
		// ---- one synchronous section: check, then write (VOTE-6) ----
		const w = selectWorkshop(plan);
		if (w.phase !== 'voting' || w.votesRevealed) refuse('wrong-phase', 'voting is not open');
		if (lockedForMe()) refuse('locked', 'the workshop is locked');
		const idea = liveIdea(plan, m.ideaId) ?? refuse('not-found', 'ideaId');
		const tally = doc.getMap('votes') as Y.Map<number>;
		const current = tally.get(m.ideaId) ?? 0;
		const next = current + m.delta;
		if (m.delta > 0) {
			if (idea.get('mergedInto')) refuse('not-in-round', 'this idea was merged into another one');
			if (w.roundIdeaIds && !w.roundIdeaIds.includes(m.ideaId)) refuse('not-in-round', 'not in this round');
		}
		if (next < 0) refuse('invalid', 'no vote to remove');
		const used = sum(tally) - current + next;
		if (next > w.maxVotesPerIdea) refuse('over-budget', `at most ${w.maxVotesPerIdea} votes per idea`);
		if (used > w.voteBudget) refuse('over-budget', `only ${w.voteBudget - sum(tally)} votes left`);
		const groupId = idea.get('groupId');
		if (w.maxVotesPerGroup !== null && typeof groupId === 'string' && m.delta > 0) {
			let inGroup = next;
			tally.forEach((n, id) => {
				if (id !== m.ideaId && liveIdea(plan, id)?.get('groupId') === groupId) inGroup += n;
			});
			if (inGroup > w.maxVotesPerGroup)
				refuse('over-budget', `at most ${w.maxVotesPerGroup} votes per group`);
		}
		doc.transact(() => (next === 0 ? tally.delete(m.ideaId) : tally.set(m.ideaId, next)), SERVER);
		const before = room.voters.size;
		if (used > 0) room.voters.add(self);
		else room.voters.delete(self);
		if (room.voters.size !== before) updateWorkshop(plan, { votersCount: room.voters.size }, SERVER);
		return { votes: next, remaining: w.voteBudget - used };
	}

	private async reveal(room: Room, plan: Document, what: 'ideas' | 'votes' | 'scores'): Promise<void> {
		// The flag first: from now on no command writes hidden entries, so the copy below misses none.
		if (what === 'ideas') updateWorkshop(plan, { ideasRevealed: true }, SERVER);
		if (what === 'votes') updateWorkshop(plan, { votesRevealed: true }, SERVER);
		if (what === 'scores') updateWorkshop(plan, { scoresRevealed: true }, SERVER);
		const docs = await this.everyPrivate(room);
		// ---- synchronous: read every private document, publish in one plan transaction ----
		const anonymous = selectWorkshop(plan).anonymous;
		const alias = (participantId: string) =>
			anonymous ? `anon-${randomBytes(6).toString('base64url')}` : participantId;
		const key = what === 'ideas' ? 'drafts' : what;
		if (what === 'ideas') {
			const drafts: [string, string, Rec][] = [];
			for (const [participantId, doc] of docs) {
				doc.getMap('drafts').forEach((rec, id) => {
					if (rec instanceof Y.Map) drafts.push([participantId, id, rec as Rec]);
				});
			}
			drafts.sort((a, b) => (a[2].get('createdAt') as number) - (b[2].get('createdAt') as number));
			plan.transact(() => {
				for (const [participantId, id, rec] of drafts) {
					if (plan.getMap('ideas').has(id)) continue;
					addIdea(
						plan,
						{
							id,
							title: String(rec.get('title') ?? ''),
							detail: (rec.get('detail') as string | null) ?? null,
							tags: this.tags(plan, (rec.get('tags') as WorkshopIdeaTags) ?? {}),
							...(anonymous ? { anonymous: true } : { participantId })
						},
						SERVER
					);
				}
			}, SERVER);
		} else {
			const tallies = docs
				.map(([participantId, doc]) => ({
					participantId: alias(participantId),
					entries: (doc.getMap(key) as Y.Map<number>).toJSON() as Record<string, number>
				}))
				.filter((t) => Object.keys(t.entries).length > 0);
			if (what === 'votes') publishVotes(plan, { tallies }, SERVER);
			else publishScores(plan, { tallies }, SERVER);
		}
		// Hidden copies are cleared once published (drafts) or kept as the voter's own view (votes, scores).
		if (what === 'ideas') {
			for (const [, doc] of docs) {
				const map = doc.getMap('drafts');
				if (map.size > 0) doc.transact(() => [...map.keys()].forEach((k) => map.delete(k)), SERVER);
			}
		}
	}

	private async resetVotes(room: Room, plan: Document, extra: UpdateWorkshopProps): Promise<void> {
		const docs = await this.everyPrivate(room);
		plan.transact(() => {
			clearVotes(plan, SERVER);
			updateWorkshop(plan, { votesRevealed: false, votersCount: 0, ...extra }, SERVER);
		}, SERVER);
		for (const [, doc] of docs) {
			const map = doc.getMap('votes');
			if (map.size > 0) doc.transact(() => [...map.keys()].forEach((k) => map.delete(k)), SERVER);
		}
		room.voters.clear();
	}
}
