/**
 * Who joined the plan (plan-model PPL-1): when a connection to a plan document opens, the server records
 * its participant with the name and role of their session token, so comments can mention people who
 * joined but never wrote (CMT-6). Reconnecting with the same name and role writes nothing. The write is
 * an ordinary server change of the document: stored and sent to everyone like any other.
 */
import type { connectedPayload, Extension } from '@hocuspocus/server';
import { recordJoin, serverOrigin } from '@cap/plan-model';
import type { CapContext } from '../context.ts';
import type { Logger } from '../log.ts';

const SERVER = serverOrigin();

export function peopleExtension(log: Logger): Extension {
	return {
		extensionName: 'cap-people',
		async connected({ connection }: connectedPayload) {
			const ctx = connection.context as CapContext;
			if (ctx.documentKind !== 'plan') return;
			try {
				recordJoin(
					connection.document,
					{ participantId: ctx.participantId, name: ctx.name, role: ctx.role },
					SERVER
				);
			} catch (error) {
				// A session the roster cannot hold still works; it just cannot be mentioned before writing.
				log.warn('could not record who joined', { plan: ctx.planId, error: String(error) });
			}
		}
	};
}
