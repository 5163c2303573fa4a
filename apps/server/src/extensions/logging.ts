/** One log line per connect, disconnect and auth refusal. */
import type { connectedPayload, Extension, onDisconnectPayload } from '@hocuspocus/server';
import type { CapContext } from '../context.ts';
import type { Logger } from '../log.ts';

export interface LoggingExtension extends Extension {
	refused(documentName: string, reason: string): void;
}

export function loggingExtension(log: Logger): LoggingExtension {
	return {
		extensionName: 'cap-logging',
		refused(documentName, reason) {
			log.warn('auth refused', { doc: documentName, reason });
		},
		async connected({ documentName, context, connection }: connectedPayload) {
			const ctx = context as CapContext;
			log.info('connect', {
				doc: documentName,
				participant: ctx.participantId,
				role: ctx.role,
				readOnly: connection.readOnly
			});
		},
		async onDisconnect({ documentName, context, clientsCount }: onDisconnectPayload) {
			const ctx = context as Partial<CapContext>;
			log.info('disconnect', { doc: documentName, participant: ctx.participantId, remaining: clientsCount });
		}
	};
}
