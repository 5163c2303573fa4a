/**
 * The progress meeting (point d'avancement, docs/method.md "The rhythm after the kickoff"): at the end of a
 * period the team goes through the period's actions one by one, re-plans what slipped into the next
 * period, enters the key results' new measurements and records its decisions; the meeting ends with a
 * one-page summary saved with the plan.
 *
 *   meetings: Y.Map<Id, Y.Map<'periodId' | 'nextPeriodId' | 'startedAt' | 'startedBy' | 'endedAt' |
 *     'focusActionId' | 'summary', value>
 *     & 'outcomes': Y.Map<ActionId, { outcome, note, by, at }>
 *     & 'decisions': Y.Map<DecisionId, { text, by, at }>
 *     & 'measurementIds': Y.Map<KpiMeasurementId, true>>
 *
 * Everyone follows one screen: `focusActionId` is the action the meeting looks at, in the shared document,
 * so every screen shows it (MEET-2). An outcome is one plain object per action (the last one written
 * wins; two people marking the same action at once agree on one). `summary` is a plain object written once,
 * when the meeting ends (MEET-6); a closed meeting takes no more changes. The nested maps are created with
 * the meeting (schema.ts).
 */
import * as Y from 'yjs';
import * as v from 'valibot';
import { updateAction } from '../actions.ts';
import { actorOf } from '../actor.ts';
import { PlanError } from '../errors.ts';
import { addKpiMeasurement, selectKpiMeasurements } from '../kpi.ts';
import { selectPeriodLoad, type PeriodLoad } from '../load.ts';
import { selectKeyResults } from '../objectives.ts';
import type { Origin } from '../origin.ts';
import { selectPeriods } from '../periods.ts';
import { setActionPeriod } from '../planning.ts';
import {
	createRecord,
	liveEntries,
	liveRecord,
	num,
	numOrNull,
	requireLive,
	str,
	strOrNull
} from '../records.ts';
import { newId, now } from '../runtime.ts';
import { finiteNumber, idSchema, isoDate, nullish, optionalText, parse } from '../validate.ts';

export const MEETING_OUTCOMES = ['done', 'slipped', 'blocked'] as const;
export type MeetingOutcome = (typeof MEETING_OUTCOMES)[number];

export interface ActionOutcome {
	outcome: MeetingOutcome;
	note: string;
	by: string;
	at: number;
}

export interface MeetingDecision {
	id: string;
	text: string;
	by: string;
	at: number;
}

/** One line of the summary: an action as it was reviewed. */
export interface SummaryAction {
	id: string;
	name: string;
	ownerName: string | null;
	personDays: number;
	outcome: MeetingOutcome | null;
	note: string;
}

export interface MeetingSummary {
	periodName: string;
	periodStart: string;
	periodEnd: string;
	nextPeriodName: string | null;
	/** Every action of the period, in the order reviewed. */
	actions: SummaryAction[];
	done: number;
	slipped: number;
	blocked: number;
	notReviewed: number;
	/** The next period's load when the meeting ended. */
	nextLoad: { personDays: number; capacity: number; actionCount: number; overloaded: string[] } | null;
	measurements: { kpi: string; date: string; actual: number | null }[];
	decisions: string[];
	endedAt: number;
}

export interface Meeting {
	id: string;
	periodId: string | null;
	nextPeriodId: string | null;
	startedAt: number;
	startedBy: string;
	endedAt: number | null;
	focusActionId: string | null;
	outcomes: Record<string, ActionOutcome>;
	decisions: MeetingDecision[];
	measurementIds: string[];
	summary: MeetingSummary | null;
}

const outcomeSchema = v.object({
	outcome: v.picklist(MEETING_OUTCOMES),
	note: v.string(),
	by: v.string(),
	at: v.number()
});
const decisionSchema = v.object({ text: v.string(), by: v.string(), at: v.number() });

