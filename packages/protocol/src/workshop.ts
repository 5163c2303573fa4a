/**
 * The kickoff workshop's wire contract: commands a client sends to the server as Hocuspocus STATELESS
 * messages on the PLAN document's connection (`provider.sendStateless(JSON.stringify(message))`), the
 * server's replies (sent to that one connection only, never broadcast), and the layout of the documents
 * the workshop reads.
 *
 * Why commands and not document writes: what the CRDT cannot enforce (vote budgets, phases, the timer,
 * secrecy during silent writing and hidden voting) is decided by the server, which is the only writer of
 * the workshop's authority state. A client never writes the plan's `workshop`, `votes` or `scores` maps,
 * nor its own private document: the server refuses such updates (every role) and applies the commands
 * below instead.
 *
 * Every client→server message carries `id` (1..64 characters the client chooses), unique among the
 * participant's commands, every tab and reload included (e.g. a random prefix per page and a counter);
 * the server answers each one with exactly one `{ t: 'ack', id, ok, ... }` (or `{ t: 'time' }` for
 * `time`). Unparseable messages are answered with an ack whose id is '' when no id could be read.
 *
 * Idempotency: a command sent again with the same id (a retry after a timeout, a reconnection or an
 * `unavailable` answer) is not run again: the server answers it with the first answer it gave, for
 * COMMAND_ANSWER_TTL_MS, on every server process. Only answers that say what happened are kept (ok, or a
 * refusal); `unavailable`, `rate-limited` and `store-failed` are not, so the same id may be tried again.
 *
 * ---- Document layouts ----
 *
 * Plan document (shared with every participant; see @cap/plan-model for the entity layouts):
 *
 *   workshop: Y.Map, written only by the server:
 *     phase                 WorkshopPhase
 *     timerEndsAt           number | null   server epoch ms at which the running timer ends
 *     timerPausedRemaining  number | null   ms left while paused (timerEndsAt is then null)
 *     timerDurationMs       number | null   the length the timer was started with (for a progress bar)
 *     locked                boolean         participants (not the facilitator) may not change ideas/groups
 *     anonymous             boolean         ideas carry no authorId (written by the server without one)
 *     voteBudget, maxVotesPerIdea           numbers
 *     maxVotesPerGroup      number | null   votes one participant may put on the ideas of one group
 *     criteriaWeights       {relevance, impact, skills, time, budget}
 *     prompts               WorkshopPrompt[]
 *     focusedGroupId        string | null   the group the facilitator is showing (participants follow)
 *     ideasRevealed         boolean         silent writing is over: drafts were published
 *     votesRevealed         boolean         the round's votes are in the plan's `votes` map
 *     scoresRevealed        boolean         the scores are in the plan's `scores` map
 *     round                 number          1, then 2 after a second round
 *     roundIdeaIds          string[] | null ideas open to voting in this round (null: every live idea)
 *     votersCount           number          how many participants have at least one hidden vote
 *     scorersCount          number          how many participants have at least one hidden score
 *     ready:<participantId> true            the participant said they are ready (absent: not ready)
 *   votes / scores: per-participant entries, written by the server at reveal only.
 *
 * Private document `privateDocumentName(planId, participantId)`, loaded only by its owner and the server,
 * READ-ONLY for its owner (the server applies `idea`, `vote` and `score` commands to it):
 *
 *   drafts: Y.Map<ideaId, Y.Map<'title' | 'detail' | 'tags' | 'promptId' | 'createdAt', value>>
 *           the owner's ideas during silent writing; moved to the plan document at reveal
 *   typing: Y.Map<'text' | 'at', value>   what the owner typed during silent writing and has not added
 *           yet (the `typing` command); published as one more idea at reveal, cleared by `addIdea`
 *   votes:  Y.Map<ideaId, number>                      the owner's hidden votes of the current round
 *   scores: Y.Map<`${ideaId}:${criterion}`, number>    the owner's hidden scores (0..5)
 *
 * Time: the countdown is `timerEndsAt - (Date.now() + offset)`, where the offset comes from the `time`
 * exchange: offset = serverNow - (clientSentAt + receivedAt) / 2. The server's clock is the only clock.
 */

/**
 * Close reason of a plan document connection whose update broke a workshop rule (wrote the server-only
 * `workshop`, `votes` or `scores` maps, created an idea during silent writing or anonymity, edited the
 * board while locked). Like 'comment-only': nothing was applied; reload the plan.
 */
export const WORKSHOP_CLOSE_REASON = 'workshop-authority';

/**
 * How long after an `unavailable` answer a client sends the same command again, with the same id (it runs
 * at most once, WS-9). The web app and the tests that stand in for it use this one value.
 */
export const WORKSHOP_RETRY_MS = 400;

/** The agenda the facilitator drives, in order ('setup' before the workshop, 'closed' after). */
export const WORKSHOP_AGENDA = [
	'setup',
	'brief',
	'silentWriting',
	'reveal',
	'grouping',
	'voting',
	'results',
	'scoring',
	'promotion',
	'closed'
] as const;
export type WorkshopAgendaPhase = (typeof WORKSHOP_AGENDA)[number];

