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

/**
 * A stable, readable colour for a participant, the same on every client, as `#rrggbb`: the rich text
 * carets (Tiptap's collaboration caret) accept only that form and draw any other colour transparent.
 * A hue from the participant id, at the saturation and lightness that keep white text readable on it.
 */
export function participantColor(participantId: string): string {
	let hash = 0;
	for (let i = 0; i < participantId.length; i++) hash = (hash * 31 + participantId.charCodeAt(i)) >>> 0;
	return hslToHex(hash % 360, 0.65, 0.42);
}

/** HSL (hue in degrees, saturation and lightness in 0..1) to `#rrggbb`, per CSS Color 4's hsl(). */
function hslToHex(hue: number, saturation: number, lightness: number): string {
	const a = saturation * Math.min(lightness, 1 - lightness);
	const channel = (n: number) => {
		const k = (n + hue / 30) % 12;
		const value = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
		return Math.round(value * 255)
			.toString(16)
			.padStart(2, '0');
	};
	return `#${channel(0)}${channel(8)}${channel(4)}`;
}
