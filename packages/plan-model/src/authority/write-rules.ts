/**
 * Who may write what in the plan document: one table, read by the server's guard (which refuses a
 * client update before it is applied, stored or relayed) and by the web client (which offers only the
 * controls a role may use). SPEC AUTH-2..AUTH-5; the comment rules are CMT-8 and CMT-9, the workshop
 * rules WS-2 and WS-7.
 *
 * A client update is first described change by change from the update itself (update-changes.ts,
 * AUTH-1), then each change is checked here against the live document: the cost follows the update.
 */
import * as Y from 'yjs';
import { COMMENT_TARGET_TYPES, readMarkerKey } from '../comments.ts';
import { PLAN_ROOT_KEYS, type PlanRootKey } from '../schema.ts';
import { selectWorkshop } from '../workshop.ts';
import { describeUpdate, NewType, type UpdateChange } from './update-changes.ts';

/** The roles of an invite link (the same four as @cap/protocol's ROLES, most powerful first). */
export const PLAN_ROLES = ['facilitator', 'editor', 'commenter', 'viewer'] as const;
export type PlanRole = (typeof PLAN_ROLES)[number];

/**
 * Who writes a root over the wire:
 * - `server`: nobody; the server writes it in answer to commands (meta, workshop authority state) or
 *   when someone joins (people);
 * - `editors`: the facilitator and editors (the workshop adds WS-7 conditions on `ideas` / `ideaGroups`);
 * - `commenters`: also commenters, but only as {@link COMMENTER_RECORDS} says.
 */
export type RootWriters = 'server' | 'editors' | 'commenters';

export const ROOT_WRITERS: Readonly<Record<PlanRootKey, RootWriters>> = Object.freeze({
	meta: 'server',
	settings: 'editors',
	members: 'editors',
	workstreams: 'editors',
	channels: 'editors',
	productLines: 'editors',
	targets: 'editors',
	periods: 'editors',
	reviewItems: 'commenters',
	lastYearObjectives: 'editors',
	businessObjectives: 'editors',
	marketingObjectives: 'editors',
	keyResults: 'editors',
	ideas: 'editors',
	ideaGroups: 'editors',
	votes: 'server',
	scores: 'server',
	workshop: 'server',
	actions: 'editors',
	keyMoments: 'editors',
	budgetLines: 'editors',
	kpiMeasurements: 'editors',
	steering: 'editors',
	commentThreads: 'commenters',
	comments: 'commenters',
	people: 'server',
	personas: 'editors',
	watchEntries: 'editors',
	swotItems: 'editors',
	mixOrientations: 'editors',
	meetings: 'editors'
});

/** The roots whose writes the workshop rules (WS-2) reserve to the server. */
const WORKSHOP_AUTHORITY_ROOTS: ReadonlySet<string> = new Set(['workshop', 'votes', 'scores']);
/** The roots a workshop lock (WS-7) closes to everyone but the facilitator. */
const BOARD_ROOTS: ReadonlySet<string> = new Set(['ideas', 'ideaGroups']);

type Value = unknown;
const isString = (v: Value): v is string => typeof v === 'string';
const isCount = (v: Value) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isStringList = (v: Value) => Array.isArray(v) && v.every(isString);

/**
 * What a commenter may write, per root (CMT-8): the fields a record they create may hold, the fields
 * they may change on an existing record and which records are theirs to change. `self` is the
 * commenter's participant id. A field check answers null when the value is allowed, else why not.
 */
interface CommenterRecordRule {
	/** The fields a commenter may change on an existing record, when not every field the rule allows (UI). */
	fields?: ReadonlySet<string>;
	/** A new record, checked whole. */
	create?: (record: MapReader, ctx: CheckContext) => string | null;
	/** A change of one field of an existing, live record. */
	edit: (record: Y.Map<unknown>, field: string, value: Value, self: string) => string | null;
	/** A change of one entry of a map held by a field (reactions). */
	editNested?: (
		record: Y.Map<unknown>,
		field: string,
		key: string,
		value: Value,
		self: string
	) => string | null;
}

/** What a record check may consult beside the record. */
export interface CheckContext {
	self: string;
	live: Y.Doc;
	/** Records of `root` the update being checked creates (a comment may answer a thread opened with it). */
	created(root: PlanRootKey): ReadonlySet<string>;
}

/** Read access shared by records of the live document (Y.Map) and records the update creates. */
export interface MapReader {
	get(key: string): unknown;
	keys(): Iterable<string>;
}

