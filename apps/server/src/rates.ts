/**
 * Rates per key (a client address, a connection): rate-limiter-flexible's in-memory fixed windows, one
 * limiter per kind of action. A refused take says how long until the window allows it again, which the
 * HTTP side sends as Retry-After.
 */
import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Rate } from './config.ts';

export type Taken = { ok: true } | { ok: false; retryAfterMs: number };

export class RateLimit {
	readonly #limiter: RateLimiterMemory;

	constructor(rate: Rate) {
		this.#limiter = new RateLimiterMemory({ points: rate.points, duration: rate.perSeconds });
	}

	/** Takes one point for `key`; refused once the window's points are used. */
	async take(key: string): Promise<Taken> {
		try {
			await this.#limiter.consume(key);
			return { ok: true };
		} catch (error) {
			if (error instanceof RateLimiterRes) return { ok: false, retryAfterMs: error.msBeforeNext };
			throw error;
		}
	}

	/** Whether `key` has points left, without taking one. */
	async peek(key: string): Promise<Taken> {
		const state = await this.#limiter.get(key);
		if (!state || state.remainingPoints > 0) return { ok: true };
		return { ok: false, retryAfterMs: state.msBeforeNext };
	}

	/** Forgets `key` (a closed connection). */
	forget(key: string): void {
		void this.#limiter.delete(key);
	}
}

/**
 * The address a request comes from. Behind a reverse proxy (TRUST_PROXY), the last X-Forwarded-For entry:
 * the one the proxy itself appended, which a client cannot forge.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
	if (trustProxy) {
		const header = req.headers['x-forwarded-for'];
		const last = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').at(-1)?.trim();
		if (last) return last;
	}
	return req.socket.remoteAddress ?? 'unknown';
}
