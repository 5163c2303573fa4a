/** Small HTTP helpers shared by the API modules: errors as JSON, bounded JSON bodies, valibot parsing. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from '@cap/protocol';
import { unsafeCharacter } from '@cap/plan-model';
import * as v from 'valibot';

/** API bodies are a few fields; anything bigger is a mistake or an attack. */
export const MAX_BODY_BYTES = 64 * 1024;

export class HttpError extends Error {
	readonly status: number;
	readonly body: ApiError;
	readonly headers: Record<string, string>;
	constructor(status: number, body: ApiError, headers: Record<string, string> = {}) {
		super(body.message);
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

/** 429 with Retry-After (whole seconds, at least 1). */
export function tooManyRequests(retryAfterMs: number, message: string): HttpError {
	const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
	return new HttpError(
		429,
		{ error: 'rate_limited', message: `${message}; try again in ${seconds} s` },
		{ 'retry-after': String(seconds) }
	);
}

/**
 * Headers every answer carries, pages and API alike: no framing by another site, no MIME sniffing, and no
 * Referer, since page URLs can carry an invite (/join/…) that must not leak to another site. The web app's
 * own Content-Security-Policy (scripts, styles, connections) comes from SvelteKit (apps/web/vite.config.ts);
 * an API answer gets a policy that allows nothing.
 */
export const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'no-referrer',
	'cross-origin-opener-policy': 'same-origin'
};
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** No control or text-direction characters (plan-model TXT-1). */
export const safeCharacters = v.check(
	(text: string) => unsafeCharacter(text) === null,
	(issue) => `Contains a control or text-direction character (${unsafeCharacter(issue.input)})`
);

/**
 * A single-line name or title, trimmed, of 1..`max` characters (`required` says so when empty), with no
 * control or text-direction characters (plan-model TXT-1).
 */
export function safeText(max: number, required: string, tooLong?: string) {
	return v.pipe(v.string(), v.trim(), v.minLength(1, required), v.maxLength(max, tooLong), safeCharacters);
}

export function methodNotAllowed(): HttpError {
	return new HttpError(405, { error: 'method_not_allowed', message: 'Method not allowed' });
}

/** The body as `schema` reads it, or a 400 naming the first field at fault. */
export function parse<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
	const result = v.safeParse(schema, value, { abortPipeEarly: true });
	if (result.success) return result.output;
	const issue = result.issues[0];
	const field = v.getDotPath(issue) ?? '';
	throw new HttpError(400, {
		error: 'invalid_input',
		message: field ? `${field}: ${issue.message}` : issue.message,
		...(field && { field })
	});
}

/** Reads a JSON body, refusing more than MAX_BODY_BYTES as soon as it is exceeded. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
	const declared = Number(req.headers['content-length'] ?? 0);
	if (declared > MAX_BODY_BYTES) throw tooLarge();
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > MAX_BODY_BYTES) throw tooLarge();
		chunks.push(chunk);
	}
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch {
		throw new HttpError(400, { error: 'invalid_json', message: 'The body is not valid JSON' });
	}
}

function tooLarge(): HttpError {
	return new HttpError(413, {
		error: 'payload_too_large',
		message: `The body exceeds ${MAX_BODY_BYTES} bytes`
	});
}

/** PUBLIC_ORIGIN, else the browser's Origin header, else the Host the request was sent to. */
export function requestOrigin(req: IncomingMessage, publicOrigin: string | undefined): string {
	if (publicOrigin) return publicOrigin;
	for (const candidate of [req.headers.origin, req.headers.host && `http://${req.headers.host}`]) {
		if (!candidate) continue;
		try {
			const url = new URL(candidate);
			if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
		} catch {
			// Not a URL: try the next candidate.
		}
	}
	return 'http://localhost';
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		'cache-control': 'no-store',
		'content-security-policy': API_CSP,
		...headers
	});
	res.end(text);
}