export const WORKSHOP_CRITERIA = ['relevance', 'impact', 'skills', 'time', 'budget'] as const;
export type WorkshopCriterion = (typeof WORKSHOP_CRITERIA)[number];

/** Marketing levers a prompt or an idea's tags may name. */
export const WORKSHOP_LEVERS = [
	'savoirFaire',
	'savoirOffrir',
	'savoirVendre',
	'savoirEtre',
	'product',
	'price',
	'place',
	'promotion',
	'people',
	'process',
	'physicalEvidence'
] as const;

/**
 * A question the facilitator puts to the room. `refId` names the objective or target it is about, or the
 * context record (persona, SWOT item, watch entry: plan-model SPEC CTX-6) its ideas answer.
 */
export interface WorkshopPrompt {
	id: string;
	kind: 'objective' | 'target' | 'lever' | 'free' | 'persona' | 'swotItem' | 'watchEntry';
	text: string;
	refId?: string;
	lever?: string;
}

export interface WorkshopIdeaTags {
	levers?: string[];
	channelIds?: string[];
	targetIds?: string[];
	objectiveIds?: string[];
	/** The context the idea answers (plan-model SPEC CTX-7). */
	personaIds?: string[];
	swotItemIds?: string[];
	watchEntryIds?: string[];
}

/** Fields every client→server message carries. */
interface Base {
	/** Chosen by the client; echoed in the ack. */
	id: string;
}

/**
 * Client → server. "F" marks facilitator-only commands; the others need a role that may comment
 * (facilitator, editor, commenter); viewers may only send `time`.
 */
export type WorkshopClientMessage =
	/** F: move the agenda. Does not touch the timer. */
	| (Base & { t: 'phase'; phase: WorkshopAgendaPhase })
	/** F: start (or restart) a timer of `durationMs` from now, on the server's clock. */
	| (Base & { t: 'timer'; action: 'start'; durationMs: number })
	/** F: add `byMs` (may be negative, the end never goes before now) to a running or paused timer. */
	| (Base & { t: 'timer'; action: 'extend'; byMs: number })
	/** F: pause keeps the remaining ms, resume restarts from them, stop clears the timer. */
	| (Base & { t: 'timer'; action: 'pause' | 'resume' | 'stop' })
	/** F: change any subset of the settings. */
	| (Base & {
			t: 'settings';
			locked?: boolean;
			anonymous?: boolean;
			voteBudget?: number;
			maxVotesPerIdea?: number;
			maxVotesPerGroup?: number | null;
			criteriaWeights?: Record<WorkshopCriterion, number>;
			prompts?: WorkshopPrompt[];
			focusedGroupId?: string | null;
			/** plan-model GATHER-1: where the meeting is (a section id), null to release everyone. */
			meetingSection?: string | null;
	  })
	/**
	 * F: publish what is hidden. ideas: every participant's drafts go to the plan document (without
	 * authorId when anonymous); votes: every hidden tally becomes per-participant vote entries; scores: same.
	 */
	| (Base & { t: 'reveal'; what: 'ideas' | 'votes' | 'scores' })
	/** F: clear every vote, hidden and published, and hide votes again. */
	| (Base & { t: 'resetVotes' })
	/** F: a new voting round restricted to the `topN` ideas of the published ranking; votes are cleared. */
	| (Base & { t: 'secondRound'; topN: number })
	/**
	 * Add an idea. During silent writing (phase 'silentWriting' before the ideas are revealed) the server
	 * writes it to the sender's private `drafts`; otherwise to the plan's `ideas` (without authorId when
	 * anonymous). The ack's `ideaId` names it. Refused while locked (except for the facilitator).
	 */
	| (Base & {
			t: 'addIdea';
			title: string;
			detail?: string | null;
			tags?: WorkshopIdeaTags;
			promptId?: string | null;
			groupId?: string | null;
	  })
	/** Edit one of the sender's drafts, or (after reveal) an idea of the plan. */
	| (Base & {
			t: 'editIdea';
			ideaId: string;
			title?: string;
			detail?: string | null;
			tags?: WorkshopIdeaTags;
	  })
	/** Remove one of the sender's drafts (a published idea is removed with the plan-model command). */
	| (Base & { t: 'removeDraft'; ideaId: string })
	/**
	 * During silent writing (before the reveal): what the sender has typed and not added yet, kept in
	 * their private document so the reveal publishes it too ('' clears it). Refused in other phases.
	 */
	| (Base & { t: 'typing'; text: string })
	/**
	 * Add `delta` (a non-zero integer) votes to an idea, in the sender's hidden tally while votes are not
	 * revealed, or directly in the published entries after. Never exceeds the budget, the per-idea or the
	 * per-group maximum, even from two tabs at once. Only during phase 'voting'.
	 */
	| (Base & { t: 'vote'; ideaId: string; delta: number })
	/** Score an idea on one criterion (0..5, null clears). Only during phase 'scoring'. */
	| (Base & { t: 'score'; ideaId: string; criterion: WorkshopCriterion; value: number | null })
	/** Say "I am ready" (or not any more). */
	| (Base & { t: 'ready'; ready: boolean })
	/** Ask the server's time; answered with `{ t: 'time' }`, not an ack. Any role. */
	| (Base & { t: 'time'; clientSentAt: number })
	/** F: who has voted / scored so far (names stay off the shared document while hidden). */
	| (Base & { t: 'status' })
	/**
	 * Facilitator or editor: turn ideas and/or whole groups into actions in one step (pre-filled title,
	 * detail, lever, channel, target, objective, with a link back to the idea). Ack result: `actionIds`.
	 */
	| (Base & {
			t: 'promote';
			ideaIds?: string[];
			groupIds?: string[];
			/** plan-model PROMO-3: set on every action created. */
			keyResultIds?: string[];
			workstreamId?: string | null;
			ownerId?: string | null;
			periodId?: string | null;
	  });

