/** Real server, several providers: the workshop's server authority (SPEC WS-*, TIMER-*, VOTE-*, IDEA-*). */
import { afterEach, describe, expect, it } from 'vitest';
import {
	addIdeaGroup,
	mergeIdea,
	moveIdea,
	selectActions,
	selectIdeas,
	selectVotes,
	selectWorkshop,
	updateWorkshop,
	userOrigin
} from '@cap/plan-model';
import { WORKSHOP_CLOSE_REASON, parseWorkshopMessage, serverClockOffset } from '@cap/protocol';
import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { createPlan, Harness, join, post, storedDoc, waitFor, wsUrl } from './helpers.ts';
import { privateView, workshopClient, type WorkshopClient } from './workshop-helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

async function room(participants = 2) {
	const app = await h.start();
	const plan = await createPlan(app.url, 'Atelier 2027');
	const facilitator = await workshopClient(h, app, plan, 'facilitator', 'Fa');
	const people: WorkshopClient[] = [];
	for (let i = 0; i < participants; i++)
		people.push(await workshopClient(h, app, plan, 'commenter', `P${i}`));
	return { app, plan, facilitator, people };
}

/** Publishes ideas through silent writing + reveal and moves to voting; returns the idea ids. */
async function ideasThenVoting(f: WorkshopClient, author: WorkshopClient, titles: string[]) {
	await f.ok({ t: 'phase', phase: 'silentWriting' });
	const ids: string[] = [];
	for (const title of titles) ids.push((await author.ok({ t: 'addIdea', title })).ideaId!);
	await f.ok({ t: 'reveal', what: 'ideas' });
	await f.ok({ t: 'phase', phase: 'voting' });
	return ids;
}

describe('timer and phases', () => {
	it('TIMER-4 the server clock is the only clock: every client and a late joiner read the same end; only the facilitator drives it', async () => {
		const { app, plan, facilitator, people } = await room(1);
		const before = Date.now();
		await facilitator.ok({ t: 'timer', action: 'start', durationMs: 60_000 });
		const endsAt = selectWorkshop(facilitator.doc).timerEndsAt!;
		expect(endsAt).toBeGreaterThanOrEqual(before + 60_000);
		expect(endsAt).toBeLessThanOrEqual(Date.now() + 60_000);
		await waitFor(() => selectWorkshop(people[0]!.doc).timerEndsAt === endsAt);
		const late = await workshopClient(h, app, plan, 'commenter', 'Late');
		expect(selectWorkshop(late.doc).timerEndsAt).toBe(endsAt);
		const sentAt = Date.now();
		const time = await late.send({ t: 'time', clientSentAt: sentAt });
		expect(time.t).toBe('time');
		if (time.t === 'time') expect(Math.abs(serverClockOffset(time, Date.now()))).toBeLessThan(1_000);

		await facilitator.ok({ t: 'timer', action: 'pause' });
		const paused = selectWorkshop(facilitator.doc);
		expect(paused.timerEndsAt).toBeNull();
		expect(paused.timerPausedRemaining).toBeGreaterThan(55_000);
		await facilitator.ok({ t: 'timer', action: 'extend', byMs: 30_000 });
		expect(selectWorkshop(facilitator.doc).timerPausedRemaining).toBe(paused.timerPausedRemaining! + 30_000);
		await facilitator.ok({ t: 'timer', action: 'resume' });
		expect(selectWorkshop(facilitator.doc).timerEndsAt).toBeGreaterThan(Date.now() + 80_000);
		const refused = await people[0]!.send({ t: 'timer', action: 'stop' });
		expect(refused).toMatchObject({ t: 'ack', ok: false, error: 'forbidden' });
		await facilitator.ok({ t: 'timer', action: 'stop' });
		expect(selectWorkshop(facilitator.doc)).toMatchObject({ timerEndsAt: null, timerPausedRemaining: null });
		await facilitator.ok({ t: 'phase', phase: 'brief' });
		await waitFor(() => selectWorkshop(late.doc).phase === 'brief');
		expect((await people[0]!.send({ t: 'phase', phase: 'voting' })).t === 'ack').toBe(true);
		expect(selectWorkshop(facilitator.doc).phase).toBe('brief');
	});

	it('WS-2 a client update touching the workshop, votes or scores maps is refused for every role, not applied nor stored', async () => {
		const { app, plan, facilitator, people } = await room(0);
		const editor = await workshopClient(h, app, plan, 'editor', 'Ed');
		updateWorkshop(facilitator.doc, { phase: 'voting' }, { kind: 'server' });
		editor.doc.getMap('votes').set(`${editor.participantId}:whatever`, 99);
		await waitFor(() => facilitator.closes.includes(WORKSHOP_CLOSE_REASON), 5_000, 'facilitator closed');
		await waitFor(() => editor.closes.includes(WORKSHOP_CLOSE_REASON), 5_000, 'editor closed');
		const observer = await workshopClient(h, app, plan, 'editor', 'Obs');
		expect(selectWorkshop(observer.doc).phase).toBe('setup');
		expect(observer.doc.getMap('votes').size).toBe(0);
		const disk = await storedDoc(app.store, plan.planId);
		expect(selectWorkshop(disk).phase).toBe('setup');
		expect(disk.getMap('votes').size).toBe(0);
		expect(people).toEqual([]);
	});

	it('WS-2 the ready flags are written by the server; the settings only by the facilitator', async () => {
		const { facilitator, people } = await room(2);
		await people[0]!.ok({ t: 'ready', ready: true });
		await waitFor(() => selectWorkshop(facilitator.doc).ready.includes(people[0]!.participantId));
		expect(await people[1]!.send({ t: 'settings', locked: true })).toMatchObject({
			ok: false,
			error: 'forbidden'
		});
		await facilitator.ok({ t: 'settings', voteBudget: 7, maxVotesPerIdea: 2, anonymous: true });
		await waitFor(() => selectWorkshop(people[1]!.doc).voteBudget === 7);
		expect(await people[1]!.send({ t: 'vote', ideaId: 'x', delta: 1.5 } as never)).toMatchObject({
			ok: false,
			error: 'invalid'
		});
		expect(parseWorkshopMessage('{"id":"1","t":"nope"}')).toMatchObject({ ok: false });
	});
});

