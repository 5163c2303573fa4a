/**
 * The HTTP side of the one port: the JSON API, the health check, and everything else handed to the
 * SvelteKit adapter-node handler (or a 503 page when the web app has not been built).
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	API_PATHS,
	inviteFromLink,
	LOCALES,
	type CreatePlanRequest,
	type CreatePlanResponse,
	type JoinResponse,
	type Role,
	type CreateJoinCodeResponse,
	type ResolveJoinCodeResponse,
	JOIN_CODE_ALPHABET,
	JOIN_CODE_LENGTH,
	normalizeJoinCode,
	planDocumentName,
	PLAN_ID_PATTERN,
	PLAN_TEMPLATE_CHOICES,
	ROLES
} from '@cap/protocol';
import { selectPreviousPlan, type PreviousPlan } from '@cap/plan-model';
import * as Y from 'yjs';
import { randomInt } from 'node:crypto';
import * as v from 'valibot';
import type { Logger } from './log.ts';
import {
	HttpError,
	methodNotAllowed,
	parse,
	readJson,
	safeCharacters,
	safeText,
	SECURITY_HEADERS,
	sendJson,
	tooManyRequests
} from './http-util.ts';
import type { Limits } from './config.ts';
import type { Metrics } from './metrics.ts';
import { clientAddress, RateLimit } from './rates.ts';
import { asPlanError, initialPlanUpdate } from './plan.ts';
import { planRoutes } from './plan-routes.ts';
import { sessionCheck } from './session-check.ts';
import type { Store } from './store/types.ts';
import { randomId, type Tokens } from './tokens.ts';

export { MAX_BODY_BYTES } from './http-util.ts';

export interface HttpOptions {
	store: Store;
	tokens: Tokens;
	log: Logger;
	publicOrigin: string | undefined;
	webBuildDir: string;
	limits: Pick<
		Limits,
		| 'planCreationRate'
		| 'joinRate'
		| 'trustProxy'
		| 'versionRate'
		| 'maxVersions'
		| 'codeTtlMs'
		| 'maxLiveCodes'
		| 'codeLookupRate'
		| 'codeUseRate'
	>;
	metrics: Metrics;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const createPlanSchema = v.object({
	title: safeText(200, 'The title is required'),
	year: v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
	locale: v.picklist(LOCALES),
	company: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200), safeCharacters)),
	currency: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 code such as EUR'))),
	template: v.optional(v.picklist(PLAN_TEMPLATE_CHOICES)),
	basedOn: v.optional(v.pipe(v.string(), v.regex(PLAN_ID_PATTERN, 'Expected a plan id')))
});

const joinSchema = v.object({
	invite: v.pipe(v.string(), v.minLength(1, 'The invite is required'), v.maxLength(4096)),
	name: safeText(60, 'The name is required', 'At most 60 characters'),
	previousToken: v.optional(v.pipe(v.string(), v.maxLength(4096)))
});

const codeSchema = v.object({
	role: v.optional(v.picklist(['editor', 'participant'])),
	lasting: v.optional(v.boolean())
});

export function createHttpHandler(options: HttpOptions): Handler {
	const { store, tokens, log } = options;
	const web = webHandler(options.webBuildDir, log);
	const requireSession = sessionCheck(tokens);
	const { inviteLinks, planRoute } = planRoutes({ ...options, requireSession });
	const creations = new RateLimit(options.limits.planCreationRate);
	const joins = new RateLimit(options.limits.joinRate);
	const codeGuesses = new RateLimit(options.limits.codeLookupRate);
	const codeUses = new RateLimit(options.limits.codeUseRate);

	/** Takes one point of `limit` for the request's address, or answers 429 with Retry-After. */
	async function limited(
		req: IncomingMessage,
		limit: RateLimit,
		what: 'plan-creation' | 'join'
	): Promise<void> {
		const taken = await limit.take(clientAddress(req, options.limits.trustProxy));
		if (taken.ok) return;
		options.metrics.refusals.inc({ reason: `${what}-rate` });
		const label = what === 'join' ? 'joins' : 'plans created';
		throw tooManyRequests(taken.retryAfterMs, `Too many ${label} from this address`);
	}

	async function createPlan(req: IncomingMessage): Promise<CreatePlanResponse> {
		const props: CreatePlanRequest = parse(createPlanSchema, await readJson(req));
		// Next year's plan copies from a plan the caller may edit, proved by their session of it.
		let source: Uint8Array[] | undefined;
		if (props.basedOn) {
			await requireSession(req, props.basedOn, ['facilitator', 'editor']);
			source = (await store.loadDocument(props.basedOn)).updates;
		}
		let update: Uint8Array;
		try {
			update = initialPlanUpdate(props, source);
		} catch (error) {
			const planError = asPlanError(error);
			if (!planError) throw error;
			throw new HttpError(400, {
				error: 'invalid_input',
				message: planError.message,
				...(planError.field && { field: planError.field })
			});
		}
		const planId = randomId(16);
		const { template: _template, basedOn: _basedOn, ...meta } = props;
		await store.createPlan({ id: planId, ...meta, createdAt: Date.now() }, update);
		log.info('plan created', { plan: planId });
		return { planId, invites: await inviteLinks(req, planId) };
	}

	async function join(req: IncomingMessage): Promise<JoinResponse> {
		const body = parse(joinSchema, await readJson(req));
		const invite = await tokens.verifyInvite(inviteFromLink(body.invite));
		if (!invite.ok && invite.reason === 'expired') {
			throw new HttpError(400, {
				error: 'invite_expired',
				message: 'This invite came with a room code that has ended; ask the facilitator for a new code',
				field: 'invite'
			});
		}
		if (!invite.ok) {
			throw new HttpError(400, {
				error: 'invalid_invite',
				message: 'This invite is not valid',
				field: 'invite'
			});
		}
		const { planId, role } = invite.claims;
		if (!(await store.getPlan(planId))) {
			throw new HttpError(404, { error: 'plan_not_found', message: 'This plan does not exist' });
		}
		// An authentic earlier token for this plan, even expired, proves who this browser is: it keeps its
		// participant id whatever the link.
		let participantId = randomId(12);
		let previousRole: Role | null = null;
		if (body.previousToken) {
			const previous = await tokens.verifySession(body.previousToken, { allowExpired: true });
			if (previous.ok && previous.claims.planId === planId) {
				participantId = previous.claims.participantId;
				previousRole = previous.claims.role;
			}
		}
		// A rotated link lets nobody new in. Someone who held that role (or a higher one) keeps renewing
		// with it; an earlier token of a lesser role proves membership, not the right to this link's role.
		if (
			invite.claims.generation < (await store.inviteGenerations(planId))[role] &&
			!(previousRole && atLeast(previousRole, role))
		) {
			throw new HttpError(400, {
				error: 'invite_retired',
				message: 'This invite link has been replaced; ask the facilitator for the new one',
				field: 'invite'
			});
		}
		// A session opened with a room code's invite ends with it.
		const scope = invite.claims.scope;
		const { token, expiresAt } = await tokens.signSession(
			{ planId, role, participantId, name: body.name, ...(scope && { scope }) },
			invite.expiresAt
		);
		return { token, participantId, role, planId, name: body.name, expiresAt };
	}

	/**
	 * `POST /api/plans/:id/code`: a facilitator (session token in `Authorization: Bearer`) gets a code of
	 * JOIN_CODE_LENGTH characters for the commenter invite (`{ role: 'participant' }`, the default: ideas,
	 * votes, comments) or the editor invite with `{ role: 'editor' }`, valid CODE_TTL. The invite behind it
	 * ends with the code, unless `lasting`. A code never maps to the facilitator invite; a plan holds at
	 * most MAX_LIVE_CODES live codes.
	 */
	async function createCode(req: IncomingMessage, planId: string): Promise<CreateJoinCodeResponse> {
		await requireSession(req, planId, ['facilitator']);
		const body = parse(codeSchema, (await readJson(req).catch(() => ({}))) ?? {});
		const { maxLiveCodes, codeTtlMs } = options.limits;
		if ((await store.countJoinCodes(planId, Date.now())) >= maxLiveCodes) {
			throw new HttpError(409, {
				error: 'too_many_codes',
				message: `This plan already has ${maxLiveCodes} live codes; use one of them or wait until one ends`
			});
		}
		const role: Role = body.role === 'editor' ? 'editor' : 'commenter';
		const expiresAt = Date.now() + codeTtlMs;
		const generation = (await store.inviteGenerations(planId))[role];
		// A participant's code opens workshop-scoped sessions (SessionClaims.scope); an editor's does not.
		const invite = await tokens.signInvite(
			planId,
			role,
			generation,
			body.lasting ? undefined : expiresAt,
			role === 'commenter' ? 'workshop' : undefined
		);
		for (let attempt = 0; attempt < 20; attempt++) {
			let code = '';
			for (let i = 0; i < JOIN_CODE_LENGTH; i++) {
				code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
			}
			if (await store.createJoinCode({ code, planId, invite, expiresAt })) return { code, expiresAt, invite };
		}
		throw new HttpError(503, { error: 'busy', message: 'No free code, try again' });
	}

	/**
	 * `GET /api/plans/:id/review-source` (REV-8): last year's plan as review material, for a session of that
	 * plan only (any role may read): a browser imports a previous plan it was invited to, nothing else.
	 */
	async function reviewSource(req: IncomingMessage, planId: string): Promise<PreviousPlan> {
		await requireSession(req, planId, ROLES);
		const stored = await store.loadDocument(planDocumentName(planId));
		const doc = new Y.Doc();
		for (const update of stored.updates) Y.applyUpdate(doc, update);
		return selectPreviousPlan(doc);
	}

	/**
	 * `GET /api/code/:code`. Lookups of codes that do not resolve are counted per address (CODE_LOOKUP_RATE):
	 * an address walking candidates is answered 429, even for a right guess, while the room goes on; each
	 * code is looked up at most CODE_USE_RATE times.
	 */
	async function resolveCode(req: IncomingMessage, raw: string): Promise<ResolveJoinCodeResponse> {
		const address = clientAddress(req, options.limits.trustProxy);
		const guessing = await codeGuesses.peek(address);
		if (!guessing.ok)
			throw tooManyRequests(guessing.retryAfterMs, 'Too many unknown codes tried from this address');
		let decoded: string;
		try {
			decoded = decodeURIComponent(raw);
		} catch {
			decoded = '';
		}
		const code = normalizeJoinCode(decoded);
		const entry = code ? await store.resolveJoinCode(code, Date.now()) : null;
		if (!entry) {
			const taken = await codeGuesses.take(address);
			if (!taken.ok)
				throw tooManyRequests(taken.retryAfterMs, 'Too many unknown codes tried from this address');
			if (!code) {
				throw new HttpError(400, {
					error: 'invalid_code',
					message: 'This is not a join code',
					field: 'code'
				});
			}
			throw new HttpError(404, { error: 'code_not_found', message: 'Unknown or expired code' });
		}
		const used = await codeUses.take(entry.code);
		if (!used.ok) throw tooManyRequests(used.retryAfterMs, 'This code is being used too often');
		return { invite: entry.invite };
	}

	/**
	 * `GET /healthz`: 200 while the store answers. `setAsideUpdates` counts stored updates that could not
	 * be applied and were kept apart (see the persistence extension): non-zero needs a person's attention.
	 */
	async function health(res: ServerResponse): Promise<void> {
		try {
			await withTimeout(store.ping(), 2_000);
			const setAsideUpdates = await withTimeout(store.countSetAside(), 2_000);
			sendJson(res, 200, { ok: true, setAsideUpdates });
		} catch {
			sendJson(res, 503, { ok: false });
		}
	}

	async function metricsPage(res: ServerResponse): Promise<void> {
		const text = await options.metrics.registry.metrics();
		res.writeHead(200, {
			'content-type': options.metrics.registry.contentType,
			'cache-control': 'no-store'
		});
		res.end(text);
	}

	async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const path = new URL(req.url ?? '/', 'http://localhost').pathname;
		if (path === API_PATHS.health) {
			if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed();
			return health(res);
		}
		if (path === '/metrics') {
			if (req.method !== 'GET') throw methodNotAllowed();
			return metricsPage(res);
		}
		if (path === API_PATHS.plans) {
			if (req.method !== 'POST') throw methodNotAllowed();
			await limited(req, creations, 'plan-creation');
			return sendJson(res, 201, await createPlan(req));
		}
		if (path === API_PATHS.join) {
			if (req.method !== 'POST') throw methodNotAllowed();
			await limited(req, joins, 'join');
			return sendJson(res, 200, await join(req));
		}
		const codeFor = /^\/api\/plans\/([A-Za-z0-9_-]{10,64})\/code$/.exec(path);
		if (codeFor) {
			if (req.method !== 'POST') throw methodNotAllowed();
			return sendJson(res, 201, await createCode(req, codeFor[1]!));
		}
		const source = /^\/api\/plans\/([A-Za-z0-9_-]{10,64})\/review-source$/.exec(path);
		if (source) {
			if (req.method !== 'GET') throw methodNotAllowed();
			return sendJson(res, 200, await reviewSource(req, source[1]!));
		}
		const plan =
			/^\/api\/plans\/([A-Za-z0-9_-]{10,64})\/(invites|versions)(?:\/([^/]{1,64}))?(\/rotate)?$/.exec(path);
		if (plan) return planRoute(req, res, plan[1]!, plan[2]!, plan[3], Boolean(plan[4]));
		const code = /^\/api\/code\/([^/]{1,32})$/.exec(path);
		if (code) {
			if (req.method !== 'GET') throw methodNotAllowed();
			return sendJson(res, 200, await resolveCode(req, code[1]!));
		}
		if (path === '/api' || path.startsWith('/api/')) {
			throw new HttpError(404, { error: 'not_found', message: `No API at ${path}` });
		}
		return web(req, res);
	}

	return (req, res) => {
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
		route(req, res).catch((error: unknown) => {
			if (error instanceof HttpError) return sendJson(res, error.status, error.body, error.headers);
			log.error('request failed', { path: req.url, error: String(error) });
			if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: 'Internal server error' });
			else res.destroy();
		});
	};
}

