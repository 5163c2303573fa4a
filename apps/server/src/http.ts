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
	ROLES,
	type ApiError,
	type CreatePlanRequest,
	type CreatePlanResponse,
	type JoinResponse,
	type Role,
	type CreateJoinCodeResponse,
	type ResolveJoinCodeResponse,
	JOIN_CODE_ALPHABET,
	normalizeJoinCode,
	PLAN_TEMPLATE_CHOICES,
	type InvitesResponse,
	type SessionClaims,
	type VersionSummary
} from '@cap/protocol';
import * as Y from 'yjs';
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from './log.ts';
import { asPlanError, initialPlanUpdate } from './plan.ts';
import type { Store } from './store/types.ts';
import { randomId, type Tokens } from './tokens.ts';

/** API bodies are a few fields; anything bigger is a mistake or an attack. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface HttpOptions {
	store: Store;
	tokens: Tokens;
	log: Logger;
	publicOrigin: string | undefined;
	webBuildDir: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

class HttpError extends Error {
	readonly status: number;
	readonly body: ApiError;
	constructor(status: number, body: ApiError) {
		super(body.message);
		this.status = status;
		this.body = body;
	}
}

const createPlanSchema = z.object({
	title: z.string().trim().min(1, 'The title is required').max(200),
	year: z.number().int().min(2000).max(2100),
	locale: z.enum(LOCALES),
	company: z.string().trim().max(200).optional(),
	currency: z
		.string()
		.regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 code such as EUR')
		.optional(),
	template: z.enum(PLAN_TEMPLATE_CHOICES).optional(),
	basedOn: z
		.string()
		.regex(/^[A-Za-z0-9_-]{10,64}$/, 'Expected a plan id')
		.optional()
});

const joinSchema = z.object({
	invite: z.string().min(1, 'The invite is required').max(4096),
	name: z.string().trim().min(1, 'The name is required').max(60, 'At most 60 characters'),
	previousToken: z.string().max(4096).optional()
});

const versionSchema = z.object({
	name: z.string().trim().min(1, 'The name is required').max(200),
	restoredFrom: z.string().max(64).optional()
});

const codeSchema = z.object({ role: z.enum(['editor', 'participant']).optional() });
/** How long a join code works: a working day's workshop. */
export const JOIN_CODE_TTL_MS = 12 * 3600 * 1000;

