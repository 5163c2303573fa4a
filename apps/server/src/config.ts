/**
 * Every setting of the server, read from the environment once at start and validated with zod.
 * A bad value stops the server with a message naming the variable, before anything listens.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DURABILITY_LEVELS, type Durability } from './store/types.ts';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `90`, `90s`, `30m`, `12h`, `7d` → milliseconds. A bare number is seconds. */
function parseDuration(value: string): number | null {
	const match = /^(\d+)\s*(s|m|h|d)?$/.exec(value.trim());
	if (!match) return null;
	const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? 's'] ?? 1_000;
	return Number(match[1]) * unit;
}

const duration = z.string().transform((value, ctx) => {
	const ms = parseDuration(value);
	if (ms === null || ms <= 0) {
		ctx.addIssue({ code: 'custom', message: 'expected a duration like 90s, 30m, 12h or 7d' });
		return z.NEVER;
	}
	return ms;
});

/** A rate: `20/s`, `600/m`, `60/h`, `3000/10s` → so many points per window (a fixed window). */
export interface Rate {
	points: number;
	/** Window length in seconds. */
	perSeconds: number;
}

const rate = z.string().transform((value, ctx): Rate => {
	const match = /^(\d+)\s*\/\s*(\d+)?\s*(s|m|h)$/.exec(value.trim());
	const points = match ? Number(match[1]) : 0;
	const windows = match?.[2] === undefined ? 1 : Number(match[2]);
	if (!match || points <= 0 || windows <= 0) {
		ctx.addIssue({ code: 'custom', message: 'expected a rate like 20/s, 600/m, 60/h or 3000/10s' });
		return z.NEVER;
	}
	return { points, perSeconds: windows * { s: 1, m: 60, h: 3_600 }[match[3] as 's' | 'm' | 'h'] };
});

/** `16MB`, `512KB`, `2048` (bytes). */
const bytes = z.string().transform((value, ctx) => {
	const match = /^(\d+)\s*(B|KB|MB|GB)?$/i.exec(value.trim());
	const unit = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[(match?.[2] ?? 'B').toUpperCase()] ?? 1;
	if (!match || Number(match[1]) <= 0) {
		ctx.addIssue({ code: 'custom', message: 'expected a size like 16MB, 512KB or a number of bytes' });
		return z.NEVER;
	}
	return Number(match[1]) * unit;
});

const count = z.coerce.number().int().min(1);

/**
 * Limits: what one plan, one person or one address may use. Each is a setting; each hit is answered with
 * a named close reason (websocket) or an HTTP error (429 with Retry-After for a rate), and affects only
 * the connection, participant or address at fault. README "Limits" lists them.
 */
const limitsSchema = {
	/** Size of a plan's stored document; updates that would grow it past this are refused. */
	MAX_PLAN_BYTES: bytes.default(32 * 1024 ** 2),
	/** Open document connections of one participant (tabs, devices) at once. */
	MAX_CONNECTIONS_PER_PARTICIPANT: count.default(20),
	/** Open document connections of one plan at once. */
	MAX_CONNECTIONS_PER_PLAN: count.default(500),
	/** Messages (edits, presence) per connection. */
	UPDATE_RATE: rate.default({ points: 3_000, perSeconds: 10 }),
	/** Workshop commands (ideas, drafts, votes…) per connection. */
	COMMAND_RATE: rate.default({ points: 100, perSeconds: 10 }),
	/** Plans created per client address. */
	PLAN_CREATION_RATE: rate.default({ points: 60, perSeconds: 3_600 }),
	/** Joins (new sessions, renewals) per client address. */
	JOIN_RATE: rate.default({ points: 600, perSeconds: 600 }),
	/** One participant's presence (name, section, focus…), JSON bytes. */
	MAX_PRESENCE_BYTES: bytes.default(4 * 1024),
	/**
	 * `true` when Cap runs behind a reverse proxy that sets X-Forwarded-For: the client address for the
	 * per-address rates is then its last entry (the proxy's own view), not the socket's address.
	 */
	TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false'),
	/**
	 * Connections of MAX_CONNECTIONS_PER_PLAN that only facilitators and editors may take: commenters and
	 * viewers, however many links they join with, fill the rest, so the people running the plan get in.
	 */
	RESERVED_SEATS: count.default(50),
	/** Open connections to one document from one client address (a room behind one NAT fits in it). */
	MAX_CONNECTIONS_PER_ADDRESS: count.default(300),
	/**
	 * Open TCP connections (page loads, API calls, websockets) from one address. Not applied with
	 * TRUST_PROXY, where every connection comes from the proxy: the proxy bounds them.
	 */
	MAX_SOCKETS_PER_ADDRESS: count.default(512),
	/** A websocket that has not authenticated a document within this time is closed. */
	AUTH_TIMEOUT: duration.default(10_000),
	/** Bytes a websocket may send before it has authenticated a document. */
	MAX_PREAUTH_BYTES: bytes.default(64 * 1024),
	/** An HTTP request whose headers have not all arrived within this time is answered 408 and closed. */
	HEADERS_TIMEOUT: duration.default(10_000),
	/** An HTTP request not received whole within this time is answered 408 and closed. */
	REQUEST_TIMEOUT: duration.default(30_000),
	/** Versions named per plan (each is a full copy of the plan, built from its whole stored log). */
	VERSION_RATE: rate.default({ points: 30, perSeconds: 3_600 }),
	/** Versions kept per plan; one more is refused with a message saying so. */
	MAX_VERSIONS: count.default(200),
	/** How long a room code works (a working day's workshop). */
	CODE_TTL: duration.default(12 * 3_600_000),
	/** Live room codes per plan. */
	MAX_LIVE_CODES: count.default(10),
	/** Lookups of an unknown or ended room code per client address (a room behind one NAT makes typos too). */
	CODE_LOOKUP_RATE: rate.default({ points: 60, perSeconds: 600 }),
	/** Lookups of one room code, from everyone (a whole kickoff scanning its QR code fits in it). */
	CODE_USE_RATE: rate.default({ points: 600, perSeconds: 600 }),
	/**
	 * Presence messages relayed per connection and document; faster ones are coalesced, the latest kept
	 * and relayed when the connection's turn comes, so one connection churning its presence cannot slow
	 * everyone's edits.
	 */
	PRESENCE_RATE: rate.default({ points: 10, perSeconds: 1 })
};

