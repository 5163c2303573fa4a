/**
 * Real server, several providers: the plan's context (CTX-1..5) and a progress meeting (MEET-1..6) are
 * co-edited by editors and stored; a commenter comments on a persona (CMT-8).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_REASONS } from '@cap/protocol';
import {
	addAction,
	addPersona,
	addSwotItem,
	addWatchEntry,
	endMeeting,
	generateTenDayPeriods,
	recordOutcome,
	replanSlipped,
	selectActions,
	selectMeetings,
	selectOpenMeeting,
	selectPeriods,
	selectPersonas,
	selectSwot,
	selectThreads,
	selectWatchEntries,
	startMeeting,
	startThread
} from '@cap/plan-model';
import { acknowledged, connectAs, createPlan, Harness, storedDoc, waitFor } from './helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

describe('context and progress meeting on a real server', () => {
	it('CTX-1 CTX-3 CTX-4 CMT-8 two editors build the context, a commenter comments on a persona, all stored', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url, 'Plan contexte');
		const marie = await connectAs(h, app, plan, 'editor', 'Marie');
		const karim = await connectAs(h, app, plan, 'editor', 'Karim');
		const lea = await connectAs(h, app, plan, 'commenter', 'Léa');
		const jeanne = addPersona(marie.doc, { name: 'Jeanne', objections: 'Trop cher' }, marie.me);
		const acme = addWatchEntry(
			karim.doc,
			{ kind: 'competitor', subject: 'Acme', seenOn: '2026-11-20' },
			karim.me
		);
		await waitFor(
			() => selectPersonas(karim.doc).length === 1 && selectWatchEntries(marie.doc).length === 1,
			5_000,
			'both records on both sides'
		);
		addSwotItem(
			karim.doc,
			{ quadrant: 'threat', text: 'Acme casse les prix', personaIds: [jeanne], watchEntryIds: [acme] },
			karim.me
		);
		await waitFor(() => selectPersonas(lea.doc).length === 1, 5_000, 'the persona at the commenter');
		startThread(lea.doc, { targetType: 'persona', targetId: jeanne, body: 'Et les aidants ?' }, lea.me);
		await acknowledged(lea.provider);
		await acknowledged(karim.provider);
		await waitFor(() => selectThreads(marie.doc).length === 1, 5_000, 'the comment at Marie');
		expect(lea.closes).toEqual([]);
		const stored = await storedDoc(app.store, plan.planId);
		expect(selectSwot(stored).threat.map((i) => [i.text, i.personaIds, i.watchEntryIds])).toEqual([
			['Acme casse les prix', [jeanne], [acme]]
		]);
		expect(selectThreads(stored)[0]).toMatchObject({ targetType: 'persona', targetId: jeanne });
	});

	it('MEET-1 MEET-4 MEET-6 MEET-7 a meeting run by the facilitator with an editor re-plans the slipped actions and saves its summary', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url, 'Plan point');
		const marie = await connectAs(h, app, plan, 'facilitator', 'Marie');
		const karim = await connectAs(h, app, plan, 'editor', 'Karim');
		generateTenDayPeriods(marie.doc, { year: 2027 }, marie.me);
		const [p1, p2] = selectPeriods(marie.doc);
		const ids = ['Salon', 'Radio', 'Mailing'].map((name) =>
			addAction(marie.doc, { name, periodId: p1!.id, personDays: 1 }, marie.me)
		);
		const meetingId = startMeeting(marie.doc, { periodId: p1!.id }, marie.me);
		await waitFor(() => selectOpenMeeting(karim.doc)?.id === meetingId, 5_000, 'the meeting at Karim');
		recordOutcome(karim.doc, { meetingId, actionId: ids[0]!, outcome: 'slipped' }, karim.me);
		recordOutcome(karim.doc, { meetingId, actionId: ids[1]!, outcome: 'done' }, karim.me);
		await waitFor(
			() => Object.keys(selectOpenMeeting(marie.doc)?.outcomes ?? {}).length === 2,
			5_000,
			'the outcomes at Marie'
		);
		// MEET-7: an editor who tries to end the meeting is refused by the server: not applied nor stored.
		const sophie = await connectAs(h, app, plan, 'editor', 'Sophie');
		await waitFor(() => selectOpenMeeting(sophie.doc)?.id === meetingId, 5_000, 'the meeting at Sophie');
		endMeeting(sophie.doc, { meetingId }, sophie.me);
		await waitFor(() => sophie.closes.length > 0, 5_000, 'Sophie told');
		expect(sophie.closes[0]).toBe(CLOSE_REASONS.notWritable);
		expect(selectOpenMeeting(marie.doc)?.id).toBe(meetingId);
		replanSlipped(marie.doc, { meetingId }, marie.me);
		await waitFor(
			() => selectActions(karim.doc).find((a) => a.id === ids[0])?.periodId === p2!.id,
			5_000,
			'the slipped action in P2 at Karim'
		);
		endMeeting(marie.doc, { meetingId }, marie.me);
		await acknowledged(marie.provider);
		const stored = await storedDoc(app.store, plan.planId);
		expect(selectMeetings(stored)[0]?.summary).toMatchObject({ done: 1, slipped: 1, notReviewed: 1 });
		expect(selectMeetings(stored)[0]?.summary?.actions).toHaveLength(3);
	});
});
