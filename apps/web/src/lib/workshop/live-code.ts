/**
 * The room code on the facilitator's screen survives a reload: the code made for this plan is kept on
 * this device (localStorage) until it expires or the facilitator asks for a new one. What comes back from
 * storage is checked (valibot); anything else, or an expired code, reads as no code.
 */
import * as v from 'valibot';

export interface LiveCode {
	code: string;
	/** The role the code grants, fixed when it was made. */
	granted: 'participant' | 'editor';
	/** Epoch ms, from the server's answer. */
	expiresAt: number;
	/** Whether those who joined with it keep their access once it ends (absent in older copies: no). */
	lasting?: boolean;
}

const liveCodeSchema = v.object({
	code: v.pipe(v.string(), v.regex(/^[A-Z0-9]{4,12}$/)),
	granted: v.picklist(['participant', 'editor']),
	expiresAt: v.pipe(v.number(), v.finite()),
	lasting: v.optional(v.boolean())
});

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

const key = (planId: string) => `cap.roomCode.${planId}`;

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

export function rememberCode(planId: string, code: LiveCode, store: Storage | null = storage()): void {
	try {
		store?.setItem(key(planId), JSON.stringify(code));
	} catch {
		// A full or blocked storage only means the code is not shown again after a reload.
	}
}

/** The code still valid at `now` for this plan, or null (an expired or unreadable one is forgotten). */
export function recallCode(
	planId: string,
	now = Date.now(),
	store: Storage | null = storage()
): LiveCode | null {
	const raw = store?.getItem(key(planId));
	if (!raw) return null;
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		parsed = null;
	}
	const result = v.safeParse(liveCodeSchema, parsed);
	if (!result.success || result.output.expiresAt <= now) {
		forgetCode(planId, store);
		return null;
	}
	return result.output;
}

export function forgetCode(planId: string, store: Storage | null = storage()): void {
	try {
		store?.removeItem(key(planId));
	} catch {
		// Nothing kept, nothing to forget.
	}
}