/** True when `held` is `role` or a more powerful one (ROLES runs from most to least powerful). */
function atLeast(held: Role, role: Role): boolean {
	return ROLES.indexOf(held) <= ROLES.indexOf(role);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('timeout')), ms);
		promise.then(resolve, reject).finally(() => clearTimeout(timer));
	});
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="fr"><meta charset="utf-8"><title>Cap</title>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem">
<h1>Cap</h1>
<p>L'application web n'est pas construite : lancez <code>npm start</code> à la racine du dépôt.</p>
<p lang="en">The web app is not built: run <code>npm start</code> at the repository root.</p>
<p lang="en">The sync server and the API are running.</p>
</body></html>`;

/**
 * The SvelteKit adapter-node handler, imported on first use so the API and websocket work without a
 * web build. A missing build answers 503 with a page saying so.
 */
function webHandler(buildDir: string, log: Logger): Handler {
	const file = join(buildDir, 'handler.js');
	let loaded: Promise<Handler | null> | undefined;
	const load = () =>
		(loaded ??= existsSync(file)
			? import(pathToFileURL(file).href).then(
					(module: { handler: Handler }) => module.handler,
					(error: unknown) => {
						log.error('could not load the web app', { file, error: String(error) });
						return null;
					}
				)
			: Promise.resolve(null));

	return (req, res) => {
		void load().then((handler) => {
			if (handler) return handler(req, res);
			res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
			res.end(NOT_BUILT_PAGE);
		});
	};
}
