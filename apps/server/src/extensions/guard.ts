/**
 * Write authority over the plan document (SPEC AUTH-1..AUTH-5, CMT-8, CMT-9, WS-2, WS-7): every client
 * update of a plan is checked against plan-model's write table before Hocuspocus applies it.
 *
 * Hocuspocus awaits `beforeSync` before it applies a sync message (MessageReceiver.readSyncMessage), and
 * runs extension hooks by descending priority: at 310 this runs after limits (1000) decoded the message.
 * The check reads the update itself and looks up what it touches in the live document by id: for an
 * update it accepts, the cost follows the update, never the plan. Two paths read the store first, at a
 * cost that follows what the plan has stored: an update that would take the plan past MAX_PLAN_BYTES has
 * the plan's stored bytes counted again (`recount`) before it is refused; and with several processes
 * (`refresh`, given only with REDIS_URL), an update refused at first reading has the plan's whole stored
 * log applied to the document and is judged once more, in case another process stored what it builds on
 * (see GuardOptions.refresh). A refusal throws: Hocuspocus then neither applies, stores,
 * acknowledges nor broadcasts the update, and closes that document connection with a named reason, which
 * the provider reports through its `close` event. The connection is closed rather than the update
 * silently dropped because the refused change stays in the sender's document and every later update of
 * theirs depends on it: the UI must say so and reload.
 *
 * Viewers have read-only connections (Hocuspocus drops their updates before this hook); private documents
 * are read-only for their owner (the workshop extension), so only plan documents are checked here.
 */
import type { beforeSyncPayload, Extension } from '@hocuspocus/server';
import { checkPlanUpdate, type ViolationCode } from '@cap/plan-model';
import { CLOSE_CODES, CLOSE_REASONS, WORKSHOP_CLOSE_REASON } from '@cap/protocol';
import { refusal, type CapContext } from '../context.ts';
import type { Logger } from '../log.ts';

/** y-protocols sync message types that carry a document update. */
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

const REASONS: Record<ViolationCode, string> = {
	unresolved: CLOSE_REASONS.outOfSync,
	'not-writable': CLOSE_REASONS.notWritable,
	workshop: WORKSHOP_CLOSE_REASON,
	'comment-only': CLOSE_REASONS.commentOnly,
	'read-only': CLOSE_REASONS.readOnly
};

/** `[0, 0]` is Yjs's empty update: a provider with nothing new still answers SyncStep1 with it. */
export function isEmptyUpdate(update: Uint8Array): boolean {
	return update.length <= 2 && update.every((byte) => byte === 0);
}

export interface GuardOptions {
	/** MAX_PLAN_BYTES: a plan's stored size an update may not take it past. */
	maxPlanBytes: number;
	/** The stored size of a loaded document (persistence extension). */
	storedBytes: (documentName: string) => number;
	/** Counts the plan's stored bytes again from the store, before refusing an update for its size. */
	recount?: (documentName: string) => Promise<number>;
	onRefused?: (reason: string) => void;
	/** Told about each accepted client update (metrics). */
	onAccepted?: () => void;
	/**
	 * Several processes: applies the stored rows to the open document. A client coming from a process
	 * that died may send back what that process stored and wrote (server-only workshop state included)
	 * but did not live to relay; the store is read once before such an update is refused, so only what
	 * is new in it is judged.
	 */
	refresh?: (documentName: string) => Promise<void>;
	/**
	 * Told, before each update is applied, whether every editor could have written it (AUTH-6): its copy
	 * to them may then leave before it is stored (early-relay.ts).
	 */
	vouch?: (connection: beforeSyncPayload['connection'], editorsMayWrite: boolean) => void;
}

export function guardExtension(log: Logger, options: GuardOptions): Extension {
	return {
		extensionName: 'cap-guard',
		priority: 310,
		async beforeSync({ type, payload, context, document, documentName, connection }: beforeSyncPayload) {
			if (type !== SYNC_STEP_2 && type !== SYNC_UPDATE) return;
			options.vouch?.(connection, false);
			const ctx = context as CapContext;
			if (ctx.documentKind !== 'plan' || connection.readOnly || isEmptyUpdate(payload)) return;
			// The size limit first: it costs nothing and a plan at its limit takes no more (not even valid edits).
			let stored = options.storedBytes(documentName);
			if (stored + payload.byteLength > options.maxPlanBytes && options.recount)
				stored = await options.recount(documentName);
			if (stored + payload.byteLength > options.maxPlanBytes) {
				log.warn('refusing an update: the plan is at its size limit', {
					doc: documentName,
					participant: ctx.participantId,
					stored,
					bytes: payload.byteLength
				});
				options.onRefused?.(CLOSE_REASONS.planTooLarge);
				throw refusal(CLOSE_REASONS.planTooLarge, CLOSE_CODES.tooLarge);
			}
			const check = () =>
				checkPlanUpdate(document, payload, { role: ctx.role, participantId: ctx.participantId });
			let verdict = check();
			if (verdict.violation !== null && options.refresh) {
				await options.refresh(documentName);
				verdict = check();
			}
			const { violation } = verdict;
			if (violation === null) {
				options.onAccepted?.();
				options.vouch?.(connection, verdict.editorsMayWrite);
				return;
			}
			options.onRefused?.(REASONS[violation.code]);
			log.warn('refusing an update', {
				doc: documentName,
				participant: ctx.participantId,
				role: ctx.role,
				code: violation.code,
				reason: violation.message
			});
			throw refusal(REASONS[violation.code], CLOSE_CODES.forbidden);
		}
	};
}
