import type { Role } from './roles.ts';

/** Locales the app is written in. French first. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** `POST /api/plans` body. */
export interface CreatePlanRequest {
	title: string;
	year: number;
	locale: Locale;
	company?: string;
	currency?: string;
	/** Start from a template (plan-model's PLAN_TEMPLATES ids). */
	template?: PlanTemplateChoice;
	/**
	 * Start next year's plan from this plan: the request carries a session token of that plan (editor or
	 * facilitator) in `Authorization: Bearer`; its settings, team, lists and periods are carried over and
	 * its actions become review items.
	 */
	basedOn?: string;
}

export const PLAN_TEMPLATE_CHOICES = ['annual', 'launch'] as const;
export type PlanTemplateChoice = (typeof PLAN_TEMPLATE_CHOICES)[number];

/** `POST /api/plans` answer: the plan id and one invite link (absolute URL) per role. */
export interface CreatePlanResponse {
	planId: string;
	invites: Record<Role, string>;
}

/** `POST /api/join` body: an invite (the token or the whole link) and the participant's name. */
export interface JoinRequest {
	invite: string;
	name: string;
	/**
	 * A session token this browser already holds for this plan, even an expired one: its signature
	 * proves the identity, so the participant keeps the same id (and so their comments, votes...). With a
	 * replaced (rotated) link it renews only someone whose token holds that link's role or a higher one:
	 * it never grants more than the token already had.
	 */
	previousToken?: string;
}

/** `POST /api/join` answer: the session token the websocket accepts. */
export interface JoinResponse {
	token: string;
	participantId: string;
	role: Role;
	planId: string;
	name: string;
	/** Expiry of the token, epoch milliseconds. */
	expiresAt: number;
}

/** The claims of a session token (signed by the server). */
export interface SessionClaims {
	planId: string;
	role: Role;
	participantId: string;
	name: string;
	/**
	 * `workshop`: a session opened with a participant's room code. It takes part in the workshop through
	 * its commands (ideas, votes, scores, drafts) and writes nothing in the plan document itself, which its
	 * connection gets read-only (Hocuspocus's `readonly` scope).
	 */
	scope?: SessionScope;
}

export type SessionScope = 'workshop';

/** Every error answer of the HTTP API. `field` names the input at fault when there is one. */
export interface ApiError {
	error: string;
	message: string;
	field?: string;
}

/** Invite links look like `${origin}/join/${invite}`; this extracts the invite from either form. */
export function inviteFromLink(linkOrInvite: string): string {
	const trimmed = linkOrInvite.trim();
	const match = /\/join\/([^/?#\s]+)/.exec(trimmed);
	return match ? decodeURIComponent(match[1]!) : trimmed;
}

export const API_PATHS = {
	plans: '/api/plans',
	join: '/api/join',
	health: '/healthz'
} as const;

/**
 * `GET` with `Authorization: Bearer <session token of that plan>`: the plan read as last year's review
 * material (plan-model `selectPreviousPlan`, REV-8). Any role of that plan may read it.
 */
export function reviewSourcePath(planId: string): string {
	return `/api/plans/${encodeURIComponent(planId)}/review-source`;
}

/** `GET /api/plans/:id/invites` (facilitator): the current invite link of each role. */
export function invitesPath(planId: string): string {
	return `/api/plans/${encodeURIComponent(planId)}/invites`;
}

/**
 * `POST /api/plans/:id/invites/:role/rotate` (facilitator): a new link for that role. The old link stops
 * letting anyone new join; people already in keep their session and renew it with their earlier token.
 */
export function rotateInvitePath(planId: string, role: Role): string {
	return `${invitesPath(planId)}/${role}/rotate`;
}

/** Answer of both invite routes. */
export interface InvitesResponse {
	invites: Record<Role, string>;
}

/** `GET` lists, `POST { name }` names the current state (editors and facilitators). */
export function versionsPath(planId: string): string {
	return `/api/plans/${encodeURIComponent(planId)}/versions`;
}

/** `GET` one version's state as a Yjs update (application/octet-stream). */
export function versionPath(planId: string, versionId: string): string {
	return `${versionsPath(planId)}/${encodeURIComponent(versionId)}`;
}

/** A named version of a plan: a full copy of its state, with who named it and when. */
export interface VersionSummary {
	id: string;
	name: string;
	authorName: string;
	authorId: string;
	/** Epoch milliseconds. */
	createdAt: number;
	bytes: number;
	/** Set when the version records a restore of an earlier one. */
	restoredFrom?: string;
}

export interface CreateVersionRequest {
	name: string;
	restoredFrom?: string;
}
