/**
 * Calls to the plan's own API routes (invites, versions), authenticated with this participant's
 * session token, renewed first when it is about to expire. Like api.ts, they resolve to a result.
 */
import {
	API_PATHS,
	invitesPath,
	rotateInvitePath,
	versionPath,
	versionsPath,
	type CreatePlanRequest,
	type CreatePlanResponse,
	type CreateVersionRequest,
	type InvitesResponse,
	type Role,
	type VersionSummary
} from '@cap/protocol';
import { freshSession, type ApiResult } from '../api.ts';
import type { StoredSession } from '../session.ts';

async function call<T>(
	session: StoredSession,
	path: string,
	init: RequestInit & { binary?: boolean } = {}
): Promise<ApiResult<T>> {
	const fresh = await freshSession(session);
	if (!fresh.ok) return fresh;
	let response: Response;
	try {
		response = await fetch(path, {
			...init,
			headers: { 'content-type': 'application/json', authorization: `Bearer ${fresh.data.token}` }
		});
	} catch {
		return { ok: false, kind: 'network' };
	}
	if (response.ok) {
		const data = init.binary ? new Uint8Array(await response.arrayBuffer()) : await response.json();
		return { ok: true, data: data as T };
	}
	const error = await response.json().catch(() => ({
		error: `http_${response.status}`,
		message: response.statusText || String(response.status)
	}));
	return { ok: false, kind: 'api', status: response.status, error };
}

export function fetchInvites(session: StoredSession) {
	return call<InvitesResponse>(session, invitesPath(session.planId));
}

export function rotateInvite(session: StoredSession, role: Role) {
	return call<InvitesResponse>(session, rotateInvitePath(session.planId, role), { method: 'POST' });
}

export function listVersions(session: StoredSession) {
	return call<VersionSummary[]>(session, versionsPath(session.planId));
}

export function createVersion(session: StoredSession, request: CreateVersionRequest) {
	return call<VersionSummary>(session, versionsPath(session.planId), {
		method: 'POST',
		body: JSON.stringify(request)
	});
}

/** The version's state as a Yjs update. */
export function fetchVersionState(session: StoredSession, versionId: string) {
	return call<Uint8Array>(session, versionPath(session.planId, versionId), { binary: true });
}

/** Next year's plan from this one (the session proves the right to copy it). */
export function createNextYearPlan(session: StoredSession, request: CreatePlanRequest) {
	return call<CreatePlanResponse>(session, API_PATHS.plans, {
		method: 'POST',
		body: JSON.stringify({ ...request, basedOn: session.planId })
	});
}
