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
import type { CommandRouter } from '../cluster/router.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/types.ts';
import { WorkshopService, type WorkshopOptions } from '../workshop/service.ts';

export interface WorkshopExtension extends Extension {
	attach(hocuspocus: Hocuspocus): void;
	/** Closes the plan's room here: its private documents, and the plan connection forwarded commands use. */
	release(planId: string): Promise<void>;
}

export interface WorkshopClusterOptions {
	router: CommandRouter;
	/** Called once a plan's document and its room are released here (give up its ownership). */
	released(planId: string): Promise<void>;
}

export function workshopExtension(
	store: Store,
	log: Logger,
	options: WorkshopOptions,
	cluster: WorkshopClusterOptions | null = null
): WorkshopExtension {
	let service: WorkshopService | null = null;
	return {
		extensionName: 'cap-workshop',
		attach(hocuspocus) {
			const created = new WorkshopService(hocuspocus, store, log, options, cluster?.router ?? null);
			service = created;
			void cluster?.router
				.start((ctx, message) => created.executeOwned(ctx, message))
				.catch((error: unknown) =>
					log.error('cannot listen for forwarded commands', { error: String(error) })
				);
		},
		async onAuthenticate({ documentName, connectionConfig }: onAuthenticatePayload) {
			// Runs after auth accepted the token: a private document is read-only for its owner.
			if (parseDocumentName(documentName)?.kind === 'private') connectionConfig.readOnly = true;
		},
		async release(planId) {
			await service?.release(planId);
		},
		async onStateless(payload: onStatelessPayload) {
			await service?.handle(payload);
		},
		async onDisconnect({ socketId }: onDisconnectPayload) {
			service?.forget(socketId);
		},
		async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
			const parsed = parseDocumentName(documentName);
			if (parsed?.kind !== 'plan') return;
			await service?.release(parsed.planId);
			await cluster?.released(parsed.planId);
		}
	};
}