export type WorkshopMessageType = WorkshopClientMessage['t'];

export const WORKSHOP_ERRORS = [
	/** The message is malformed (see `message`). */
	'invalid',
	/** The sender's role may not do this. */
	'forbidden',
	/** Not in the phase this command belongs to. */
	'wrong-phase',
	/** The facilitator locked editing. */
	'locked',
	/** More votes than the budget, the per-idea or the per-group maximum allows. */
	'over-budget',
	/** Unknown idea, draft or group. */
	'not-found',
	/** The idea is not open to voting in this round (second round, merged idea). */
	'not-in-round',
	/** More commands than the connection's rate allows (COMMAND_RATE): try again in a moment. */
	'rate-limited',
	/** The store failed: the command's changes were not kept. Try again. */
	'store-failed',
	/**
	 * The server running the plan's workshop did not answer in time (paused, restarting, taken over):
	 * the outcome is unknown. Send the same command again, with the same id, and it runs at most once.
	 */
	'unavailable'
] as const;
export type WorkshopError = (typeof WORKSHOP_ERRORS)[number];

/** How long the server remembers a command's first answer, by id (see idempotency above). */
export const COMMAND_ANSWER_TTL_MS = 10 * 60_000;

/** Server → client, to the sender only. */
export type WorkshopServerMessage =
	| {
			t: 'ack';
			id: string;
			ok: true;
			/** addIdea: the new id. */
			ideaId?: string;
			/** vote: the sender's votes on that idea and left in their budget, after the command. */
			votes?: number;
			remaining?: number;
			/** promote: the actions created. */
			actionIds?: string[];
			/** status: participants with hidden votes / scores. */
			voted?: string[];
			scored?: string[];
			/** status: how many ideas each participant has written (drafts, then published), never what. */
			ideaCounts?: Record<string, number>;
			/** status: participants with typed text not added yet (silent writing). */
			typing?: string[];
	  }
	| { t: 'ack'; id: string; ok: false; error: WorkshopError; message?: string }
	| { t: 'time'; id: string; serverNow: number; clientSentAt: number };

/** `POST /api/plans/:id/code` body (facilitator token in `Authorization: Bearer`). */
export interface CreateJoinCodeRequest {
	/**
	 * 'participant' maps to the commenter role scoped to the workshop (SessionClaims.scope): ideas, votes,
	 * scores and drafts through workshop commands, no write in the plan document.
	 */
	role?: 'editor' | 'participant';
	/**
	 * Keep the access of those who joined by the code after the code ends. By default the code's invite,
	 * and every session opened with it, end with the code: a QR code left on a wall grants nothing later.
	 */
	lasting?: boolean;
}
/** `POST /api/plans/:id/code` answer. The code is JOIN_CODE_LENGTH characters from JOIN_CODE_ALPHABET. */
export interface CreateJoinCodeResponse {
	code: string;
	expiresAt: number;
	invite: string;
}
/** `GET /api/code/:code` answer. */
export interface ResolveJoinCodeResponse {
	invite: string;
}
/** No 0/O, 1/I/L: codes are read aloud and typed on phones. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 31^8, about 8.5 × 10^11 codes: with lookups rate-limited per address, a walk finds nothing. */
export const JOIN_CODE_LENGTH = 8;
export const JOIN_CODE_PATTERN = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/;

/** Normalises what a person typed ("ab c-d2f") to a code, or null. */
export function normalizeJoinCode(input: string): string | null {
	const code = input.toUpperCase().replace(/[\s-]/g, '');
	return JOIN_CODE_PATTERN.test(code) ? code : null;
}

/** Commands only the facilitator may send. */
export const FACILITATOR_COMMANDS: readonly WorkshopMessageType[] = [
	'phase',
	'timer',
	'settings',
	'reveal',
	'resetVotes',
	'secondRound',
	'status'
];

/** The client's estimate of (server clock − its clock), from one `time` exchange. */
export function serverClockOffset(
	reply: { serverNow: number; clientSentAt: number },
	receivedAt: number
): number {
	return reply.serverNow - (reply.clientSentAt + receivedAt) / 2;
}
