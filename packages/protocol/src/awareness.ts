import type { Role } from './roles.ts';

/**
 * The shape of each client's Yjs awareness state under the `user` field. Presence avatars, carets and
 * "who is editing which cell" all read it. It never carries anything secret: awareness is broadcast
 * to every client of the document.
 */
export interface AwarenessUser {
	participantId: string;
	name: string;
	/** A CSS colour derived from the participant id, so it is the same on every screen. */
	color: string;
	role: Role;
	/** The plan section the participant is looking at (e.g. "settings"). */
	section?: string;
	/** What the participant is focused on, e.g. "member:abc:name", to show who edits which field. */
	focus?: string | null;
}

export interface AwarenessState {
	user?: AwarenessUser;
}

/** A stable, readable colour for a participant, the same on every client. */
export function participantColor(participantId: string): string {
	let hash = 0;
	for (let i = 0; i < participantId.length; i++) hash = (hash * 31 + participantId.charCodeAt(i)) >>> 0;
	return `hsl(${hash % 360} 65% 42%)`;
}
