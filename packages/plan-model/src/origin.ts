/**
 * Every write carries a typed origin, passed to `doc.transact(fn, origin)`. Observers (undo managers, the
 * server's authority extension, logging) read it from `transaction.origin`. Updates applied from the
 * network carry the provider's own origin instead, which is never one of these objects.
 */

/**
 * Create a participant's origin once and reuse that object: Y.UndoManager matches `trackedOrigins` by
 * identity, so `new Y.UndoManager(types, { trackedOrigins: new Set([myOrigin]) })` undoes only the
 * commands run with that very object.
 */
export type Origin = { kind: 'user'; participantId: string } | { kind: 'server' } | { kind: 'migration' };

export function userOrigin(participantId: string): Origin {
	return { kind: 'user', participantId };
}

export const SERVER_ORIGIN: Origin = Object.freeze({ kind: 'server' });
export const MIGRATION_ORIGIN: Origin = Object.freeze({ kind: 'migration' });

export function serverOrigin(): Origin {
	return SERVER_ORIGIN;
}

export function migrationOrigin(): Origin {
	return MIGRATION_ORIGIN;
}

/** True when `value` is one of the plan's typed origins (as opposed to a provider's remote origin). */
export function isPlanOrigin(value: unknown): value is Origin {
	if (typeof value !== 'object' || value === null) return false;
	const kind = (value as { kind?: unknown }).kind;
	if (kind === 'server' || kind === 'migration') return true;
	return kind === 'user' && typeof (value as { participantId?: unknown }).participantId === 'string';
}
