/**
 * Workshop authority, two extensions (see src/workshop/):
 *
 * - `workshopGuardExtension` (priority 310, before persistence at 200): refuses a client update of the
 *   plan document that writes server-only workshop state or breaks the lock / silent writing / anonymity
 *   (guard.ts). Like the comments extension, the refusal closes that document connection, with reason
 *   WORKSHOP_CLOSE_REASON, and nothing is applied, stored or broadcast.
 * - `workshopExtension` (default priority, listed after auth): makes private documents read-only for
 *   their owner (the server writes drafts, hidden votes and scores there), handles the stateless
 *   commands (service.ts), and releases a plan's private documents when the plan unloads.
 */
import type {
	afterUnloadDocumentPayload,
	beforeSyncPayload,
	Extension,
	Hocuspocus,
	onAuthenticatePayload,
	onStatelessPayload
} from '@hocuspocus/server';
import { CLOSE_CODES, parseDocumentName, WORKSHOP_CLOSE_REASON } from '@cap/protocol';
import { refusal, type CapContext } from '../context.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/types.ts';
import { workshopViolation } from '../workshop/guard.ts';
import { WorkshopService } from '../workshop/service.ts';

const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export function workshopGuardExtension(log: Logger): Extension {
	return {
		extensionName: 'cap-workshop-guard',
		priority: 310,
		async beforeSync({ type, payload, context, document, documentName, connection }: beforeSyncPayload) {
			if (type !== SYNC_STEP_2 && type !== SYNC_UPDATE) return;
			const ctx = context as CapContext;
			if (ctx.documentKind !== 'plan' || connection.readOnly) return;
			if (payload.length <= 2 && payload.every((byte) => byte === 0)) return;
			const reason = workshopViolation(document, payload, {
				participantId: ctx.participantId,
				isFacilitator: ctx.role === 'facilitator'
			});
			if (reason === null) return;
			log.warn('refusing a workshop update', { doc: documentName, participant: ctx.participantId, reason });
			throw refusal(WORKSHOP_CLOSE_REASON, CLOSE_CODES.forbidden);
		}
	};
}

export interface WorkshopExtension extends Extension {
	attach(hocuspocus: Hocuspocus): void;
}

export function workshopExtension(
	store: Store,
	log: Logger,
	durable: () => Promise<void>
): WorkshopExtension {
	let service: WorkshopService | null = null;
	return {
		extensionName: 'cap-workshop',
		attach(hocuspocus) {
			service = new WorkshopService(hocuspocus, store, log, durable);
		},
		async onAuthenticate({ documentName, connectionConfig }: onAuthenticatePayload) {
			// Runs after auth accepted the token: a private document is read-only for its owner.
			if (parseDocumentName(documentName)?.kind === 'private') connectionConfig.readOnly = true;
		},
		async onStateless(payload: onStatelessPayload) {
			await service?.handle(payload);
		},
		async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
			const parsed = parseDocumentName(documentName);
			if (parsed?.kind === 'plan') await service?.release(parsed.planId);
		}
	};
}