const THREAD_FIELDS = new Set(['targetType', 'targetId', 'authorId', 'createdAt', 'resolved']);
/** A comment written, then edited or deleted offline, arrives as one new record holding all of it. */
const COMMENT_FIELDS = new Set([
	'threadId',
	'authorId',
	'body',
	'mentions',
	'createdAt',
	'reactions',
	'editedAt',
	'deleted'
]);

function isMap(value: Value): value is MapReader {
	return value instanceof Y.Map || (value instanceof NewType && value.kind === 'map');
}

function liveRecord(doc: Y.Doc, root: string, id: string): Y.Map<unknown> | undefined {
	const value = doc.getMap<unknown>(root).get(id);
	return value instanceof Y.Map ? (value as Y.Map<unknown>) : undefined;
}

export const COMMENTER_RECORDS: Readonly<Partial<Record<PlanRootKey, CommenterRecordRule>>> = Object.freeze({
	// REV-5: the sales team's feedback on last year's actions is theirs to write, nothing else of a review item.
	reviewItems: {
		fields: new Set(['salesFeedback']),
		edit(_item, field, value) {
			if (field !== 'salesFeedback') return `may not change review field ${field}`;
			return typeof value === 'string' && value.length <= 5_000 ? null : 'the feedback is a text';
		}
	},
	commentThreads: {
		create(thread, { self }) {
			for (const key of thread.keys()) {
				if (!THREAD_FIELDS.has(key) && key !== readMarkerKey(self)) return `a new thread may not set ${key}`;
			}
			const marker = thread.get(readMarkerKey(self));
			if (marker !== undefined && !isCount(marker)) return 'a read marker is a count';
			if (thread.get('authorId') !== self) return 'a new thread must be authored by its sender';
			if (!(COMMENT_TARGET_TYPES as readonly unknown[]).includes(thread.get('targetType')))
				return 'bad target type';
			if (!isString(thread.get('targetId')) || typeof thread.get('createdAt') !== 'number')
				return 'bad thread';
			const resolved = thread.get('resolved');
			if (resolved !== undefined && typeof resolved !== 'boolean') return 'resolved is a boolean';
			return null;
		},
		edit(thread, field, value, self) {
			if (field === readMarkerKey(self)) return isCount(value) ? null : 'a read marker is a count';
			if (field === 'resolved') {
				// CMT-9: editors and facilitators resolve any thread; a commenter only the threads they opened.
				if (thread.get('authorId') !== self) return 'only the thread author resolves it';
				return typeof value === 'boolean' ? null : 'resolved is a boolean';
			}
			return `may not change thread field ${field}`;
		}
	},
	comments: {
		create(comment, { self, live, created }) {
			for (const key of comment.keys())
				if (!COMMENT_FIELDS.has(key)) return `a new comment may not set ${key}`;
			if (comment.get('authorId') !== self) return 'a new comment must be authored by its sender';
			const threadId = comment.get('threadId');
			if (!isString(threadId)) return 'unknown thread';
			if (!liveRecord(live, 'commentThreads', threadId) && !created('commentThreads').has(threadId))
				return 'unknown thread';
			if (!isString(comment.get('body')) || typeof comment.get('createdAt') !== 'number')
				return 'bad comment';
			const mentions = comment.get('mentions');
			if (mentions !== undefined && !isStringList(mentions)) return 'mentions are a list of ids';
			const edited = comment.get('editedAt');
			if (edited !== undefined && typeof edited !== 'number') return 'bad edit time';
			if (comment.get('deleted') !== undefined && comment.get('deleted') !== true) return 'deleted is true';
			const reactions = comment.get('reactions');
			if (reactions !== undefined) {
				if (!isMap(reactions)) return 'reactions are a map';
				for (const key of reactions.keys()) {
					if (!key.startsWith(`${self}:`) || reactions.get(key) !== true) return 'only your own reactions';
				}
			}
			return null;
		},
		edit(comment, field, value, self) {
			if (comment.get('deleted') === true) return 'not a live comment';
			if (!['body', 'mentions', 'editedAt', 'deleted'].includes(field))
				return `may not change comment field ${field}`;
			if (comment.get('authorId') !== self) return 'only the author changes a comment';
			const ok =
				field === 'body'
					? isString(value)
					: field === 'mentions'
						? isStringList(value)
						: field === 'editedAt'
							? typeof value === 'number'
							: value === true;
			return ok ? null : `bad value for ${field}`;
		},
		editNested(comment, field, key, value, self) {
			// CMT-10: a reaction racing the comment's deletion is harmless (a deleted comment shows none).
			if (field !== 'reactions') return `may not change comment field ${field}`;
			if (!key.startsWith(`${self}:`)) return 'only your own reactions';
			// Absent: removed (toggled off, possibly after being toggled on in the same offline batch).
			return value === true || value === undefined ? null : 'a reaction is true';
		}
	}
});