describe('ideas', () => {
	it('IDEA-9 silent writing keeps a draft in its author’s private document until the reveal, with its author (or none when anonymous)', async () => {
		const { app, plan, facilitator, people } = await room(2);
		const [ana, bea] = people as [WorkshopClient, WorkshopClient];
		await facilitator.ok({ t: 'phase', phase: 'silentWriting' });
		const { ideaId } = await ana.ok({ t: 'addIdea', title: 'Webinaire clients', detail: 'Un par trimestre' });
		const mine = await privateView(h, app, ana, plan.planId);
		await waitFor(() => mine.doc.getMap('drafts').has(ideaId!));
		expect(selectIdeas(bea.doc)).toEqual([]);
		expect(selectIdeas(facilitator.doc)).toEqual([]);
		// The owner may not write their private document: the update is dropped.
		mine.doc.getMap('votes').set(ideaId!, 5);
		await ana.ok({ t: 'editIdea', ideaId: ideaId!, title: 'Webinaires clients' });
		await facilitator.ok({ t: 'reveal', what: 'ideas' });
		await waitFor(() => selectIdeas(bea.doc).length === 1);
		expect(selectIdeas(bea.doc)[0]).toMatchObject({
			id: ideaId,
			title: 'Webinaires clients',
			authorId: ana.participantId
		});
		await waitFor(() => mine.doc.getMap('drafts').size === 0);
		const fresh = await privateView(h, app, ana, plan.planId);
		expect(fresh.doc.getMap('votes').size).toBe(0);

		// After the reveal ideas go straight to the plan; anonymous ones carry no author.
		await facilitator.ok({ t: 'settings', anonymous: true });
		const { ideaId: anon } = await bea.ok({ t: 'addIdea', title: 'Salon régional' });
		await waitFor(() => selectIdeas(ana.doc).some((i) => i.id === anon));
		expect(selectIdeas(ana.doc).find((i) => i.id === anon)?.authorId).toBe('');
		// A client may not create an idea itself while anonymous (it would carry its author).
		ana.doc.getMap('ideas').set('forged_idea_123', new Y.Map());
		await waitFor(() => ana.closes.includes(WORKSHOP_CLOSE_REASON));
	});

	it('IDEA-10 text typed and not added is kept privately, published at the reveal; the facilitator sees counts, not words', async () => {
		const { app, plan, facilitator, people } = await room(2);
		const [ana, bea] = people as [WorkshopClient, WorkshopClient];
		// Outside silent writing typed text is not kept.
		expect(await ana.send({ t: 'typing', text: 'Trop tôt' })).toMatchObject({
			ok: false,
			error: 'wrong-phase'
		});
		await facilitator.ok({ t: 'phase', phase: 'silentWriting' });
		await ana.ok({ t: 'typing', text: 'Salon' });
		await ana.ok({ t: 'typing', text: '  Salon de Rennes ' });
		const mine = await privateView(h, app, ana, plan.planId);
		await waitFor(() => mine.doc.getMap('typing').get('text') === 'Salon de Rennes');
		// Adding an idea takes the typed text away: it is not published twice.
		await bea.ok({ t: 'typing', text: 'Webinaire' });
		await bea.ok({ t: 'addIdea', title: 'Webinaire' });
		await bea.ok({ t: 'typing', text: 'Parrainage' });
		await bea.ok({ t: 'typing', text: '' });
		expect(await facilitator.ok({ t: 'status' })).toMatchObject({
			ideaCounts: { [bea.participantId]: 1 },
			typing: [ana.participantId]
		});
		expect(selectIdeas(facilitator.doc)).toEqual([]);

		await facilitator.ok({ t: 'reveal', what: 'ideas' });
		await waitFor(() => selectIdeas(facilitator.doc).length === 2);
		expect(
			selectIdeas(facilitator.doc)
				.map((i) => [i.title, i.authorId])
				.sort()
		).toEqual([
			['Salon de Rennes', ana.participantId],
			['Webinaire', bea.participantId]
		]);
		await waitFor(() => mine.doc.getMap('typing').size === 0);
		expect(await facilitator.ok({ t: 'status' })).toMatchObject({
			ideaCounts: { [ana.participantId]: 1, [bea.participantId]: 1 },
			typing: []
		});
		// After the reveal typed text is no longer kept (ideas are added directly).
		expect(await ana.send({ t: 'typing', text: 'Tard' })).toMatchObject({ ok: false, error: 'wrong-phase' });
		const stored1 = await storedDoc(app.store, plan.planId);
		expect(selectIdeas(stored1)).toHaveLength(2);
	});

	it('WS-7 while locked, participants’ commands and board edits are refused; the facilitator still works', async () => {
		const { app, plan, facilitator, people } = await room(1);
		const editor = await workshopClient(h, app, plan, 'editor', 'Ed');
		await facilitator.ok({ t: 'settings', locked: true });
		expect(await people[0]!.send({ t: 'addIdea', title: 'x' })).toMatchObject({ ok: false, error: 'locked' });
		await facilitator.ok({ t: 'addIdea', title: 'Par le facilitateur' });
		await waitFor(() => selectIdeas(editor.doc).length === 1);
		addIdeaGroup(editor.doc, { name: 'Groupe' }, userOrigin(editor.participantId));
		await waitFor(() => editor.closes.includes(WORKSHOP_CLOSE_REASON));
		expect((await storedDoc(app.store, plan.planId)).getMap('ideaGroups').size).toBe(0);
	});

	it('IDEA-8 two editors grouping at once never duplicate or lose an idea', async () => {
		const { app, plan, facilitator } = await room(0);
		const e1 = await workshopClient(h, app, plan, 'editor', 'E1');
		const e2 = await workshopClient(h, app, plan, 'editor', 'E2');
		const ids: string[] = [];
		for (let i = 0; i < 8; i++)
			ids.push((await facilitator.ok({ t: 'addIdea', title: `Idée ${i}` })).ideaId!);
		const g1 = addIdeaGroup(e1.doc, { name: 'Digital' }, userOrigin(e1.participantId));
		const g2 = addIdeaGroup(e2.doc, { name: 'Terrain' }, userOrigin(e2.participantId));
		await waitFor(
			() =>
				e1.doc.getMap('ideaGroups').size === 2 &&
				e2.doc.getMap('ideaGroups').size === 2 &&
				selectIdeas(e2.doc).length === 8
		);
		for (let i = 0; i < 8; i++) {
			moveIdea(e1.doc, { id: ids[i]!, groupId: g1, index: 0 }, userOrigin(e1.participantId));
			moveIdea(
				e2.doc,
				{ id: ids[7 - i]!, groupId: i % 2 ? g2 : null, index: 0 },
				userOrigin(e2.participantId)
			);
		}
		const snapshot = (doc: Y.Doc) => JSON.stringify(selectIdeas(doc).map((i) => [i.id, i.groupId]));
		await waitFor(
			() => snapshot(e1.doc) === snapshot(e2.doc) && snapshot(e1.doc) === snapshot(facilitator.doc)
		);
		expect(
			selectIdeas(facilitator.doc)
				.map((i) => i.id)
				.sort()
		).toEqual([...ids].sort());
		expect(e1.closes).toEqual([]);
	});
});

