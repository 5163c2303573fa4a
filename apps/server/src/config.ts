/**
 * Every setting of the server, read from the environment once at start and validated with valibot.
 * A bad value stops the server with a message naming the variable, before anything listens.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
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

/**
 * A setting read by `read` (null when the text is not one): its value, or an issue saying `expected`.
 * Defaults are given as text too, as a person would write them (and as README's tables show them).
 */
function readWith<T>(read: (text: string) => T | null, expected: string) {
	return v.pipe(
		v.string(),
		v.rawTransform<string, T>(({ dataset, addIssue, NEVER }) => {
			const value = read(dataset.value);
			if (value !== null) return value;
			addIssue({ message: expected });
			return NEVER;
		})
	);
}

const duration = readWith((text) => {
	const ms = parseDuration(text);
	return ms !== null && ms > 0 ? ms : null;
}, 'expected a duration like 90s, 30m, 12h or 7d');

/** A rate: `20/s`, `600/m`, `60/h`, `3000/10s` → so many points per window (a fixed window). */
export interface Rate {
	points: number;
	/** Window length in seconds. */
	perSeconds: number;
}

const rate = readWith((text): Rate | null => {
	const match = /^(\d+)\s*\/\s*(\d+)?\s*(s|m|h)$/.exec(text.trim());
	const points = match ? Number(match[1]) : 0;
	const windows = match?.[2] === undefined ? 1 : Number(match[2]);
	if (!match || points <= 0 || windows <= 0) return null;
	return { points, perSeconds: windows * { s: 1, m: 60, h: 3_600 }[match[3] as 's' | 'm' | 'h'] };
}, 'expected a rate like 20/s, 600/m, 60/h or 3000/10s');

/** `16MB`, `512KB`, `2048` (bytes). */
const bytes = readWith((text) => {
	const match = /^(\d+)\s*(B|KB|MB|GB)?$/i.exec(text.trim());
	if (!match || Number(match[1]) <= 0) return null;
	const unit = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[(match[2] ?? 'B').toUpperCase()] ?? 1;
	return Number(match[1]) * unit;
}, 'expected a size like 16MB, 512KB or a number of bytes');

/** A whole number in `min..max`, written in decimal. */
const integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
	v.pipe(
		v.string(),
		v.transform(Number),
		v.number('expected a whole number'),
		v.integer('expected a whole number'),
		v.minValue(min),
		v.maxValue(max)
	);
const count = integer(1);

/**
 * Limits: what one plan, one person or one address may use. Each is a setting; each hit is answered with
 * a named close reason (websocket) or an HTTP error (429 with Retry-After for a rate), and affects only
 * the connection, participant or address at fault. README "Limits" lists them.
 */
