/**
 * Names of the Yjs documents the server syncs. The plan's shared document is named by the plan id
 * alone; every other document of a plan is derived here, so no other module builds a name by hand.
 */

/** Plan ids are URL-safe random strings (see the server's id generator). */
export const PLAN_ID_PATTERN = /^[A-Za-z0-9_-]{10,64}$/;

export function isPlanId(value: unknown): value is string {
	return typeof value === 'string' && PLAN_ID_PATTERN.test(value);
}

/** The shared plan document: everything every participant of the plan may read. */
export function planDocumentName(planId: string): string {
	return planId;
}

/**
 * A participant's private document in a plan (their silent-writing drafts, their hidden votes). Only
 * that participant and the server ever load it.
 */
export function privateDocumentName(planId: string, participantId: string): string {
	return `${planId}.private.${participantId}`;
}

export type ParsedDocumentName =
	{ kind: 'plan'; planId: string } | { kind: 'private'; planId: string; participantId: string };

/** Parses a document name; returns null for any name Cap does not serve. */
export function parseDocumentName(name: string): ParsedDocumentName | null {
	if (isPlanId(name)) return { kind: 'plan', planId: name };
	const match = /^([A-Za-z0-9_-]{10,64})\.private\.([A-Za-z0-9_-]{6,64})$/.exec(name);
	if (match) return { kind: 'private', planId: match[1]!, participantId: match[2]! };
	return null;
}

/** The websocket path the sync server listens on, on the same port as the web app. */
export const COLLAB_PATH = '/collab';
