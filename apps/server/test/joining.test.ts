/**
 * Joining with a previous token (issue #22): an earlier session token of the plan renews the same
 * participant with the link's role when that role is theirs or lesser, and never lifts a retired link
 * for anyone else. Every role × (current, rotated) link × (own, lesser, other plan's, expired) token.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ROLES, rotateInvitePath, type ApiError, type JoinResponse, type Role } from '@cap/protocol';
import { createTokens } from '../src/tokens.ts';
import { createPlan, Harness, join, post, TEST_SECRET } from './helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

/** The token kinds a browser may hold when it joins again. */
const TOKENS = ['own', 'lesser', 'other-plan', 'expired-own', 'expired-lesser'] as const;
type TokenKind = (typeof TOKENS)[number];

describe('POST /api/join with previousToken', () => {
	it('renews the same participant with the same or a lesser role, and never lifts a retired link', async () => {
		const app = await h.start(h.config({ JOIN_RATE: '10000/m' }));
		const plan = await createPlan(app.url);
		const other = await createPlan(app.url, 'Autre plan');
		const boss = await join(app.url, plan, 'facilitator', 'Fanny');
		const oldLinks = plan.invites;
		const expiring = createTokens(TEST_SECRET, -60_000);

		/** A token of each kind for someone who joined with a link of `role`. */
		async function tokenOf(kind: TokenKind, role: Role): Promise<{ token: string; participantId?: string }> {
			if (kind === 'other-plan') return { token: (await join(app.url, other, role, 'Otto')).token };
			if (kind === 'own' || kind === 'lesser') {
				const session = await join(app.url, plan, kind === 'own' ? role : 'viewer', 'Vera');
				return session;
			}
			const participantId = `expired_${kind}_${role}`;
			const signed = await expiring.signSession({
				planId: plan.planId,
				role: kind === 'expired-own' ? role : 'viewer',
				participantId,
				name: 'Vera'
			});
			return { token: signed.token, participantId };
		}

		const cases: string[] = [];
		const rotatedLinks: Partial<Record<Role, string>> = {};
		for (const role of ROLES) {
			// Tokens first, while the old link is current; then the link is replaced.
			const tokens = Object.fromEntries(
				await Promise.all(TOKENS.map(async (kind) => [kind, await tokenOf(kind, role)] as const))
			) as Record<TokenKind, { token: string; participantId?: string }>;
			for (const state of ['current', 'rotated'] as const) {
				if (state === 'rotated') {
					const res = await fetch(`${app.url}${rotateInvitePath(plan.planId, role)}`, {
						method: 'POST',
						headers: { authorization: `Bearer ${boss.token}` }
					});
					expect(res.status).toBe(200);
					rotatedLinks[role] = ((await res.json()) as { invites: Record<Role, string> }).invites[role];
				}
				for (const kind of TOKENS) {
					const { token, participantId } = tokens[kind];
					const res = await post<JoinResponse & ApiError>(app.url, '/api/join', {
						invite: oldLinks[role],
						name: 'Vera',
						previousToken: token
					});
					const samePlan = kind !== 'other-plan';
					// A lesser token may renew a retired link only when that link's role is no higher than its own.
					const theirs = kind === 'own' || kind === 'expired-own' || role === 'viewer';
					const mayJoin = state === 'current' || (samePlan && theirs);
					const label = `${role} link ${state}, ${kind} token`;
					cases.push(label);
					if (!mayJoin) {
						expect(res, label).toMatchObject({ status: 400, body: { error: 'invite_retired' } });
						continue;
					}
					expect(res.status, label).toBe(200);
					expect(res.body.role, label).toBe(role);
					if (samePlan && participantId) expect(res.body.participantId, label).toBe(participantId);
					if (!samePlan) expect(res.body.participantId, label).not.toBe(participantId);
				}
			}
			// The new link still lets anyone in, whatever token they bring.
			const fresh = await post<JoinResponse>(app.url, '/api/join', {
				invite: rotatedLinks[role],
				name: 'Nina',
				previousToken: tokens.lesser.token
			});
			expect(fresh.status).toBe(200);
			expect(fresh.body.role).toBe(role);
		}
		expect(cases).toHaveLength(ROLES.length * 2 * TOKENS.length);
	});

	it("a viewer's token does not turn a retired editor or facilitator link into a session", async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const boss = await join(app.url, plan, 'facilitator', 'Fanny');
		const viewer = await join(app.url, plan, 'viewer', 'Victor');
		for (const role of ['editor', 'facilitator'] as const) {
			const rotated = await fetch(`${app.url}${rotateInvitePath(plan.planId, role)}`, {
				method: 'POST',
				headers: { authorization: `Bearer ${boss.token}` }
			});
			expect(rotated.status).toBe(200);
			const escalation = await post<ApiError>(app.url, '/api/join', {
				invite: plan.invites[role],
				name: 'Victor',
				previousToken: viewer.token
			});
			expect(escalation).toMatchObject({ status: 400, body: { error: 'invite_retired', field: 'invite' } });
		}
	});
});
