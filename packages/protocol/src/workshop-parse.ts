/**
 * Validation of the workshop's wire messages (workshop.ts describes them), with valibot like the plan
 * model and the server. Each schema's output is checked by the compiler against the message types, so a
 * parsed message is used as is, without a cast.
 */
import * as v from 'valibot';
import {
	WORKSHOP_AGENDA,
	WORKSHOP_CRITERIA,
	WORKSHOP_ERRORS,
	type WorkshopClientMessage,
	type WorkshopServerMessage
} from './workshop.ts';

export type ParseResult =
	{ ok: true; message: WorkshopClientMessage } | { ok: false; id: string; error: string };

const ID_MAX = 64;
const DAY_MS = 24 * 3600 * 1000;

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(ID_MAX));
const optionalId = v.nullish(id);
const idList = (max: number) => v.pipe(v.array(id), v.maxLength(max));
const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const nonZeroInt = (min: number, max: number) =>
	v.pipe(
		int(min, max),
		v.check((n) => n !== 0, 'must not be 0')
	);
const title = v.pipe(
	v.string(),
	v.maxLength(200),
	v.check((text) => text.trim() !== '', 'must not be empty')
);
const optionalText = (max: number) => v.nullish(v.pipe(v.string(), v.maxLength(max)));

const tagList = v.optional(
	v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(100))), v.maxLength(20))
);
/** An unknown tag list is refused by name (`tags.colour`). */
const tags = v.optional(
	v.strictObject({
		levers: tagList,
		channelIds: tagList,
		targetIds: tagList,
		objectiveIds: tagList,
		personaIds: tagList,
		swotItemIds: tagList,
		watchEntryIds: tagList
	})
);

const prompt = v.object({
	id,
	kind: v.picklist(['objective', 'target', 'lever', 'free', 'persona', 'swotItem', 'watchEntry']),
	text: v.pipe(v.string(), v.maxLength(500)),
	refId: v.optional(id),
	lever: v.optional(v.pipe(v.string(), v.maxLength(100)))
});

const weight = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(10));
/** All five criteria, nothing else. */
const criteriaWeights = v.strictObject({
	relevance: weight,
	impact: weight,
	skills: weight,
	time: weight,
	budget: weight
});

/** One command: its `id`, its `t`, its fields (extra fields are dropped). */
function command<T extends string, E extends v.ObjectEntries>(t: T, entries: E) {
	return v.object({ id, t: v.literal(t), ...entries });
}

const clientMessage = v.pipe(
	v.variant('t', [
		command('phase', { phase: v.picklist(WORKSHOP_AGENDA) }),
		v.variant('action', [
			command('timer', { action: v.literal('start'), durationMs: int(1000, DAY_MS) }),
			command('timer', { action: v.literal('extend'), byMs: nonZeroInt(-DAY_MS, DAY_MS) }),
			command('timer', { action: v.picklist(['pause', 'resume', 'stop']) })
		]),
		command('settings', {
			locked: v.optional(v.boolean()),
			anonymous: v.optional(v.boolean()),
			voteBudget: v.optional(int(0, 100)),
			maxVotesPerIdea: v.optional(int(1, 100)),
			maxVotesPerGroup: v.nullish(int(1, 100)),
			criteriaWeights: v.optional(criteriaWeights),
			prompts: v.optional(v.pipe(v.array(prompt), v.maxLength(50))),
			focusedGroupId: optionalId,
			/** Where the facilitator gathers everyone (a section id), null to release them (GATHER-1). */
			meetingSection: v.nullish(v.pipe(v.string(), v.regex(/^[a-z]{1,32}$/)))
		}),
		command('reveal', { what: v.picklist(['ideas', 'votes', 'scores']) }),
		command('resetVotes', {}),
		command('status', {}),
		command('secondRound', { topN: int(1, 1000) }),
		command('addIdea', {
			title,
			detail: optionalText(5000),
			promptId: optionalId,
			groupId: optionalId,
			tags
		}),
		command('editIdea', { ideaId: id, title: v.optional(title), detail: optionalText(5000), tags }),
		command('removeDraft', { ideaId: id }),
		command('typing', { text: v.pipe(v.string(), v.maxLength(200)) }),
		command('vote', { ideaId: id, delta: nonZeroInt(-100, 100) }),
		command('score', {
			ideaId: id,
			criterion: v.picklist(WORKSHOP_CRITERIA),
			value: v.nullable(int(0, 5))
		}),
		command('ready', { ready: v.boolean() }),
		command('time', {
			clientSentAt: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER))
		}),
		command('promote', {
			ideaIds: v.optional(idList(200)),
			groupIds: v.optional(idList(200)),
			keyResultIds: v.optional(idList(100)),
			workstreamId: optionalId,
			ownerId: optionalId,
			periodId: optionalId
		})
	]),
	// A promotion names at least one idea or group (reported on `ideaIds`).
	v.forward(
		v.check(
			(m) => m.t !== 'promote' || (m.ideaIds?.length ?? 0) + (m.groupIds?.length ?? 0) > 0,
			'names no idea and no group'
		),
		['ideaIds']
	)
);