describe('votes', () => {
	it('VOTE-6 budget and per-idea maximum are enforced by the server under a burst of concurrent votes', async () => {
		const { facilitator, people } = await room(1);
		const ana = people[0]!;
		await facilitator.ok({ t: 'settings', voteBudget: 5, maxVotesPerIdea: 3 });
		const ideas = await ideasThenVoting(facilitator, facilitator, ['A', 'B', 'C']);
		expect(await ana.send({ t: 'vote', ideaId: ideas[0]!, delta: 4 })).toMatchObject({
			ok: false,
			error: 'over-budget'
		});
		const replies = await Promise.all(
			Array.from({ length: 12 }, (_, i) => ana.send({ t: 'vote', ideaId: ideas[i % 3]!, delta: 1 }))
		);
		expect(replies.filter((r) => r.t === 'ack' && r.ok)).toHaveLength(5);
		expect(replies.filter((r) => r.t === 'ack' && !r.ok && r.error === 'over-budget')).toHaveLength(7);
		// Nothing reached the plan before the reveal, but the count of voters.
		await waitFor(() => selectWorkshop(facilitator.doc).votersCount === 1);
		expect(facilitator.doc.getMap('votes').size).toBe(0);
		await facilitator.ok({ t: 'reveal', what: 'votes' });
		await waitFor(() => selectVotes(ana.doc).byParticipant[ana.participantId]?.used === 5);
		expect(selectVotes(ana.doc).byParticipant[ana.participantId]?.remaining).toBe(0);
		expect(await ana.send({ t: 'vote', ideaId: ideas[0]!, delta: -1 })).toMatchObject({
			ok: false,
			error: 'wrong-phase'
		});
	});

	it('VOTE-6 two connections of the same participant voting at once never exceed the budget', async () => {
		const { app, plan, facilitator } = await room(0);
		const first = await workshopClient(h, app, plan, 'commenter', 'Twin');
		const ideas = await ideasThenVoting(facilitator, facilitator, ['A', 'B', 'C', 'D']);
		// Same participant id on a second socket: the server signs a session for the earlier token's id.
		const res = await post<{ token: string; participantId: string }>(app.url, '/api/join', {
			invite: plan.invites.commenter,
			name: 'Twin',
			previousToken: first.token
		});
		const doc2 = new Y.Doc();
		const replies2: string[] = [];
		const second = new HocuspocusProvider({
			url: wsUrl(app.url),
			name: plan.planId,
			token: res.body.token,
			document: doc2,
			onStateless: ({ payload }) => replies2.push(payload)
		});
		h.defer(() => second.destroy());
		await waitFor(() => second.isSynced);
		expect(res.body.participantId).toBe(first.participantId);
		const sends1 = Array.from({ length: 6 }, (_, i) =>
			first.send({ t: 'vote', ideaId: ideas[i % 4]!, delta: 1 })
		);
		for (let i = 0; i < 6; i++)
			second.sendStateless(JSON.stringify({ t: 'vote', id: `s${i}`, ideaId: ideas[(i + 2) % 4], delta: 1 }));
		const r1 = await Promise.all(sends1);
		await waitFor(() => replies2.length === 6);
		const accepted =
			r1.filter((r) => r.t === 'ack' && r.ok).length +
			replies2.filter((p) => JSON.parse(p).ok === true).length;
		expect(accepted).toBe(5);
		await facilitator.ok({ t: 'reveal', what: 'votes' });
		await waitFor(() => selectVotes(facilitator.doc).byParticipant[first.participantId]?.used === 5);
	});

	it('VOTE-7 reset clears every vote; a second round opens only the top N ideas', async () => {
		const { facilitator, people } = await room(2);
		const [ana, bea] = people as [WorkshopClient, WorkshopClient];
		const ideas = await ideasThenVoting(facilitator, facilitator, ['A', 'B', 'C']);
		await ana.ok({ t: 'vote', ideaId: ideas[0]!, delta: 3 });
		await bea.ok({ t: 'vote', ideaId: ideas[1]!, delta: 2 });
		await bea.ok({ t: 'vote', ideaId: ideas[2]!, delta: 1 });
		await facilitator.ok({ t: 'reveal', what: 'votes' });
		await waitFor(() => selectVotes(ana.doc).byIdea[ideas[0]!] === 3);
		await facilitator.ok({ t: 'secondRound', topN: 2 });
		await waitFor(() => selectWorkshop(ana.doc).round === 2 && selectVotes(ana.doc).ranking.length === 0);
		expect(selectWorkshop(ana.doc).roundIdeaIds?.sort()).toEqual([ideas[0]!, ideas[1]!].sort());
		expect(await ana.send({ t: 'vote', ideaId: ideas[2]!, delta: 1 })).toMatchObject({
			ok: false,
			error: 'not-in-round'
		});
		await ana.ok({ t: 'vote', ideaId: ideas[1]!, delta: 3 });
		await waitFor(() => selectWorkshop(facilitator.doc).votersCount === 1);
		await facilitator.ok({ t: 'resetVotes' });
		await waitFor(() => selectWorkshop(facilitator.doc).votersCount === 0);
		await ana.ok({ t: 'vote', ideaId: ideas[1]!, delta: 3 });
		const status = await facilitator.ok({ t: 'status' });
		expect(status.voted).toEqual([ana.participantId]);
	});

	it('VOTE-5 with anonymity on, votes are published under pseudonyms, with the same totals', async () => {
		const { facilitator, people } = await room(2);
		const [ana, bea] = people as [WorkshopClient, WorkshopClient];
		const [a] = await ideasThenVoting(facilitator, facilitator, ['A']);
		await facilitator.ok({ t: 'settings', anonymous: true });
		await ana.ok({ t: 'vote', ideaId: a!, delta: 2 });
		await bea.ok({ t: 'vote', ideaId: a!, delta: 3 });
		await facilitator.ok({ t: 'reveal', what: 'votes' });
		await waitFor(() => selectVotes(ana.doc).byIdea[a!] === 5);
		const keys = [...ana.doc.getMap('votes').keys()].join(' ');
		expect(keys).not.toContain(ana.participantId);
		expect(keys).not.toContain(bea.participantId);
	});

	it('IDEA-7 merging ideas after the reveal keeps their votes on the survivor', async () => {
		const { app, plan, facilitator, people } = await room(2);
		const [ana, bea] = people as [WorkshopClient, WorkshopClient];
		const editor = await workshopClient(h, app, plan, 'editor', 'Ed');
		const [a, b] = await ideasThenVoting(facilitator, facilitator, ['Salon', 'Salon pro']);
		await ana.ok({ t: 'vote', ideaId: a!, delta: 2 });
		await bea.ok({ t: 'vote', ideaId: b!, delta: 3 });
		await facilitator.ok({ t: 'reveal', what: 'votes' });
		await waitFor(() => selectVotes(editor.doc).byIdea[b!] === 3);
		mergeIdea(editor.doc, { id: b!, intoId: a! }, userOrigin(editor.participantId));
		await waitFor(() => selectVotes(ana.doc).byIdea[a!] === 5);
		expect(selectVotes(ana.doc).ranking).toEqual([{ ideaId: a, votes: 5 }]);
	});
});

