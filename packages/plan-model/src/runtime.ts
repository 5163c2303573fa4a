/**
 * Where ids and timestamps come from. Production uses crypto randomness and the wall clock; the testing
 * harness swaps in seeded sources so that a fuzz seed replays the exact same document.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const ID_LENGTH = 16;

/** A 16-character URL-safe random id (96 bits), generated with crypto.getRandomValues. */
export function randomId(): string {
	const bytes = new Uint8Array(ID_LENGTH);
	crypto.getRandomValues(bytes);
	let out = '';
	for (const b of bytes) out += ALPHABET[b & 63];
	return out;
}

export interface Runtime {
	newId: () => string;
	now: () => number;
}

const defaultRuntime: Runtime = { newId: randomId, now: () => Date.now() };
let current: Runtime = defaultRuntime;

export function newId(): string {
	return current.newId();
}

/** Milliseconds since the epoch. */
export function now(): number {
	return current.now();
}

/** Replaces the id and clock sources (tests only); returns a function restoring the previous ones. */
export function setRuntime(runtime: Partial<Runtime>): () => void {
	const previous = current;
	current = { ...current, ...runtime };
	return () => {
		current = previous;
	};
}
