/**
 * Why the server refused or closed a sync connection. Authentication failures reach the provider as
 * the `reason` of Hocuspocus's permission-denied message; the web app maps each to a sentence.
 */
export const CLOSE_REASONS = {
	/** No token, or a token whose signature or shape is wrong. */
	tokenInvalid: 'token-invalid',
	/** A well-formed token past its expiry: join again with the invite. */
	tokenExpired: 'token-expired',
	/** A valid token for another plan than the document asked for. */
	wrongPlan: 'wrong-plan',
	/** A document name Cap does not serve, or another participant's private document. */
	unknownDocument: 'unknown-document',
	/** The plan does not exist (or was deleted). */
	planNotFound: 'plan-not-found',
	/** The role may not write, and the connection tried to. */
	readOnly: 'read-only',
	/**
	 * A commenter's update changed more than their own comments (another field of the plan, someone
	 * else's comment): it was not applied, and the document connection was closed. Reload the plan.
	 */
	commentOnly: 'comment-only',
	/** A message over the size limit or that could not be decoded. */
	badMessage: 'bad-message',
	/** An update writing what no participant writes (an unknown part of the plan, or server-only state). */
	notWritable: 'not-writable',
	/**
	 * An update that depends on changes the server does not hold (one it refused earlier): it was not
	 * applied, and the document connection was closed. Reload the plan.
	 */
	outOfSync: 'out-of-sync',
	/** The plan has reached the size limit (MAX_PLAN_BYTES): the update was not applied. */
	planTooLarge: 'plan-too-large',
	/** Too many open connections for this participant or this plan (MAX_CONNECTIONS_*). */
	tooManyConnections: 'too-many-connections',
	/** More messages than the connection's rate allows (UPDATE_RATE): reconnect and send again. */
	rateLimited: 'rate-limited',
	/** A presence (awareness) message over MAX_PRESENCE_BYTES. */
	presenceTooLarge: 'presence-too-large',
	/**
	 * A batch of writes could not be stored (the database failed): nothing of it was acknowledged and the
	 * connection was closed. The server keeps the changes in memory and stores them again until it can;
	 * the client reconnects and syncs, sending only what the server lacks (everything, should it have
	 * restarted meanwhile).
	 */
	storeFailed: 'store-failed',
	/** A websocket that did not authenticate in time (AUTH_TIMEOUT): it reconnects and tries again. */
	authTimeout: 'auth-timeout',
	/** A websocket that sent more than MAX_PREAUTH_BYTES before authenticating. */
	preauthTooLarge: 'preauth-too-large'
} as const;

export type CloseReason = (typeof CLOSE_REASONS)[keyof typeof CLOSE_REASONS];

export function isCloseReason(value: unknown): value is CloseReason {
	return typeof value === 'string' && (Object.values(CLOSE_REASONS) as string[]).includes(value);
}

/** Websocket close codes Cap uses beside the standard ones (1009 = message too big). */
export const CLOSE_CODES = {
	messageTooBig: 1009,
	badMessage: 4400,
	unauthorized: 4401,
	forbidden: 4403,
	/** Too many connections (per participant or per plan). */
	tooMany: 4409,
	/** The plan is at its size limit. */
	tooLarge: 4413,
	/** Over the connection's message rate. */
	rateLimited: 4429,
	/** The store failed: nothing of the last writes was acknowledged. */
	storeFailed: 1011,
	/** No authentication within AUTH_TIMEOUT. */
	authTimeout: 4408
} as const;

/** The largest websocket message the server accepts, in bytes. */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