function nested(rec: Y.Map<unknown>, field: string): Y.Map<unknown> | null {
	const value = rec.get(field);
	return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

function readMeeting(id: string, rec: Y.Map<unknown>): Meeting {
	const outcomes: Record<string, ActionOutcome> = {};
	nested(rec, 'outcomes')?.forEach((value, actionId) => {
		const parsed = v.safeParse(outcomeSchema, value);
		if (parsed.success) outcomes[actionId] = parsed.output;
	});
	const decisions: MeetingDecision[] = [];
	nested(rec, 'decisions')?.forEach((value, decisionId) => {
		const parsed = v.safeParse(decisionSchema, value);
		if (parsed.success) decisions.push({ id: decisionId, ...parsed.output });
	});
	decisions.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
	const summary = rec.get('summary');
	return {
		id,
		periodId: strOrNull(rec, 'periodId'),
		nextPeriodId: strOrNull(rec, 'nextPeriodId'),
		startedAt: num(rec, 'startedAt'),
		startedBy: str(rec, 'startedBy'),
		endedAt: numOrNull(rec, 'endedAt'),
		focusActionId: strOrNull(rec, 'focusActionId'),
		outcomes,
		decisions,
		measurementIds: [...(nested(rec, 'measurementIds')?.keys() ?? [])].sort(),
		summary: typeof summary === 'object' && summary !== null ? (summary as MeetingSummary) : null
	};
}

/** Every meeting, the latest started first. */
export function selectMeetings(doc: Y.Doc): Meeting[] {
	return liveEntries(doc, 'meetings')
		.map(([id, rec]) => readMeeting(id, rec))
		.sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1));
}

/**
 * MEET-1: the meeting in progress: the open one started first (then the smaller id), so two facilitators
 * starting one at the same moment end up in the same meeting on every screen.
 */
export function selectOpenMeeting(doc: Y.Doc): Meeting | null {
	const open = selectMeetings(doc).filter((m) => m.endedAt === null);
	open.sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));
	return open[0] ?? null;
}

/** The period that follows `periodId` in the calendar, or null. */
export function nextPeriodOf(doc: Y.Doc, periodId: string): string | null {
	const periods = selectPeriods(doc);
	const at = periods.findIndex((p) => p.id === periodId);
	return at >= 0 ? (periods[at + 1]?.id ?? null) : null;
}

const startInput = v.object({
	periodId: idSchema,
	nextPeriodId: nullish(idSchema),
	participantId: v.optional(v.string())
});

/**
 * MEET-1: starts a meeting on a period; the slipped actions will go to `nextPeriodId` (by default the
 * period that follows). Refuses (`conflict`) while another meeting is open.
 */
export function startMeeting(doc: Y.Doc, props: v.InferInput<typeof startInput>, origin: Origin): string {
	const p = parse(startInput, props);
	requireLive(doc, 'periods', p.periodId, 'periodId');
	const nextPeriodId = p.nextPeriodId === undefined ? nextPeriodOf(doc, p.periodId) : p.nextPeriodId;
	if (nextPeriodId !== null) requireLive(doc, 'periods', nextPeriodId, 'nextPeriodId');
	if (selectOpenMeeting(doc))
		throw new PlanError('conflict', 'periodId', 'periodId: a meeting is already open');
	const id = newId();
	doc.transact(() => {
		createRecord(doc, 'meetings', id, {
			periodId: p.periodId,
			nextPeriodId,
			startedAt: now(),
			startedBy: actorOf(origin, p.participantId),
			outcomes: new Y.Map(),
			decisions: new Y.Map(),
			measurementIds: new Y.Map()
		});
	}, origin);
	return id;
}

function requireOpen(doc: Y.Doc, meetingId: string): Y.Map<unknown> {
	const rec = requireLive(doc, 'meetings', meetingId, 'meetingId');
	if (rec.get('endedAt') !== undefined && rec.get('endedAt') !== null)
		throw new PlanError('conflict', 'meetingId', 'meetingId: the meeting is over');
	return rec;
}

/** MEET-2: the period's actions, in the order the meeting goes through them (the load's order, PLAN-3). */
export function meetingActions(doc: Y.Doc, meeting: Pick<Meeting, 'periodId'>): PeriodLoad['actions'] {
	return meeting.periodId ? (selectPeriodLoad(doc, meeting.periodId)?.actions ?? []) : [];
}

const focusInput = v.object({ meetingId: idSchema, actionId: nullish(idSchema) });

/** MEET-2: the action every screen of the meeting shows. */
export function focusMeetingAction(doc: Y.Doc, props: v.InferInput<typeof focusInput>, origin: Origin): void {
	const p = parse(focusInput, props);
	const rec = requireOpen(doc, p.meetingId);
	if (p.actionId) requireLive(doc, 'actions', p.actionId, 'actionId');
	doc.transact(() => rec.set('focusActionId', p.actionId ?? null), origin);
}

