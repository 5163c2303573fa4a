/** Who a per-participant write belongs to. */
import { PlanError } from './errors.ts';
import type { Origin } from './origin.ts';
import { parse, participantIdSchema } from './validate.ts';

/**
 * A user origin acts for itself (a different `participantId` in props is refused: nobody writes another
 * person's entries); the server may act for the participant named in props; migrations never do.
 */
export function actorOf(origin: Origin, participantId: string | undefined): string {
	if (origin.kind === 'user') {
		if (participantId !== undefined && participantId !== origin.participantId) {
			throw new PlanError('forbidden', 'participantId', 'participantId: you can only act for yourself');
		}
		return parse(participantIdSchema, origin.participantId);
	}
	if (origin.kind === 'server' && participantId !== undefined)
		return parse(participantIdSchema, participantId);
	throw new PlanError(
		'forbidden',
		'participantId',
		'participantId: this origin cannot act for a participant'
	);
}