describe('scores, promotion and join codes', () => {
	it('SCORE-3 scores stay hidden until their reveal; the ranking is by weighted score', async () => {
		const { facilitator, people } = await room(2);
		const [ana, bea] = people as [WorkshopClient, WorkshopClient];
		const [a, b] = await ideasThenVoting(facilitator, facilitator, ['A', 'B']);
		expect(await ana.send({ t: 'score', ideaId: a!, criterion: 'impact', value: 5 })).toMatchObject({
			ok: false,
			error: 'wrong-phase'
		});
		await facilitator.ok({ t: 'phase', phase: 'scoring' });
		await facilitator.ok({
			t: 'settings',
			criteriaWeights: { relevance: 1, impact: 3, skills: 1, time: 1, budget: 1 }
		});
		await ana.ok({ t: 'score', ideaId: a!, criterion: 'impact', value: 5 });
		await bea.ok({ t: 'score', ideaId: b!, criterion: 'impact', value: 2 });
		await waitFor(() => selectWorkshop(facilitator.doc).scorersCount === 2);
		expect(facilitator.doc.getMap('scores').size).toBe(0);
		await facilitator.ok({ t: 'reveal', what: 'scores' });
		await waitFor(() => bea.doc.getMap('scores').size === 2);
	});

	it('PROMO-1 a facilitator or editor promotes ideas to actions in one step; a commenter may not', async () => {
		const { facilitator, people } = await room(1);
		const [a] = await ideasThenVoting(facilitator, people[0]!, ['Webinaire']);
		expect(await people[0]!.send({ t: 'promote', ideaIds: [a!] })).toMatchObject({
			ok: false,
			error: 'forbidden'
		});
		const { actionIds } = await facilitator.ok({ t: 'promote', ideaIds: [a!] });
		await waitFor(() => selectActions(people[0]!.doc).length === 1);
		expect(selectActions(people[0]!.doc)[0]).toMatchObject({
			id: actionIds![0],
			name: 'Webinaire',
			ideaId: a
		});
	});

	it('CODE-1 a facilitator gets a short join code that resolves to the invite; others may not', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url);
		const f = await join(app.url, plan, 'facilitator', 'Fa');
		const e = await join(app.url, plan, 'editor', 'Ed');
		const create = (token: string, body: unknown) =>
			fetch(`${app.url}/api/plans/${plan.planId}/code`, {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
		expect((await create(e.token, {})).status).toBe(403);
		expect((await fetch(`${app.url}/api/plans/${plan.planId}/code`, { method: 'POST' })).status).toBe(401);
		const res = await create(f.token, { role: 'participant' });
		expect(res.status).toBe(201);
		const { code, invite } = (await res.json()) as { code: string; invite: string };
		expect(code).toMatch(/^[A-Z2-9]{8}$/);
		const resolved = await fetch(`${app.url}/api/code/${code.toLowerCase()}`);
		expect(await resolved.json()).toEqual({ invite });
		const joined = await post<{ role: string }>(app.url, '/api/join', { invite, name: 'Par code' });
		expect(joined.body.role).toBe('commenter');
		expect((await fetch(`${app.url}/api/code/ZZZZZZZZ`)).status).toBe(404);
		// Without a role the code is a participant's; an editor's code is asked for by name.
		const byDefault = (await (await create(f.token, {})).json()) as { invite: string };
		expect(
			(await post<{ role: string }>(app.url, '/api/join', { invite: byDefault.invite, name: 'D' })).body.role
		).toBe('commenter');
		const editors = (await (await create(f.token, { role: 'editor' })).json()) as { invite: string };
		expect(
			(await post<{ role: string }>(app.url, '/api/join', { invite: editors.invite, name: 'E' })).body.role
		).toBe('editor');
	});
});
