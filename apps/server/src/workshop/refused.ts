/** A workshop command refused for a reason the participant is told (its `code` goes in the ack). */
import type { WorkshopError } from '@cap/protocol';

export class Refused extends Error {
	readonly code: WorkshopError;
	constructor(code: WorkshopError, message: string) {
		super(message);
		this.code = code;
	}
}

export function refuse(code: WorkshopError, message: string): never {
	throw new Refused(code, message);
}