const outcomeInput = v.object({
	meetingId: idSchema,
	actionId: idSchema,
	outcome: v.picklist(MEETING_OUTCOMES),
	note: optionalText(2000),
	participantId: v.optional(v.string())
});

/**
 * MEET-3: records how an action of the period went (done, slipped, blocked) with a note, in one
 * transaction with its status: done sets it to done; slipped or blocked sets a to-do or done action in
 * progress (it is under way and not finished) and leaves an action in progress or dropped as it is.
 */
export function recordOutcome(doc: Y.Doc, props: v.InferInput<typeof outcomeInput>, origin: Origin): void {
	const p = parse(outcomeInput, props);
	const rec = requireOpen(doc, p.meetingId);
	const action = requireLive(doc, 'actions', p.actionId, 'actionId');
	const status = str(action, 'status', 'todo');
	const next = p.outcome === 'done' ? 'done' : status === 'todo' || status === 'done' ? 'in_progress' : null;
	doc.transact(() => {
		nested(rec, 'outcomes')?.set(p.actionId, {
			outcome: p.outcome,
			note: p.note ?? '',
			by: actorOf(origin, p.participantId),
			at: now()
		});
		if (next && next !== status) updateAction(doc, { id: p.actionId, status: next }, origin);
	}, origin);
}

/**
 * MEET-4: moves every action marked slipped into the meeting's next period, in one transaction: its
 * period changes and, when it is dated, its dates move with it (PLAN-3 alignDates; an undated action
 * stays undated). Returns the moved ids.
 * Refuses (`invalid_input`) when the meeting has no next period.
 */
export function replanSlipped(doc: Y.Doc, props: { meetingId: string }, origin: Origin): string[] {
	const { meetingId } = parse(v.object({ meetingId: idSchema }), props);
	const rec = requireOpen(doc, meetingId);
	const meeting = readMeeting(meetingId, rec);
	const next =
		meeting.nextPeriodId && liveRecord(doc, 'periods', meeting.nextPeriodId) ? meeting.nextPeriodId : null;
	if (!next) throw new PlanError('invalid_input', 'nextPeriodId', 'nextPeriodId: no period to re-plan into');
	const slipped = Object.entries(meeting.outcomes)
		.filter(([id, o]) => o.outcome === 'slipped' && liveRecord(doc, 'actions', id))
		.map(([id]) => id)
		.sort();
	doc.transact(() => {
		for (const id of slipped) {
			const dated = typeof liveRecord(doc, 'actions', id)?.get('start') === 'string';
			setActionPeriod(doc, { id, periodId: next, alignDates: dated }, origin);
		}
	}, origin);
	return slipped;
}

/** MEET-5: the key results nobody measured within the period (no measurement dated in it). */
export function keyResultsToMeasure(
	doc: Y.Doc,
	periodId: string
): { id: string; kpi: string; unit: string | null }[] {
	const period = selectPeriods(doc).find((p) => p.id === periodId);
	if (!period) return [];
	const measured = new Set(
		selectKpiMeasurements(doc)
			.filter((m) => m.keyResultId && m.date >= period.start && m.date <= period.end)
			.map((m) => m.keyResultId)
	);
	return selectKeyResults(doc)
		.filter((kr) => !measured.has(kr.id))
		.map((kr) => ({ id: kr.id, kpi: kr.kpi, unit: kr.unit }));
}

const measureInput = v.object({
	meetingId: idSchema,
	keyResultId: idSchema,
	actual: finiteNumber,
	date: v.optional(isoDate)
});

/** MEET-5: enters a key result's measurement during the meeting (dated the period's end by default). */
export function recordMeetingMeasurement(
	doc: Y.Doc,
	props: v.InferInput<typeof measureInput>,
	origin: Origin
): string {
	const p = parse(measureInput, props);
	const rec = requireOpen(doc, p.meetingId);
	const period = selectPeriods(doc).find((x) => x.id === strOrNull(rec, 'periodId'));
	const date = p.date ?? period?.end;
	if (!date) throw new PlanError('invalid_input', 'date', 'date: the meeting has no period to date it in');
	let id = '';
	doc.transact(() => {
		id = addKpiMeasurement(doc, { keyResultId: p.keyResultId, date, actual: p.actual }, origin);
		nested(rec, 'measurementIds')?.set(id, true);
	}, origin);
	return id;
}