/** Every limit's variable, in the order of README's "Limits" table. */
export const LIMIT_VARIABLES = Object.keys(limitsSchema);

export interface Limits {
	maxPlanBytes: number;
	maxConnectionsPerParticipant: number;
	maxConnectionsPerPlan: number;
	updateRate: Rate;
	commandRate: Rate;
	planCreationRate: Rate;
	joinRate: Rate;
	maxPresenceBytes: number;
	trustProxy: boolean;
	reservedSeats: number;
	maxConnectionsPerAddress: number;
	maxSocketsPerAddress: number;
	authTimeoutMs: number;
	maxPreauthBytes: number;
	headersTimeoutMs: number;
	requestTimeoutMs: number;
	versionRate: Rate;
	maxVersions: number;
	codeTtlMs: number;
	maxLiveCodes: number;
	codeLookupRate: Rate;
	codeUseRate: Rate;
	presenceRate: Rate;
}

const schema = z.object({
	...limitsSchema,
	/** TCP port of the one HTTP server (API, websocket, web app). 0 picks a free port. */
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	/** Interface to listen on. Loopback by default: put a reverse proxy in front to expose it. */
	HOST: z.string().min(1).default('127.0.0.1'),
	/** Where the SQLite file and the generated secret live; relative to the process cwd. */
	DATA_DIR: z.string().min(1).default('./data'),
	/** `postgres://…` switches persistence to PostgreSQL; unset means SQLite in DATA_DIR. */
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
		.optional(),
	/** PostgreSQL schema holding Cap's tables (created if missing), so tests or tenants can isolate. */
	PG_SCHEMA: z
		.string()
		.regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lowercase SQL identifier')
		.default('public'),
	/**
	 * `redis://…` turns on several processes: they relay updates and presence through Redis and share
	 * DATABASE_URL (required with it). Unset: this process must be the only one on DATABASE_URL.
	 */
	REDIS_URL: z
		.string()
		.regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
		.optional(),
	/** Secret that signs invites and session tokens (>= 32 chars). Unset: generated once in DATA_DIR/secret. */
	CAP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
	/** Public origin for invite links (e.g. https://cap.example.com); unset: the request's Origin/Host. */
	PUBLIC_ORIGIN: z
		.url()
		.transform((url) => url.replace(/\/+$/, ''))
		.optional(),
	/** The SvelteKit adapter-node build (the folder holding handler.js). */
	WEB_BUILD_DIR: z.string().min(1).optional(),
	/** Session token lifetime. Invites do not expire; sessions do, and a re-join keeps the identity. */
	TOKEN_TTL: duration.default(12 * 3_600_000),
	/**
	 * What an acknowledged update survives. `process` (default): the Cap process being killed (kill -9,
	 * crash); commits do not wait for the disk. `power`: also a power loss or an operating system crash;
	 * every group commit waits for the disk (fsync). See store/types.ts.
	 */
	DURABILITY: z.enum(DURABILITY_LEVELS).default('process'),
	/** Minimum level of the log lines written to stderr. */
	LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
	/**
	 * Longest wait for PostgreSQL: to connect, and for one statement (server side, and on the client
	 * for an answer that never comes). Past it the call fails with a clear error instead of waiting.
	 */
	PG_TIMEOUT: duration.default(10_000)
});