/**
 * May `role` write `root` (and, for a commenter, `field` of a record) at all? What the web client asks
 * to decide which controls to offer; the server's guard checks each change in full.
 */
export function mayWrite(role: PlanRole, root: PlanRootKey, field?: string): boolean {
	const writers = ROOT_WRITERS[root];
	if (writers === 'server' || role === 'viewer') return false;
	if (role === 'facilitator' || role === 'editor') return true;
	const rule = writers === 'commenters' ? COMMENTER_RECORDS[root] : undefined;
	if (!rule) return false;
	return field === undefined || !rule.fields || rule.fields.has(field);
}

export type ViolationCode =
	/** Depends on content the document does not hold (it would wait, unchecked, and apply later). */
	| 'unresolved'
	/** A root the plan does not have, or one only the server writes outside the workshop (meta). */
	| 'not-writable'
	/** Breaks a workshop rule (WS-2, WS-7). */
	| 'workshop'
	/** A commenter's change beyond their own comments (CMT-8, CMT-9). */
	| 'comment-only'
	/** A viewer wrote at all. */
	| 'read-only';

export interface Violation {
	code: ViolationCode;
	message: string;
}

export interface Writer {
	role: PlanRole;
	participantId: string;
}

const violation = (code: ViolationCode, message: string): Violation => ({ code, message });

/** What the guard learns of a client update: whether its sender may apply it, and who else could. */
export interface UpdateVerdict {
	/** Why the sender may not apply the update, or null when every change it makes is theirs to make. */
	violation: Violation | null;
	/**
	 * AUTH-6: every facilitator and every editor, whoever they are, may write each change of this accepted
	 * update: it touches no workshop board root (`ideas`, `ideaGroups`), whose rules (WS-7) look at the
	 * writer and at the lock. Every other rule an editor meets looks only at the roots it writes, never at
	 * the writer nor at what the plan holds. So were an editor to send it back (as a reconnecting provider
	 * sends what the server lacks), it would be accepted from them too, provided they also hold what it
	 * builds on (else `unresolved`).
	 */
	editorsMayWrite: boolean;
}

/**
 * Why `writer` may not apply the plan update `update` to the live document `live`, or null when every
 * change it makes is theirs to make (AUTH-1..AUTH-5). `live` is not modified.
 */
export function planUpdateViolation(live: Y.Doc, update: Uint8Array, writer: Writer): Violation | null {
	return checkPlanUpdate(live, update, writer).violation;
}

/** {@link planUpdateViolation}, and whether every editor could write the update too (AUTH-6). */
export function checkPlanUpdate(live: Y.Doc, update: Uint8Array, writer: Writer): UpdateVerdict {
	const described = describeUpdate(live, update);
	if (!described.ok) return refused(violation('unresolved', described.unresolved));
	const { changes } = described;
	if (writer.role === 'viewer' && changes.length > 0)
		return refused(violation('read-only', 'viewers write nothing'));

	// Pass 1, every role: the plan's shape and the workshop's authority.
	let workshop: ReturnType<typeof selectWorkshop> | null = null;
	for (const change of changes) {
		const root = change.path[0]!;
		if (!(PLAN_ROOT_KEYS as readonly string[]).includes(root))
			return refused(violation('not-writable', `unknown root ${root}`));
		if (WORKSHOP_AUTHORITY_ROOTS.has(root))
			return refused(violation('workshop', `only the server writes ${root}`));
		if (ROOT_WRITERS[root as PlanRootKey] === 'server')
			return refused(violation('not-writable', `only the server writes ${root}`));
		if (!BOARD_ROOTS.has(root)) continue;
		workshop ??= selectWorkshop(live);
		const reason = workshopReason(live, change, workshop, writer);
		if (reason) return refused(violation('workshop', reason));
	}
	// MEET-7: the facilitator alone opens, drives and ends a progress meeting.
	let driving = false;
	for (const change of changes) {
		const reason = meetingReason(live, change);
		if (!reason) continue;
		if (writer.role !== 'facilitator') return refused(violation('not-writable', reason));
		driving = true;
	}
	const editorsMayWrite = workshop === null && !driving;

	// Pass 2: what the role may write.
	if (writer.role !== 'commenter') return { violation: null, editorsMayWrite };
	const created = new Map<string, Set<string>>();
	for (const c of changes) {
		if (c.kind !== 'set' || c.path.length !== 2) continue;
		const [root, id] = c.path as [string, string];
		if (!created.has(root)) created.set(root, new Set());
		created.get(root)!.add(id);
	}
	const ctx: CheckContext = {
		self: writer.participantId,
		live,
		created: (root) => created.get(root) ?? new Set()
	};
	for (const change of changes) {
		const reason = commenterReason(change, ctx);
		if (reason) return refused(violation('comment-only', reason));
	}
	return { violation: null, editorsMayWrite };
}

