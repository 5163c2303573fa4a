/**
 * Authentication and authorisation of every document a websocket opens. The session token must be
 * authentic, unexpired and for the plan the document belongs to; private documents open only for
 * their own participant; roles that may not write get a read-only connection, so Hocuspocus neither
 * applies nor broadcasts their updates (and the persistence extension does not store them).
 * Commenters may write the plan document, but only their own comments: the comments extension checks
 * each of their updates before it is stored or applied.
 */
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { can, CLOSE_REASONS, parseDocumentName, type CloseReason } from '@cap/protocol';
import type { CapContext } from '../context.ts';
import { refusal } from '../context.ts';
import type { Store } from '../store/types.ts';
import type { Tokens } from '../tokens.ts';

export interface AuthOptions {
	tokens: Tokens;
	store: Pick<Store, 'getPlan'>;
	/** Told about each refusal (the logging extension writes the line). */
	onRefused?: (documentName: string, reason: CloseReason) => void;
}

export function authExtension({ tokens, store, onRefused }: AuthOptions): Extension {
	const refuse = (documentName: string, reason: CloseReason) => {
		onRefused?.(documentName, reason);
		return refusal(reason);
	};

	return {
		extensionName: 'cap-auth',
		async onAuthenticate({
			token,
			documentName,
			connectionConfig
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

			// Viewers write nothing. Commenters write the plan document, restricted to their own comments by
			// the comments extension; editors and facilitators write all of it. A private document holds its
			// owner's drafts and hidden votes, which every role but viewer may write.
			connectionConfig.readOnly = !can(claims.role, 'comment');

			// The returned object is merged into the connection's context.
			return { ...claims, documentKind: parsed.kind };
		}
	};
}
