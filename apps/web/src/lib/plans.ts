/**
 * The plans this browser has joined, for the home page: every stored session (session.ts) plus what
 * was seen of the plan on the last visit (title, year, when), kept under `cap.visit.<planId>`.
 * Forgetting a plan removes both, so this browser no longer opens it without its invite.
 */
import type { Role } from '@cap/protocol';
import { clearSession, loadSession, type KeyValueStorage } from './session.ts';

export interface JoinedPlan {
	planId: string;
	name: string;
	role: Role;
	title: string | null;
	year: number | null;
	/** Epoch milliseconds of the last visit, null if the plan was joined but never opened. */
	lastVisit: number | null;
}

interface Visit {
	title: string;
	year: number;
	at: number;
}

const SESSION_PREFIX = 'cap.session.';
const VISIT_PREFIX = 'cap.visit.';

function defaultStorage(): KeyValueStorage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

function readVisit(raw: string | null): Visit | null {
	if (!raw) return null;
	try {
		const v = JSON.parse(raw) as Partial<Visit>;
		if (typeof v.title === 'string' && typeof v.year === 'number' && typeof v.at === 'number') {
			return v as Visit;
		}
	} catch {
		// A corrupted entry is as good as none: the next visit rewrites it.
	}
	return null;
}

/** Remembers the plan's title and year as seen now. */
export function recordVisit(
	planId: string,
	seen: { title: string; year: number },
	now = Date.now(),
	storage = defaultStorage()
): void {
	storage?.setItem(VISIT_PREFIX + planId, JSON.stringify({ ...seen, at: now } satisfies Visit));
}

/** Joined plans, most recently visited first (never-opened ones last). */
export function listJoinedPlans(storage = defaultStorage()): JoinedPlan[] {
	if (!storage) return [];
	const out: JoinedPlan[] = [];
	for (let i = 0; i < storage.length; i++) {
		const key = storage.key(i);
		if (!key?.startsWith(SESSION_PREFIX)) continue;
		const session = loadSession(key.slice(SESSION_PREFIX.length), storage);
		if (!session) continue;
		const visit = readVisit(storage.getItem(VISIT_PREFIX + session.planId));
		out.push({
			planId: session.planId,
			name: session.name,
			role: session.role,
			title: visit?.title ?? null,
			year: visit?.year ?? null,
			lastVisit: visit?.at ?? null
		});
	}
	return out.sort((a, b) => (b.lastVisit ?? -1) - (a.lastVisit ?? -1) || a.planId.localeCompare(b.planId));
}

/** Removes the plan from this browser's list: its session and its visit. */
export function forgetPlan(planId: string, storage = defaultStorage()): void {
	clearSession(planId, storage);
	storage?.removeItem(VISIT_PREFIX + planId);
}
