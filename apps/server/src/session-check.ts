/**
 * The one session check of the HTTP API: every route that needs a participant of a plan (invites,
 * versions, room codes, review source, next year's plan) calls `requireSession`, so a token is read,
 * verified and scoped in one place.
 */
import type { IncomingMessage } from 'node:http';
import type { Role, SessionClaims } from '@cap/protocol';
import { HttpError } from './http-util.ts';
import type { Tokens } from './tokens.ts';

export type RequireSession = (
	req: IncomingMessage,
	planId: string,
	roles: readonly Role[]
) => Promise<SessionClaims>;

/**
 * The session of `Authorization: Bearer`, which must belong to this plan, hold one of `roles` and not be
 * a room code participant's (scope `workshop`): 401 without a valid token, 403 otherwise.
 */
export function sessionCheck(tokens: Tokens): RequireSession {
	return async (req, planId, roles) => {
		const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
		const session = auth ? await tokens.verifySession(auth[1]!) : null;
		if (!session?.ok)
			throw new HttpError(401, { error: 'unauthorized', message: 'A session token is required' });
		if (session.claims.planId !== planId || !roles.includes(session.claims.role)) {
			throw new HttpError(403, { error: 'forbidden', message: 'Your role in this plan does not allow this' });
		}
		// A room code's participant takes part in the workshop; the plan's routes are not theirs.
		if (session.claims.scope === 'workshop') {
			throw new HttpError(403, {
				error: 'forbidden',
				message: 'A room code gives access to the workshop only'
			});
		}
		return session.claims;
	};
}
