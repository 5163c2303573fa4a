/**
 * The server ends a connection when its token expires. A minute before, the session is renewed and the
 * new token sent on the open connection (Hocuspocus's token sync), so nobody is disconnected. If that
 * fails (offline), it is tried again shortly; the server's "token-expired" close is repaired by the plan's
 * sync meanwhile (renew and reconnect; the document keeps every unsent edit).
 */
import type { StoredSession } from '../session.ts';

/** Renew the session this long before its token expires. */
const RENEW_BEFORE_MS = 60_000;
const RETRY_RENEW_MS = 30_000;
const MIN_RENEW_DELAY_MS = 1_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface RenewalOptions {
	current: () => StoredSession;
	/** Resolves to a renewed session, or null. */
	renew: (session: StoredSession) => Promise<StoredSession | null>;
	/** Takes the renewed session (sends its token on the open connection). */
	renewed: (session: StoredSession) => Promise<void>;
}

export class SessionRenewal {
	#timer: ReturnType<typeof setTimeout> | undefined;
	readonly #options: RenewalOptions;

	constructor(options: RenewalOptions) {
		this.#options = options;
		this.#schedule();
	}

	#schedule(): void {
		clearTimeout(this.#timer);
		const due = this.#options.current().expiresAt - RENEW_BEFORE_MS - Date.now();
		this.#timer = setTimeout(
			() => void this.#now(),
			Math.min(MAX_TIMER_MS, Math.max(due, MIN_RENEW_DELAY_MS))
		);
	}

	async #now(): Promise<void> {
		if (this.#options.current().expiresAt - RENEW_BEFORE_MS > Date.now()) return this.#schedule();
		const renewed = await this.#options.renew(this.#options.current()).catch(() => null);
		if (renewed) {
			await this.#options.renewed(renewed);
			this.#schedule();
		} else this.#timer = setTimeout(() => void this.#now(), RETRY_RENEW_MS);
	}

	stop(): void {
		clearTimeout(this.#timer);
	}
}
