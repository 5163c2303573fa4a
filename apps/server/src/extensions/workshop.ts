/**
 * Workshop authority (see src/workshop/): makes private documents read-only for their owner (the server
 * writes drafts, hidden votes and scores there), handles the stateless commands (service.ts), and releases
 * a plan's private documents when the plan unloads. Client updates of the plan that write server-only
 * workshop state or break the lock, silent writing or anonymity are refused by the guard extension
 * (plan-model's write table, WS-2 and WS-7).
 */
import type {
	afterUnloadDocumentPayload,
	Extension,
	Hocuspocus,
	onAuthenticatePayload,
	onDisconnectPayload,
	onStatelessPayload
} from '@hocuspocus/server';
import { parseDocumentName } from '@cap/protocol';
import type { Logger } from '../log.ts';
import type { Store } from '../store/types.ts';
import { WorkshopService, type WorkshopOptions } from '../workshop/service.ts';

export interface WorkshopExtension extends Extension {
	attach(hocuspocus: Hocuspocus): void;
}

export function workshopExtension(store: Store, log: Logger, options: WorkshopOptions): WorkshopExtension {
	let service: WorkshopService | null = null;
	return {
		extensionName: 'cap-workshop',
		attach(hocuspocus) {
			service = new WorkshopService(hocuspocus, store, log, options);
		},
		async onAuthenticate({ documentName, connectionConfig }: onAuthenticatePayload) {
			// Runs after auth accepted the token: a private document is read-only for its owner.
			if (parseDocumentName(documentName)?.kind === 'private') connectionConfig.readOnly = true;
		},
		async onStateless(payload: onStatelessPayload) {
			await service?.handle(payload);
		},
		async onDisconnect({ socketId }: onDisconnectPayload) {
			service?.forget(socketId);
		},
		async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
			const parsed = parseDocumentName(documentName);
			if (parsed?.kind === 'plan') await service?.release(parsed.planId);
		}
	};
}