const decisionInput = v.object({
	meetingId: idSchema,
	text: v.pipe(v.string(), v.trim(), v.minLength(1, 'Text is required'), v.maxLength(2000)),
	participantId: v.optional(v.string())
});

/** MEET-5: records a decision (re-prioritising, an objective shifted by management…). */
export function addMeetingDecision(
	doc: Y.Doc,
	props: v.InferInput<typeof decisionInput>,
	origin: Origin
): string {
	const p = parse(decisionInput, props);
	const rec = requireOpen(doc, p.meetingId);
	const id = newId();
	doc.transact(() => {
		nested(rec, 'decisions')?.set(id, { text: p.text, by: actorOf(origin, p.participantId), at: now() });
	}, origin);
	return id;
}

/** MEET-6: the summary as it reads now (what `endMeeting` saves). */
export function summarizeMeeting(doc: Y.Doc, meeting: Meeting, endedAt: number): MeetingSummary {
	const periods = selectPeriods(doc);
	const period = periods.find((p) => p.id === meeting.periodId);
	const nextPeriod = periods.find((p) => p.id === meeting.nextPeriodId);
	const members = new Map(liveEntries(doc, 'members').map(([id, rec]) => [id, str(rec, 'name')]));
	const reviewed = new Map<string, SummaryAction>();
	for (const entry of meetingActions(doc, meeting)) {
		const o = meeting.outcomes[entry.action.id];
		reviewed.set(entry.action.id, {
			id: entry.action.id,
			name: entry.action.name,
			ownerName: entry.action.ownerId ? (members.get(entry.action.ownerId) ?? null) : null,
			personDays: entry.action.personDays ?? 0,
			outcome: o?.outcome ?? null,
			note: o?.note ?? ''
		});
	}
	// A slipped action re-planned out of the period is still one of the meeting's.
	for (const [id, o] of Object.entries(meeting.outcomes)) {
		if (reviewed.has(id)) continue;
		const action = liveRecord(doc, 'actions', id);
		if (!action) continue;
		const ownerId = strOrNull(action, 'ownerId');
		reviewed.set(id, {
			id,
			name: str(action, 'name'),
			ownerName: ownerId ? (members.get(ownerId) ?? null) : null,
			personDays: num(action, 'personDays'),
			outcome: o.outcome,
			note: o.note
		});
	}
	const actions = [...reviewed.values()];
	const count = (o: MeetingOutcome | null) => actions.filter((a) => a.outcome === o).length;
	const nextLoad = meeting.nextPeriodId ? selectPeriodLoad(doc, meeting.nextPeriodId) : null;
	const measurements = selectKpiMeasurements(doc).filter((m) => meeting.measurementIds.includes(m.id));
	const kpiNames = new Map(selectKeyResults(doc).map((kr) => [kr.id, kr.kpi]));
	return {
		periodName: period?.name ?? '',
		periodStart: period?.start ?? '',
		periodEnd: period?.end ?? '',
		nextPeriodName: nextPeriod?.name ?? null,
		actions,
		done: count('done'),
		slipped: count('slipped'),
		blocked: count('blocked'),
		notReviewed: count(null),
		nextLoad: nextLoad
			? {
					personDays: nextLoad.personDays,
					capacity: nextLoad.capacity,
					actionCount: nextLoad.actionCount,
					overloaded: nextLoad.owners.filter((o) => o.overloaded).map((o) => o.name)
				}
			: null,
		measurements: measurements.map((m) => ({
			kpi: (m.keyResultId ? kpiNames.get(m.keyResultId) : null) ?? m.kpi ?? '',
			date: m.date,
			actual: m.actual
		})),
		decisions: meeting.decisions.map((d) => d.text),
		endedAt
	};
}

/** MEET-6: ends the meeting and saves its summary with the plan, in one transaction. */
export function endMeeting(doc: Y.Doc, props: { meetingId: string }, origin: Origin): MeetingSummary {
	const { meetingId } = parse(v.object({ meetingId: idSchema }), props);
	const rec = requireOpen(doc, meetingId);
	const endedAt = now();
	const summary = summarizeMeeting(doc, readMeeting(meetingId, rec), endedAt);
	doc.transact(() => {
		rec.set('endedAt', endedAt);
		rec.set('summary', summary);
		rec.set('focusActionId', null);
	}, origin);
	return summary;
}
