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
import { CLIENT_ADDRESS_HEADER, closeSocketOf, markAuthenticated } from '../transport.ts';

export interface AuthOptions {
	tokens: Tokens;
	store: Pick<Store, 'getPlan'>;
	limits: Pick<
		Limits,
		'maxConnectionsPerParticipant' | 'maxConnectionsPerPlan' | 'reservedSeats' | 'maxConnectionsPerAddress'
	>;
	/** Told about each refusal (the logging extension writes the line). */
	onRefused?: (documentName: string, reason: CloseReason) => void;
}

/** The context of a connection, with the client address its connection limit counts it under. */
type AddressedContext = CapContext & { address: string };

interface PendingEntry {
	at: number;
	participantId: string;
	address: string;
}

/** How long a connection counts against the limits between its authentication and its arrival. */
const PENDING_MS = 10_000;

export function authExtension({ tokens, store, limits, onRefused }: AuthOptions): Extension {
	/**
	 * Connections authenticated but not yet added to their document, per document: when, whose, and from
	 * where (the address is kept on the context too, as `address`, to count open connections).
	 */
	const pending = new Map<string, PendingEntry[]>();

	function forget(documentName: string, entry: PendingEntry): void {
		const waiting = pending.get(documentName);
		const i = waiting?.indexOf(entry) ?? -1;
		if (waiting && i >= 0) waiting.splice(i, 1);
		if (waiting?.length === 0) pending.delete(documentName);
	}

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
			instance,
			request
		}: onAuthenticatePayload): Promise<AddressedContext> {
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
			// A store that does not answer (PostgreSQL stalled or restarting) refuses nothing: the websocket
			// closes with `store-failed` and the provider connects again by itself until the store answers.
			const plan = await store.getPlan(parsed.planId).catch(() => {
				closeSocketOf(request.headers, CLOSE_CODES.storeFailed, CLOSE_REASONS.storeFailed);
				throw refuse(documentName, CLOSE_REASONS.storeFailed, CLOSE_CODES.storeFailed);
			});
			if (!plan) throw refuse(documentName, CLOSE_REASONS.planNotFound);

			// Connection limits, counted after the last await so concurrent attempts all see each other:
			// per participant, per client address, and per plan, where the last RESERVED_SEATS are kept for
			// the people who run it, so joining a viewer link again and again cannot lock them out.
			const now = Date.now();
			const address = request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
			const waiting = (pending.get(documentName) ?? []).filter((entry) => now - entry.at < PENDING_MS);
			const open = (instance.documents.get(documentName)?.getConnections() ?? []).map(
				(c) => c.context as Partial<AddressedContext>
			);
			const count = (match: (entry: { participantId?: string; address?: string }) => boolean) =>
				open.filter(match).length + waiting.filter(match).length;
			const seats = can(claims.role, 'editPlan')
				? limits.maxConnectionsPerPlan
				: limits.maxConnectionsPerPlan - limits.reservedSeats;
			if (
				open.length + waiting.length >= seats ||
				count((c) => c.participantId === claims.participantId) >= limits.maxConnectionsPerParticipant ||
				count((c) => c.address === address) >= limits.maxConnectionsPerAddress
			) {
				throw refuse(documentName, CLOSE_REASONS.tooManyConnections, CLOSE_CODES.tooMany);
			}
			const entry = { at: now, participantId: claims.participantId, address };
			waiting.push(entry);
			pending.set(documentName, waiting);
			// A connection that closes before it arrives never reaches `connected`: its entry goes anyway,
			// so a document nobody opens again keeps nothing here.
			setTimeout(() => forget(documentName, entry), PENDING_MS).unref();
			markAuthenticated(request);

			// Viewers write nothing. Commenters write the plan document, restricted to their own comments by
			// the comments extension; editors and facilitators write all of it. A private document holds its
			// owner's drafts and hidden votes, which every role but viewer may write.
			// A room code's participant (scope `workshop`) takes part through workshop commands only: the plan
			// document is read-only for them.
			connectionConfig.readOnly =
				!can(claims.role, 'comment') || (claims.scope === 'workshop' && parsed.kind === 'plan');

			// The returned object is merged into the connection's context.
			return {
				...claims,
				documentKind: parsed.kind,
				expiresAt: verified.expiresAt ?? Number.POSITIVE_INFINITY,
				address
			};
		},

		async connected({ documentName, context }: connectedPayload) {
			// Now counted among the document's connections: no longer pending.
			const participantId = (context as CapContext).participantId;
			const entry = pending.get(documentName)?.find((e) => e.participantId === participantId);
			if (entry) forget(documentName, entry);
		}
	};
}
