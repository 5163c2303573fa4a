/**
 * Bringing last year's Cap plan into this year's review (REV-8). The server gives a plan's review material
 * only to a session of that plan, so the browser needs one: a plan it already knows (a stored session), a
 * plan link it holds a session for, or an invite link, joined here under the person's current name.
 */
import { reviewSourcePath, inviteFromLink } from '@cap/protocol';
import type { PreviousPlan } from '@cap/plan-model';
import { freshSession, joinPlan, type ApiResult } from '#lib/api.ts';
import {
	findSessionByInvite,
	loadSession,
	saveSession,
	sessionFromJoin,
	type StoredSession
} from '#lib/session.ts';

export async function fetchPreviousPlan(
	stored: StoredSession,
	fetchFn: typeof fetch = fetch
): Promise<ApiResult<PreviousPlan>> {
	const fresh = await freshSession(stored, { fetchFn });
	if (!fresh.ok) return fresh;
	let response: Response;
	try {
		response = await fetchFn(reviewSourcePath(fresh.data.planId), {
			headers: { authorization: `Bearer ${fresh.data.token}` }
		});
	} catch {
		return { ok: false, kind: 'network' };
	}
	const payload: unknown = await response.json().catch(() => null);
	if (response.ok) return { ok: true, data: payload as PreviousPlan };
	return {
		ok: false,
		kind: 'api',
		status: response.status,
		error: { error: `http_${response.status}`, message: response.statusText }
	};
}

/**
 * The session to read the plan behind `link` with: `/p/<planId>/…` needs a session this browser already
 * has; `/join/<invite>` reuses one or joins now as `name`. Null when the link is neither, or a plan link
 * this browser was never invited to.
 */
export async function sessionForLink(
	link: string,
	name: string,
	fetchFn?: typeof fetch
): Promise<ApiResult<StoredSession> | null> {
	const plan = /\/p\/([A-Za-z0-9_-]{10,64})(?:[/?#]|$)/.exec(link.trim());
	if (plan) {
		const stored = loadSession(plan[1]!);
		return stored ? { ok: true, data: stored } : null;
	}
	if (!/\/join\//.test(link)) return null;
	const invite = inviteFromLink(link);
	const known = findSessionByInvite(invite);
	if (known) return { ok: true, data: known };
	const joined = await joinPlan({ invite, name }, fetchFn);
	if (!joined.ok) return joined;
	const session = sessionFromJoin(joined.data, invite);
	saveSession(session);
	return { ok: true, data: session };
}