const refused = (v: Violation): UpdateVerdict => ({ violation: v, editorsMayWrite: false });

/** The fields of a meeting only the facilitator writes (MEET-7): what every screen follows, and its end. */
const MEETING_DRIVER_FIELDS: ReadonlySet<string> = new Set(['focusActionId', 'endedAt', 'summary']);

/** Why a change of the `meetings` root is the facilitator's to make (MEET-7), or null when anyone's. */
function meetingReason(live: Y.Doc, change: UpdateChange): string | null {
	const [root, id, field] = change.path;
	if (root !== 'meetings' || id === undefined) return null;
	if (change.path.length === 2)
		return live.getMap('meetings').has(id)
			? 'a meeting is never replaced'
			: 'only the facilitator starts a meeting';
	if (change.path.length === 3 && field !== undefined && MEETING_DRIVER_FIELDS.has(field))
		return `only the facilitator changes a meeting's ${field}`;
	return null;
}

function workshopReason(
	live: Y.Doc,
	change: UpdateChange,
	w: ReturnType<typeof selectWorkshop>,
	writer: Writer
): string | null {
	const [root, id, field] = change.path;
	if (w.locked && writer.role !== 'facilitator' && !isLockRaceMove(live, change))
		return 'the workshop is locked';
	if (root !== 'ideas' || id === undefined) return null;
	if (change.path.length === 3 && field === 'authorId') return 'an idea’s author never changes';
	if (change.path.length !== 2 || change.kind !== 'set' || live.getMap('ideas').has(id)) return null;
	if (w.phase === 'silentWriting' && !w.ideasRevealed)
		return 'ideas are hidden: add them with the addIdea command';
	if (w.anonymous) return 'the workshop is anonymous: add ideas with the addIdea command';
	const author = isMap(change.after) ? change.after.get('authorId') : undefined;
	if (author !== undefined && author !== writer.participantId) return 'an idea is authored by its sender';
	return null;
}

/** The fields of an idea a move writes (its group and its order key, IDEA-4, IDEA-8). */
const MOVE_FIELDS: ReadonlySet<string> = new Set(['groupId', 'order']);

/**
 * WS-8: a move of an existing idea (its group or order key, nothing else) is harmless, and one made just
 * before the lock reached the mover is a race, not a breach: it is accepted rather than refused.
 */
function isLockRaceMove(live: Y.Doc, change: UpdateChange): boolean {
	const [root, id, field] = change.path;
	return (
		root === 'ideas' &&
		change.kind === 'set' &&
		change.path.length === 3 &&
		field !== undefined &&
		MOVE_FIELDS.has(field) &&
		liveRecord(live, 'ideas', id!) !== undefined
	);
}

function commenterReason(change: UpdateChange, ctx: CheckContext): string | null {
	const { live, self } = ctx;
	const [root, id, field, sub] = change.path;
	const rule = COMMENTER_RECORDS[root as PlanRootKey];
	if (!rule || id === undefined) return `may not change ${change.path.join('.')}`;
	if (change.kind === 'sequence') return `a sequence change in ${change.path.join('.')}`;
	const existing = live.getMap(root!).has(id);
	if (change.path.length === 2) {
		if (existing) return 'records are never replaced or removed';
		if (change.kind !== 'set' || !isMap(change.after) || !rule.create) return 'a record must be a map';
		return rule.create(change.after, ctx);
	}
	const record = liveRecord(live, root!, id);
	if (!record || field === undefined) return 'not a live record';
	if (change.path.length === 3) return rule.edit(record, field, change.after, self);
	if (change.path.length === 4 && sub !== undefined && rule.editNested) {
		return rule.editNested(record, field, sub, change.after, self);
	}
	return `may not change ${change.path.join('.')}`;
}