const withId = v.object({ id });

/**
 * The field an issue is about, as the ack's `message` names it: the message's own field, and for `tags`
 * the tag list (`tags.colour`).
 */
function fieldOf(issue: v.BaseIssue<unknown>): string {
	const keys = (issue.path ?? []).map((item) => String(item.key));
	if (keys[0] === 'tags' && keys[1] !== undefined) return `tags.${keys[1]}`;
	return keys[0] ?? 't';
}

/** Parses and validates a stateless payload. Unknown extra fields are dropped. */
export function parseWorkshopMessage(json: string): ParseResult {
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch {
		return { ok: false, id: '', error: 'not JSON' };
	}
	return readWorkshopMessage(value);
}

/** Validates a message already decoded (one carried inside another JSON value, as between processes). */
export function readWorkshopMessage(value: unknown): ParseResult {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		return { ok: false, id: '', error: 'not an object' };
	const withMessageId = v.safeParse(withId, value);
	if (!withMessageId.success) return { ok: false, id: '', error: 'id' };
	const parsed = v.safeParse(clientMessage, value, { abortPipeEarly: true });
	if (!parsed.success) return { ok: false, id: withMessageId.output.id, error: fieldOf(parsed.issues[0]) };
	return { ok: true, message: parsed.output };
}

const serverMessage = v.variant('t', [
	v.variant('ok', [
		v.object({
			t: v.literal('ack'),
			id: v.string(),
			ok: v.literal(true),
			ideaId: v.optional(v.string()),
			votes: v.optional(v.number()),
			remaining: v.optional(v.number()),
			actionIds: v.optional(v.array(v.string())),
			voted: v.optional(v.array(v.string())),
			scored: v.optional(v.array(v.string())),
			ideaCounts: v.optional(v.record(v.string(), v.number())),
			typing: v.optional(v.array(v.string()))
		}),
		v.object({
			t: v.literal('ack'),
			id: v.string(),
			ok: v.literal(false),
			error: v.picklist(WORKSHOP_ERRORS),
			message: v.optional(v.string())
		})
	]),
	v.object({ t: v.literal('time'), id: v.string(), serverNow: v.number(), clientSentAt: v.number() })
]);

/** Parses a server → client payload (for the web app); null when it is not one of ours. */
export function parseWorkshopServerMessage(json: string): WorkshopServerMessage | null {
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch {
		return null;
	}
	return readWorkshopServerMessage(value);
}

/** Validates a reply already decoded; null when it is not one of ours. */
export function readWorkshopServerMessage(value: unknown): WorkshopServerMessage | null {
	const parsed = v.safeParse(serverMessage, value);
	return parsed.success ? parsed.output : null;
}
