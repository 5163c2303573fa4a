/**
 * The HTTP API client. Every call resolves to a result instead of throwing, so forms keep what was typed
 * and show the failure where it belongs (a field, or a banner for network errors).
 */
import {
	API_PATHS,
	type ApiError,
	type CreatePlanRequest,
	type CreatePlanResponse,
	type JoinRequest,
	type JoinResponse
} from '@cap/protocol';
import { isExpired, saveSession, sessionFromJoin, type StoredSession } from './session.ts';

export type ApiResult<T> =
	| { ok: true; data: T }
	| { ok: false; kind: 'network' }
	| { ok: false; kind: 'api'; status: number; error: ApiError };

async function post<T>(path: string, body: unknown, fetchFn: typeof fetch = fetch): Promise<ApiResult<T>> {
	let response: Response;
	try {
		response = await fetchFn(path, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
	} catch {
		return { ok: false, kind: 'network' };
	}
	let payload: unknown = null;
	try {
		payload = await response.json();
	} catch {
		// A proxy error page or an empty body: reported below with the status alone.
	}
	if (response.ok) return { ok: true, data: payload as T };
	const error =
		payload && typeof payload === 'object' && 'message' in payload
			? (payload as ApiError)
			: { error: `http_${response.status}`, message: response.statusText || String(response.status) };
	// 502/503/504 come from a proxy when the server is down: that is a network problem for the user.
	if (response.status >= 502 && response.status <= 504 && !('field' in error)) {
		return { ok: false, kind: 'network' };
	}
	return { ok: false, kind: 'api', status: response.status, error };
}

export function createPlan(request: CreatePlanRequest, fetchFn?: typeof fetch) {
	return post<CreatePlanResponse>(API_PATHS.plans, request, fetchFn);
}

export function joinPlan(request: JoinRequest, fetchFn?: typeof fetch) {
	return post<JoinResponse>(API_PATHS.join, request, fetchFn);
}

/**
 * Returns a session whose token is still valid: the stored one, or a renewed one obtained by joining
 * again with the stored invite, name and previous token (the server keeps the participant id).
 */
export async function freshSession(
	session: StoredSession,
	options: { force?: boolean; fetchFn?: typeof fetch } = {}
): Promise<ApiResult<StoredSession>> {
	if (!options.force && !isExpired(session)) return { ok: true, data: session };
	const result = await joinPlan(
		{ invite: session.invite, name: session.name, previousToken: session.token },
		options.fetchFn
	);
	if (!result.ok) return result;
	// A session from before join times existed keeps counting every thread (no joinedAt), as it did.
	const renewed = { ...sessionFromJoin(result.data, session.invite), joinedAt: session.joinedAt };
	saveSession(renewed);
	return { ok: true, data: renewed };
}