const limitsSchema = {
	/** Size of a plan's stored document; updates that would grow it past this are refused. */
	MAX_PLAN_BYTES: v.optional(bytes, '32MB'),
	/** Open document connections of one participant (tabs, devices) at once. */
	MAX_CONNECTIONS_PER_PARTICIPANT: v.optional(count, '20'),
	/** Open document connections of one plan at once. */
	MAX_CONNECTIONS_PER_PLAN: v.optional(count, '500'),
	/** Messages (edits, presence) per connection. */
	UPDATE_RATE: v.optional(rate, '3000/10s'),
	/** Workshop commands (ideas, drafts, votes…) per connection. */
	COMMAND_RATE: v.optional(rate, '100/10s'),
	/** Plans created per client address. */
	PLAN_CREATION_RATE: v.optional(rate, '60/h'),
	/** Joins (new sessions, renewals) per client address. */
	JOIN_RATE: v.optional(rate, '600/10m'),
	/** One participant's presence (name, section, focus…), JSON bytes. */
	MAX_PRESENCE_BYTES: v.optional(bytes, '4KB'),
	/**
	 * `true` when Cap runs behind a reverse proxy that sets X-Forwarded-For: the client address for the
	 * per-address rates is then its last entry (the proxy's own view), not the socket's address.
	 */
	TRUST_PROXY: v.optional(v.picklist(['true', 'false', '1', '0']), 'false'),
	/**
	 * Connections of MAX_CONNECTIONS_PER_PLAN that only facilitators and editors may take: commenters and
	 * viewers, however many links they join with, fill the rest, so the people running the plan get in.
	 */
	RESERVED_SEATS: v.optional(count, '50'),
	/** Open connections to one document from one client address (a room behind one NAT fits in it). */
	MAX_CONNECTIONS_PER_ADDRESS: v.optional(count, '300'),
	/**
	 * Open TCP connections (page loads, API calls, websockets) from one address. Not applied with
	 * TRUST_PROXY, where every connection comes from the proxy: the proxy bounds them.
	 */
	MAX_SOCKETS_PER_ADDRESS: v.optional(count, '512'),
	/** A websocket that has not authenticated a document within this time is closed. */
	AUTH_TIMEOUT: v.optional(duration, '10s'),
	/** Bytes a websocket may send before it has authenticated a document. */
	MAX_PREAUTH_BYTES: v.optional(bytes, '64KB'),
	/** An HTTP request whose headers have not all arrived within this time is answered 408 and closed. */
	HEADERS_TIMEOUT: v.optional(duration, '10s'),
	/** An HTTP request not received whole within this time is answered 408 and closed. */
	REQUEST_TIMEOUT: v.optional(duration, '30s'),
	/** Versions named per plan (each is a full copy of the plan, built from its whole stored log). */
	VERSION_RATE: v.optional(rate, '30/h'),
	/** Versions kept per plan; one more is refused with a message saying so. */
	MAX_VERSIONS: v.optional(count, '200'),
	/** How long a room code works (a working day's workshop). */
	CODE_TTL: v.optional(duration, '12h'),
	/** Live room codes per plan. */
	MAX_LIVE_CODES: v.optional(count, '10'),
	/** Lookups of an unknown or ended room code per client address (a room behind one NAT makes typos too). */
	CODE_LOOKUP_RATE: v.optional(rate, '60/10m'),
	/** Lookups of one room code, from everyone (a whole kickoff scanning its QR code fits in it). */
	CODE_USE_RATE: v.optional(rate, '600/10m'),
	/**
	 * Presence messages relayed per connection and document; faster ones are coalesced, the latest kept
	 * and relayed when the connection's turn comes, so one connection churning its presence cannot slow
	 * everyone's edits.
	 */
	PRESENCE_RATE: v.optional(rate, '10/s')
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

/** The other settings, in the order of README's "Settings" table. */
const settingsSchema = {
	/** TCP port of the one HTTP server (API, websocket, web app). 0 picks a free port. */
	PORT: v.optional(integer(0, 65535), '3000'),
	/** Interface to listen on. Loopback by default: put a reverse proxy in front to expose it. */
	HOST: v.optional(v.pipe(v.string(), v.minLength(1)), '127.0.0.1'),
	/** Where the SQLite file and the generated secret live; relative to the process cwd. */
	DATA_DIR: v.optional(v.pipe(v.string(), v.minLength(1)), './data'),
	/** `postgres://…` switches persistence to PostgreSQL; unset means SQLite in DATA_DIR. */
	DATABASE_URL: v.optional(
		v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL'))
	),
	/** PostgreSQL schema holding Cap's tables (created if missing), so tests or tenants can isolate. */
	PG_SCHEMA: v.optional(
		v.pipe(v.string(), v.regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lowercase SQL identifier')),
		'public'
	),
	/**
	 * `redis://…` turns on several processes: they relay updates and presence through Redis and share
	 * DATABASE_URL (required with it). Unset: this process must be the only one on DATABASE_URL.
	 */
	REDIS_URL: v.optional(v.pipe(v.string(), v.regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL'))),
	/** Secret that signs invites and session tokens (>= 32 chars). Unset: generated once in DATA_DIR/secret. */
	CAP_SECRET: v.optional(v.pipe(v.string(), v.minLength(32, 'must be at least 32 characters'))),
	/** Public origin for invite links (e.g. https://cap.example.com); unset: the request's Origin/Host. */
	PUBLIC_ORIGIN: v.optional(
		v.pipe(
			v.string(),
			v.url('expected a URL such as https://cap.example.com'),
			v.transform((url) => url.replace(/\/+$/, ''))
		)
	),
	/** The SvelteKit adapter-node build (the folder holding handler.js). */
	WEB_BUILD_DIR: v.optional(v.pipe(v.string(), v.minLength(1))),
	/** Session token lifetime. Invites do not expire; sessions do, and a re-join keeps the identity. */
	TOKEN_TTL: v.optional(duration, '12h'),
	/**
	 * What an acknowledged update survives. `process` (default): the Cap process being killed (kill -9,
	 * crash); commits do not wait for the disk. `power`: also a power loss or an operating system crash;
	 * every group commit waits for the disk (fsync). See store/types.ts.
	 */
	DURABILITY: v.optional(v.picklist(DURABILITY_LEVELS), 'process'),
	/** Minimum level of the log lines written to stderr. */
	LOG_LEVEL: v.optional(v.picklist(LOG_LEVELS), 'info'),
	/**
	 * Longest wait for PostgreSQL: to connect, and for one statement (server side, and on the client
	 * for an answer that never comes). Past it the call fails with a clear error instead of waiting.
	 */
	PG_TIMEOUT: v.optional(duration, '10s')
};

const schema = v.object({ ...limitsSchema, ...settingsSchema });

/** Every setting's variable but the limits, in the order of README's "Settings" table. */
export const SETTING_VARIABLES = Object.keys(settingsSchema);

/**
 * The default of a setting or limit as a person would write it (`32MB`, `10s`), or undefined when it has
 * none in the schema (unset, or worked out at start: CAP_SECRET, WEB_BUILD_DIR).
 */
export function defaultText(variable: string): string | undefined {
	const entry = Object.entries(schema.entries).find(([key]) => key === variable)?.[1];
	return entry && 'default' in entry && typeof entry.default === 'string' ? entry.default : undefined;
}

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
		Object.keys(schema.entries).flatMap((key) => (env[key] ? [[key, env[key]]] : []))
	);
	const parsed = v.safeParse(schema, present, { abortPipeEarly: true });
	if (!parsed.success) {
		const lines = parsed.issues.map((issue) => `  ${v.getDotPath(issue)}: ${issue.message}`);
		throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
	}
	const values = parsed.output;
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
