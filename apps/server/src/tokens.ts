/**
 * Invites and session tokens: HS256 JWTs signed with CAP_SECRET.
 *
 * An invite names a plan and a role and does not expire (whoever holds the link may join, as with a
 * shared document link), except the invite behind a room code, which ends with the code. A session token
 * carries SessionClaims and expires after TOKEN_TTL, or with the invite it was opened with if that comes
 * first; the websocket accepts only session tokens. A `typ` claim keeps one kind from passing for the other.
 */
import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { isPlanId, isRole, type Role, type SessionClaims, type SessionScope } from '@cap/protocol';

export type VerifyResult<T> =
	| { ok: true; claims: T; /** Epoch ms, when the token carries an expiry. */ expiresAt?: number }
	| { ok: false; reason: 'invalid' | 'expired' };

export interface Tokens {
	/**
	 * `generation` is the role's invite generation (store.inviteGenerations); rotating it retires older links.
	 * `expiresAt` (epoch ms) makes an invite that ends then (a room code's).
	 */
	signInvite(
		planId: string,
		role: Role,
		generation?: number,
		expiresAt?: number,
		scope?: SessionScope
	): Promise<string>;
	verifyInvite(
		token: string
	): Promise<VerifyResult<{ planId: string; role: Role; generation: number; scope?: SessionScope }>>;
	/** A session of TOKEN_TTL, ending at `notAfter` (epoch ms) if that comes first. */
	signSession(claims: SessionClaims, notAfter?: number): Promise<{ token: string; expiresAt: number }>;
	/** Verifies signature and expiry. With `allowExpired`, an expired but authentic token passes. */
	verifySession(token: string, options?: { allowExpired?: boolean }): Promise<VerifyResult<SessionClaims>>;
}

/** URL-safe random id; 12 bytes give 16 characters, 16 bytes give 22. */
export function randomId(bytes: number): string {
	return randomBytes(bytes).toString('base64url');
}

export function createTokens(secret: string, ttlMs: number): Tokens {
	const key = new TextEncoder().encode(secret);

	async function verify(token: string, allowExpired: boolean): Promise<VerifyResult<JWTPayload>> {
		try {
			const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
			return { ok: true, claims: payload };
		} catch (error) {
			// jose checks the signature before the claims, so an expired token's payload is authentic.
			if (error instanceof errors.JWTExpired) {
				return allowExpired ? { ok: true, claims: error.payload } : { ok: false, reason: 'expired' };
			}
			return { ok: false, reason: 'invalid' };
		}
	}

	return {
		async signInvite(planId, role, generation = 0, expiresAt, scope) {
			// No issue time: the same plan, role and generation always give the same link, so the share
			// dialog shows the link people already have until it is rotated. Generation 0 is left out.
			const jwt = new SignJWT({
				typ: 'invite',
				planId,
				role,
				...(generation > 0 && { gen: generation }),
				...(scope && { scope })
			});
			if (expiresAt !== undefined) jwt.setExpirationTime(Math.floor(expiresAt / 1000));
			return jwt.setProtectedHeader({ alg: 'HS256' }).sign(key);
		},
		async verifyInvite(token) {
			const result = await verify(token, false);
			if (!result.ok) return result;
			const { typ, planId, role, gen, scope } = result.claims;
			if (typ !== 'invite' || !isPlanId(planId) || !isRole(role)) return { ok: false, reason: 'invalid' };
			const generation = typeof gen === 'number' && Number.isInteger(gen) && gen > 0 ? gen : 0;
			const exp = result.claims.exp;
			return {
				ok: true,
				claims: { planId, role, generation, ...(scope === 'workshop' && { scope }) },
				...(typeof exp === 'number' && { expiresAt: exp * 1000 })
			};
		},
		async signSession(claims, notAfter = Number.POSITIVE_INFINITY) {
			const expiresAt = Math.min(Date.now() + ttlMs, notAfter);
			const token = await new SignJWT({ typ: 'session', ...claims })
				.setProtectedHeader({ alg: 'HS256' })
				.setIssuedAt()
				.setExpirationTime(Math.floor(expiresAt / 1000))
				.sign(key);
			return { token, expiresAt: Math.floor(expiresAt / 1000) * 1000 };
		},
		async verifySession(token, options = {}) {
			const result = await verify(token, options.allowExpired ?? false);
			if (!result.ok) return result;
			const { typ, planId, role, participantId, name, scope } = result.claims;
			if (
				typ !== 'session' ||
				!isPlanId(planId) ||
				!isRole(role) ||
				typeof participantId !== 'string' ||
				typeof name !== 'string'
			) {
				return { ok: false, reason: 'invalid' };
			}
			const exp = result.claims.exp;
			return {
				ok: true,
				claims: { planId, role, participantId, name, ...(scope === 'workshop' && { scope }) },
				...(typeof exp === 'number' && { expiresAt: exp * 1000 })
			};
		}
	};
}