export interface Config {
	port: number;
	host: string;
	dataDir: string;
	databaseUrl: string | undefined;
	pgSchema: string;
	redisUrl: string | undefined;
	durability: Durability;
	secret: string;
	publicOrigin: string | undefined;
	webBuildDir: string;
	tokenTtlMs: number;
	logLevel: LogLevel;
	limits: Limits;
	/** PG_TIMEOUT, ms. */
	pgTimeoutMs: number;
}

export class ConfigError extends Error {
	override name = 'ConfigError';
}

/** apps/web/build, found from this file so the cwd does not matter. */
const DEFAULT_WEB_BUILD = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/build');

/** Validates the environment. Throws ConfigError naming every variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	// An empty variable means "unset", as in most shells' `FOO= cmd`.
	const present = Object.fromEntries(
		Object.keys(schema.shape).flatMap((key) => (env[key] ? [[key, env[key]]] : []))
	);
	const parsed = schema.safeParse(present);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
		throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
	}
	const values = parsed.data;
	if (values.REDIS_URL && !values.DATABASE_URL) {
		throw new ConfigError(
			'Invalid configuration:\n  REDIS_URL: needs DATABASE_URL (several processes share one PostgreSQL)'
		);
	}
	if (values.RESERVED_SEATS >= values.MAX_CONNECTIONS_PER_PLAN) {
		throw new ConfigError(
			'Invalid configuration:\n  RESERVED_SEATS: must be less than MAX_CONNECTIONS_PER_PLAN (others need seats too)'
		);
	}
	if (values.HEADERS_TIMEOUT > values.REQUEST_TIMEOUT) {
		throw new ConfigError('Invalid configuration:\n  HEADERS_TIMEOUT: must not exceed REQUEST_TIMEOUT');
	}
	const dataDir = resolve(values.DATA_DIR);
	mkdirSync(dataDir, { recursive: true });
	return {
		port: values.PORT,
		host: values.HOST,
		dataDir,
		databaseUrl: values.DATABASE_URL,
		pgSchema: values.PG_SCHEMA,
		redisUrl: values.REDIS_URL,
		durability: values.DURABILITY,
		secret: values.CAP_SECRET ?? persistentSecret(dataDir),
		publicOrigin: values.PUBLIC_ORIGIN,
		webBuildDir: values.WEB_BUILD_DIR ? resolve(values.WEB_BUILD_DIR) : DEFAULT_WEB_BUILD,
		tokenTtlMs: values.TOKEN_TTL,
		logLevel: values.LOG_LEVEL,
		limits: {
			maxPlanBytes: values.MAX_PLAN_BYTES,
			maxConnectionsPerParticipant: values.MAX_CONNECTIONS_PER_PARTICIPANT,
			maxConnectionsPerPlan: values.MAX_CONNECTIONS_PER_PLAN,
			updateRate: values.UPDATE_RATE,
			commandRate: values.COMMAND_RATE,
			planCreationRate: values.PLAN_CREATION_RATE,
			joinRate: values.JOIN_RATE,
			maxPresenceBytes: values.MAX_PRESENCE_BYTES,
			trustProxy: values.TRUST_PROXY === 'true' || values.TRUST_PROXY === '1',
			reservedSeats: values.RESERVED_SEATS,
			maxConnectionsPerAddress: values.MAX_CONNECTIONS_PER_ADDRESS,
			maxSocketsPerAddress: values.MAX_SOCKETS_PER_ADDRESS,
			authTimeoutMs: values.AUTH_TIMEOUT,
			maxPreauthBytes: values.MAX_PREAUTH_BYTES,
			headersTimeoutMs: values.HEADERS_TIMEOUT,
			requestTimeoutMs: values.REQUEST_TIMEOUT,
			versionRate: values.VERSION_RATE,
			maxVersions: values.MAX_VERSIONS,
			codeTtlMs: values.CODE_TTL,
			maxLiveCodes: values.MAX_LIVE_CODES,
			codeLookupRate: values.CODE_LOOKUP_RATE,
			codeUseRate: values.CODE_USE_RATE,
			presenceRate: values.PRESENCE_RATE
		},
		pgTimeoutMs: values.PG_TIMEOUT
	};
}

/**
 * Reads DATA_DIR/secret, creating it (mode 600) on first start, so tokens and invite links stay valid
 * across restarts without anyone having to configure a secret.
 */
function persistentSecret(dataDir: string): string {
	const file = join(dataDir, 'secret');
	if (existsSync(file)) {
		const secret = readFileSync(file, 'utf8').trim();
		if (secret.length < 32) throw new ConfigError(`CAP_SECRET: ${file} holds fewer than 32 characters`);
		return secret;
	}
	const secret = randomBytes(48).toString('base64url');
	writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
	chmodSync(file, 0o600);
	return secret;
}
