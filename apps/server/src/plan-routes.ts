/**
 * The plan's own API routes: invite links per role with rotation (facilitator), and named versions
 * (`GET` list and one state for any member, `POST` for editors and facilitators). A version is built
 * from the stored update log, the plan as every acknowledged edit made it, and stored gzipped (a plan's
 * state compresses about 5 to 1); a plan names at most VERSION_RATE versions and keeps MAX_VERSIONS.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { ROLES, type InvitesResponse, type Role, type VersionSummary } from '@cap/protocol';
import * as Y from 'yjs';
import * as v from 'valibot';
import type { Limits } from './config.ts';
import {
	HttpError,
	methodNotAllowed,
	parse,
	readJson,
	requestOrigin,
	safeText,
	sendJson,
	tooManyRequests
} from './http-util.ts';
import type { Logger } from './log.ts';
import type { RequireSession } from './session-check.ts';
import { RateLimit } from './rates.ts';
import type { Store } from './store/types.ts';
import { randomId, type Tokens } from './tokens.ts';

/** Version ids are randomId(12): URL-safe, 16 characters; older ones are no longer than 64. */
const VERSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

const versionSchema = v.object({
	name: safeText(200, 'The name is required'),
	restoredFrom: v.optional(v.pipe(v.string(), v.regex(VERSION_ID, 'Expected a version id')))
});

const gzipped = promisify(gzip);
const gunzipped = promisify(gunzip);

/**
 * The state of a stored version: gunzipped, or as stored for a version saved before compression. A
 * Yjs update may begin like a gzip stream, but not also pass gzip's length and checksum.
 */
async function storedState(bytes: Uint8Array): Promise<Uint8Array> {
	if (bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[2] !== 0x08) return bytes;
	try {
		return new Uint8Array(await gunzipped(bytes));
	} catch {
		return bytes;
	}
}

export function planRoutes(options: {
	store: Store;
	tokens: Tokens;
	log: Logger;
	publicOrigin: string | undefined;
	limits: Pick<Limits, 'versionRate' | 'maxVersions'>;
	requireSession: RequireSession;
}) {
	const { store, tokens, log, requireSession } = options;
	const versionRate = new RateLimit(options.limits.versionRate);

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

	async function rotate(req: IncomingMessage, planId: string, role: Role): Promise<InvitesResponse> {
		await requireSession(req, planId, ['facilitator']);
		const generation = await store.rotateInvite(planId, role);
		log.info('invite rotated', { plan: planId, role, generation });
		return { invites: await inviteLinks(req, planId) };
	}

	async function createVersion(req: IncomingMessage, planId: string): Promise<VersionSummary> {
		const who = await requireSession(req, planId, ['facilitator', 'editor']);
		const body = parse(versionSchema, await readJson(req));
		const { maxVersions } = options.limits;
		if ((await store.listVersions(planId)).length >= maxVersions) {
			throw new HttpError(409, {
				error: 'too_many_versions',
				message: `This plan already keeps ${maxVersions} versions, the most a plan may keep`
			});
		}
		// The plan's rate, whoever asks: each version reads the whole stored log and keeps a copy.
		const taken = await versionRate.take(planId);
		if (!taken.ok) throw tooManyRequests(taken.retryAfterMs, 'Too many versions named in this plan');
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
		await store.saveVersion(meta, new Uint8Array(await gzipped(state)));
		log.info('version named', { plan: planId, version: meta.id, bytes: meta.bytes });
		const { planId: _plan, ...summary } = meta;
		return summary;
	}

	async function listVersions(req: IncomingMessage, planId: string): Promise<VersionSummary[]> {
		await requireSession(req, planId, ROLES);
		return (await store.listVersions(planId)).map(({ planId: _plan, ...summary }) => summary);
	}

	async function sendVersion(req: IncomingMessage, res: ServerResponse, planId: string, raw: string) {
		await requireSession(req, planId, ROLES);
		let id: string;
		try {
			id = decodeURIComponent(raw);
		} catch {
			id = '';
		}
		if (!VERSION_ID.test(id)) {
			throw new HttpError(400, { error: 'invalid_version_id', message: 'This is not a version id' });
		}
		const version = await store.getVersion(planId, id);
		if (!version) throw new HttpError(404, { error: 'version_not_found', message: 'No such version' });
		const state = await storedState(version.state);
		res.writeHead(200, {
			'content-type': 'application/octet-stream',
			'content-length': state.byteLength,
			'cache-control': 'private, max-age=31536000, immutable'
		});
		res.end(Buffer.from(state));
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

	return { inviteLinks, planRoute };
}