export function createHttpHandler(options: HttpOptions): Handler {
	const { store, tokens, log } = options;
	const web = webHandler(options.webBuildDir, log);

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

	/** The current invite link of every role, signed with its generation. */
	async function inviteLinks(req: IncomingMessage, planId: string): Promise<Record<Role, string>> {
		const origin = requestOrigin(req, options.publicOrigin);
		const generations = await store.inviteGenerations(planId);
		const entries = await Promise.all(
			ROLES.map(async (role) => {
				const invite = await tokens.signInvite(planId, role, generations[role]);
				return [role, `${origin}/join/${encodeURIComponent(invite)}`] as const;
			})
		);
		return Object.fromEntries(entries) as Record<Role, string>;
	}

	/** The session of `Authorization: Bearer`, which must belong to this plan and hold one of `roles`. */
	async function requireSession(
		req: IncomingMessage,
		planId: string,
		roles: readonly Role[]
	): Promise<SessionClaims> {
		const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
		const session = auth ? await tokens.verifySession(auth[1]!) : null;
		if (!session?.ok)
			throw new HttpError(401, { error: 'unauthorized', message: 'A session token is required' });
		if (session.claims.planId !== planId || !roles.includes(session.claims.role)) {
			throw new HttpError(403, { error: 'forbidden', message: 'Your role in this plan does not allow this' });
		}
		return session.claims;
	}

	async function rotate(req: IncomingMessage, planId: string, role: Role): Promise<InvitesResponse> {
		await requireSession(req, planId, ['facilitator']);
		const generation = await store.rotateInvite(planId, role);
		log.info('invite rotated', { plan: planId, role, generation });
		return { invites: await inviteLinks(req, planId) };
	}

	async function createVersion(req: IncomingMessage, planId: string): Promise<VersionSummary> {
		const who = await requireSession(req, planId, ['facilitator', 'editor']);
		const body = parse(versionSchema, await readJson(req));
		// Every acknowledged update is in the store, so its log is the plan as everyone sees it.
		const doc = new Y.Doc();
		for (const update of (await store.loadDocument(planId)).updates) Y.applyUpdate(doc, update);
		const state = Y.encodeStateAsUpdate(doc);
		doc.destroy();
		const meta = {
			id: randomId(12),
			planId,
			name: body.name,
			authorName: who.name,
			authorId: who.participantId,
			createdAt: Date.now(),
			bytes: state.byteLength,
			...(body.restoredFrom && { restoredFrom: body.restoredFrom })
		};
		await store.saveVersion(meta, state);
		log.info('version named', { plan: planId, version: meta.id, bytes: meta.bytes });
		const { planId: _plan, ...summary } = meta;
		return summary;
	}

	async function listVersions(req: IncomingMessage, planId: string): Promise<VersionSummary[]> {
		await requireSession(req, planId, ROLES);
		return (await store.listVersions(planId)).map(({ planId: _plan, ...summary }) => summary);
	}

	async function sendVersion(req: IncomingMessage, res: ServerResponse, planId: string, id: string) {
		await requireSession(req, planId, ROLES);
		const version = await store.getVersion(planId, decodeURIComponent(id));
		if (!version) throw new HttpError(404, { error: 'version_not_found', message: 'No such version' });
		res.writeHead(200, {
			'content-type': 'application/octet-stream',
			'content-length': version.state.byteLength,
			'cache-control': 'private, max-age=31536000, immutable'
		});
		res.end(Buffer.from(version.state));
	}

	async function join(req: IncomingMessage): Promise<JoinResponse> {
		const body = parse(joinSchema, await readJson(req));
		const invite = await tokens.verifyInvite(inviteFromLink(body.invite));
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
		// An authentic earlier token for this plan, even expired, proves who this browser is.
		let participantId = randomId(12);
		let known = false;
		if (body.previousToken) {
			const previous = await tokens.verifySession(body.previousToken, { allowExpired: true });
			if (previous.ok && previous.claims.planId === planId) {
				participantId = previous.claims.participantId;
				known = true;
			}
		}
		// A rotated link lets nobody new in; people who joined with it keep renewing their session.
		if (!known && invite.claims.generation < (await store.inviteGenerations(planId))[role]) {
			throw new HttpError(400, {
				error: 'invite_retired',
				message: 'This invite link has been replaced; ask the facilitator for the new one',
				field: 'invite'
			});
		}
		const { token, expiresAt } = await tokens.signSession({ planId, role, participantId, name: body.name });
		return { token, participantId, role, planId, name: body.name, expiresAt };
	}

	/**
	 * `POST /api/plans/:id/code`: a facilitator (session token in `Authorization: Bearer`) gets a 6-character
	 * code for the editor invite, or the commenter invite with `{ role: 'participant' }`, valid
	 * JOIN_CODE_TTL_MS. A code never maps to the facilitator invite.
	 */
	async function createCode(req: IncomingMessage, planId: string): Promise<CreateJoinCodeResponse> {
		const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
		const session = auth ? await tokens.verifySession(auth[1]!) : null;
		if (!session?.ok)
			throw new HttpError(401, { error: 'unauthorized', message: 'A session token is required' });
		if (session.claims.planId !== planId || session.claims.role !== 'facilitator') {
			throw new HttpError(403, {
				error: 'forbidden',
				message: 'Only the facilitator of this plan creates codes'
			});
		}
		const body = parse(codeSchema, (await readJson(req).catch(() => ({}))) ?? {});
		const role: Role = body.role === 'participant' ? 'commenter' : 'editor';
		const invite = await tokens.signInvite(planId, role, (await store.inviteGenerations(planId))[role]);
		const expiresAt = Date.now() + JOIN_CODE_TTL_MS;
		for (let attempt = 0; attempt < 20; attempt++) {
			let code = '';
			for (let i = 0; i < 6; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
			if (await store.createJoinCode({ code, planId, invite, expiresAt })) return { code, expiresAt, invite };
		}
		throw new HttpError(503, { error: 'busy', message: 'No free code, try again' });
	}

	async function resolveCode(raw: string): Promise<ResolveJoinCodeResponse> {
		const code = normalizeJoinCode(decodeURIComponent(raw));
		const entry = code ? await store.resolveJoinCode(code, Date.now()) : null;
		if (!entry) throw new HttpError(404, { error: 'code_not_found', message: 'Unknown or expired code' });
		return { invite: entry.invite };
	}

	async function health(res: ServerResponse): Promise<void> {
		try {
			await withTimeout(store.ping(), 2_000);
			sendJson(res, 200, { ok: true });
		} catch {
			sendJson(res, 503, { ok: false });
		}
	}

	async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const path = new URL(req.url ?? '/', 'http://localhost').pathname;
		if (path === API_PATHS.health) {
			if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed();
			return health(res);
		}
		if (path === API_PATHS.plans) {
			if (req.method !== 'POST') throw methodNotAllowed();
			return sendJson(res, 201, await createPlan(req));
		}
		if (path === API_PATHS.join) {
			if (req.method !== 'POST') throw methodNotAllowed();
			return sendJson(res, 200, await join(req));
		}
		const codeFor = /^\/api\/plans\/([A-Za-z0-9_-]{10,64})\/code$/.exec(path);
		if (codeFor) {
			if (req.method !== 'POST') throw methodNotAllowed();
			return sendJson(res, 201, await createCode(req, codeFor[1]!));
		}
		const plan =
			/^\/api\/plans\/([A-Za-z0-9_-]{10,64})\/(invites|versions)(?:\/([^/]{1,64}))?(\/rotate)?$/.exec(path);
		if (plan) return planRoute(req, res, plan[1]!, plan[2]!, plan[3], Boolean(plan[4]));
		const code = /^\/api\/code\/([^/]{1,32})$/.exec(path);
		if (code) {
			if (req.method !== 'GET') throw methodNotAllowed();
			return sendJson(res, 200, await resolveCode(code[1]!));
		}
		if (path === '/api' || path.startsWith('/api/')) {
			throw new HttpError(404, { error: 'not_found', message: `No API at ${path}` });
		}
		return web(req, res);
	}

	/** `/api/plans/:id/invites[/:role/rotate]` and `/api/plans/:id/versions[/:versionId]`. */
	async function planRoute(
		req: IncomingMessage,
		res: ServerResponse,
		planId: string,
		kind: string,
		sub: string | undefined,
		rotating: boolean
	): Promise<void> {
		if (kind === 'invites' && !sub && !rotating) {
			if (req.method !== 'GET') throw methodNotAllowed();
			await requireSession(req, planId, ['facilitator']);
			return sendJson(res, 200, { invites: await inviteLinks(req, planId) } satisfies InvitesResponse);
		}
		if (kind === 'invites' && sub && rotating && (ROLES as readonly string[]).includes(sub)) {
			if (req.method !== 'POST') throw methodNotAllowed();
			return sendJson(res, 200, await rotate(req, planId, sub as Role));
		}
		if (kind === 'versions' && !rotating) {
			if (sub) {
				if (req.method !== 'GET') throw methodNotAllowed();
				return sendVersion(req, res, planId, sub);
			}
			if (req.method === 'GET') return sendJson(res, 200, await listVersions(req, planId));
			if (req.method === 'POST') return sendJson(res, 201, await createVersion(req, planId));
			throw methodNotAllowed();
		}
		throw new HttpError(404, { error: 'not_found', message: 'No such API' });
	}

	return (req, res) => {
		route(req, res).catch((error: unknown) => {
			if (error instanceof HttpError) return sendJson(res, error.status, error.body);
			log.error('request failed', { path: req.url, error: String(error) });
			if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: 'Internal server error' });
			else res.destroy();
		});
	};
}

function methodNotAllowed(): HttpError {
	return new HttpError(405, { error: 'method_not_allowed', message: 'Method not allowed' });
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const issue = result.error.issues[0]!;
	const field = issue.path.join('.');
	throw new HttpError(400, {
		error: 'invalid_input',
		message: field ? `${field}: ${issue.message}` : issue.message,
		...(field && { field })
	});
}

/** Reads a JSON body, refusing more than MAX_BODY_BYTES as soon as it is exceeded. */
async function readJson(req: IncomingMessage): Promise<unknown> {
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
function requestOrigin(req: IncomingMessage, publicOrigin: string | undefined): string {
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

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		'cache-control': 'no-store'
	});
	res.end(text);
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
