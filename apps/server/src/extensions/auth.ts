/**
 * Authentication and authorisation of every document a websocket opens. The session token must be
 * authentic, unexpired and for the plan the document belongs to; private documents open only for
 * their own participant; roles that may not write get a read-only connection, so Hocuspocus neither
 * applies nor broadcasts their updates (and the persistence extension does not store them).
 * Commenters may write the plan document, but only their own comments: the comments extension checks
 * each of their updates before it is stored or applied.
 */
import type { connectedPayload, Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { can, CLOSE_CODES, CLOSE_REASONS, parseDocumentName, type CloseReason } from '@cap/protocol';
import type { CapContext } from '../context.ts';
import { refusal } from '../context.ts';
import type { Limits } from '../config.ts';
import type { Store } from '../store/types.ts';
import type { Tokens } from '../tokens.ts';

export interface AuthOptions {
	tokens: Tokens;
	store: Pick<Store, 'getPlan'>;
	limits: Pick<Limits, 'maxConnectionsPerParticipant' | 'maxConnectionsPerPlan'>;
	/** Told about each refusal (the logging extension writes the line). */
	onRefused?: (documentName: string, reason: CloseReason) => void;
}

/** How long a connection counts against the limits between its authentication and its arrival. */
const PENDING_MS = 10_000;

export function authExtension({ tokens, store, limits, onRefused }: AuthOptions): Extension {
	/** Connections authenticated but not yet added to their document, per document: when, and whose. */
	const pending = new Map<string, Array<{ at: number; participantId: string }>>();

	const refuse = (documentName: string, reason: CloseReason, code?: number) => {
		onRefused?.(documentName, reason);
		return refusal(reason, code);
	};

	return {
		extensionName: 'cap-auth',
		async onAuthenticate({
			token,
			documentName,
			connectionConfig,
			instance
		}: onAuthenticatePayload): Promise<CapContext> {
			const parsed = parseDocumentName(documentName);
			if (!parsed) throw refuse(documentName, CLOSE_REASONS.unknownDocument);

			const verified = await tokens.verifySession(token ?? '');
			if (!verified.ok) {
				throw refuse(
					documentName,
					verified.reason === 'expired' ? CLOSE_REASONS.tokenExpired : CLOSE_REASONS.tokenInvalid
				);
			}
			const claims = verified.claims;
			if (claims.planId !== parsed.planId) throw refuse(documentName, CLOSE_REASONS.wrongPlan);
			if (parsed.kind === 'private' && parsed.participantId !== claims.participantId) {
				throw refuse(documentName, CLOSE_REASONS.unknownDocument);
			}
			if (!(await store.getPlan(parsed.planId))) throw refuse(documentName, CLOSE_REASONS.planNotFound);

			// Connection limits, counted after the last await so concurrent attempts all see each other.
			const now = Date.now();
			const waiting = (pending.get(documentName) ?? []).filter((entry) => now - entry.at < PENDING_MS);
			const open = instance.documents.get(documentName)?.getConnections() ?? [];
			const mine =
				open.filter((c) => (c.context as CapContext | undefined)?.participantId === claims.participantId)
					.length + waiting.filter((entry) => entry.participantId === claims.participantId).length;
			if (
				open.length + waiting.length >= limits.maxConnectionsPerPlan ||
				mine >= limits.maxConnectionsPerParticipant
			) {
				throw refuse(documentName, CLOSE_REASONS.tooManyConnections, CLOSE_CODES.tooMany);
			}
			waiting.push({ at: now, participantId: claims.participantId });
			pending.set(documentName, waiting);

			// Viewers write nothing. Commenters write the plan document, restricted to their own comments by
			// the comments extension; editors and facilitators write all of it. A private document holds its
			// owner's drafts and hidden votes, which every role but viewer may write.
			connectionConfig.readOnly = !can(claims.role, 'comment');

			// The returned object is merged into the connection's context.
			return {
				...claims,
				documentKind: parsed.kind,
				expiresAt: verified.expiresAt ?? Number.POSITIVE_INFINITY
			};
		},

		async connected({ documentName, context }: connectedPayload) {
			// Now counted among the document's connections: no longer pending.
			const waiting = pending.get(documentName);
			const i = waiting?.findIndex((entry) => entry.participantId === (context as CapContext).participantId);
			if (waiting && i !== undefined && i >= 0) waiting.splice(i, 1);
			if (waiting?.length === 0) pending.delete(documentName);
		}
	};
}
