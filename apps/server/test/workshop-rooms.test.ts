/**
 * Real server: the workshop opens only the private documents a command needs, and a failure is never
 * remembered (the next command tries again).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { selectWorkshop } from '@cap/plan-model';
import { createPlan, Harness, waitFor } from './helpers.ts';
import { workshopClient } from './workshop-helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

describe('workshop rooms', () => {
	it('WS-6 VOTE-6 after a restart a vote opens only the voter’s document, and the voters’ count stays exact', async () => {
		const config = h.config();
		const first = await h.start(config);
		const plan = await createPlan(first.url, 'Atelier');
		const facilitator = await workshopClient(h, first, plan, 'facilitator', 'Fa');
		const people = [];
		for (const name of ['A', 'B', 'C']) people.push(await workshopClient(h, first, plan, 'commenter', name));
		await facilitator.ok({ t: 'phase', phase: 'voting' });
		const idea = (await facilitator.ok({ t: 'addIdea', title: 'Salon' })).ideaId!;
		for (const p of people) await p.ok({ t: 'vote', ideaId: idea, delta: 1 });
		await waitFor(() => selectWorkshop(facilitator.doc).votersCount === 3);
		for (const p of [facilitator, ...people]) p.provider.destroy();
		await first.close();

		const second = await h.start(config);
		const loaded: string[] = [];
		const load = second.store.loadDocument.bind(second.store);
		second.store.loadDocument = (name) => {
			loaded.push(name);
			return load(name);
		};
		const watcher = await workshopClient(h, second, plan, 'facilitator', 'Fa2');
		const late = await workshopClient(h, second, plan, 'commenter', 'D');
		await late.ok({ t: 'vote', ideaId: idea, delta: 2 });
		await waitFor(() => selectWorkshop(watcher.doc).votersCount === 4);
		expect(loaded.filter((name) => name.includes('.private.'))).toEqual([
			`${plan.planId}.private.${late.participantId}`
		]);
		await late.ok({ t: 'vote', ideaId: idea, delta: -2 });
		await waitFor(() => selectWorkshop(watcher.doc).votersCount === 3);

		// Who voted reads every document: the three voters from before the restart.
		const status = await watcher.ok({ t: 'status' });
		expect(status.voted).toEqual(people.map((p) => p.participantId).sort());
	});

	it("the facilitator's status poll reads the participants' documents once, then counters the commands keep", async () => {
		const config = h.config();
		const first = await h.start(config);
		const plan = await createPlan(first.url, 'Atelier');
		const facilitator = await workshopClient(h, first, plan, 'facilitator', 'Fa');
		const people = [];
		for (const name of ['A', 'B', 'C']) people.push(await workshopClient(h, first, plan, 'commenter', name));
		await facilitator.ok({ t: 'phase', phase: 'voting' });
		const idea = (await facilitator.ok({ t: 'addIdea', title: 'Salon' })).ideaId!;
		for (const p of people) await p.ok({ t: 'vote', ideaId: idea, delta: 1 });
		for (const p of [facilitator, ...people]) p.provider.destroy();
		await first.close();

		// After a restart, the participants' documents are in the store only.
		const second = await h.start(config);
		const loaded: string[] = [];
		const load = second.store.loadDocument.bind(second.store);
		second.store.loadDocument = (name) => {
			loaded.push(name);
			return load(name);
		};
		const watcher = await workshopClient(h, second, plan, 'facilitator', 'Fa2');
		const ids = people.map((p) => p.participantId).sort();
		expect((await watcher.ok({ t: 'status' })).voted).toEqual(ids);
		const privateLoads = () => loaded.filter((name) => name.includes('.private.')).length;
		expect(privateLoads()).toBe(3);
		// The console asks every 3 seconds: nothing more is opened, and a new vote shows at once.
		const late = await workshopClient(h, second, plan, 'commenter', 'D');
		await late.ok({ t: 'vote', ideaId: idea, delta: 1 });
		for (let poll = 0; poll < 3; poll++) {
			expect((await watcher.ok({ t: 'status' })).voted).toEqual([...ids, late.participantId].sort());
		}
		await late.ok({ t: 'vote', ideaId: idea, delta: -1 });
		expect((await watcher.ok({ t: 'status' })).voted).toEqual(ids);
		expect(privateLoads()).toBe(4);
	});

	it('WS-9 a command sent again with its id is answered with its first answer and counted once (one process)', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url, 'Atelier');
		const facilitator = await workshopClient(h, app, plan, 'facilitator', 'Fa');
		const voter = await workshopClient(h, app, plan, 'commenter', 'Karim');
		await facilitator.ok({ t: 'phase', phase: 'voting' });
		const idea = (await facilitator.ok({ t: 'addIdea', title: 'Salon' })).ideaId!;
		const answers: unknown[] = [];
		voter.provider.on('stateless', ({ payload }: { payload: string }) => {
			const reply = JSON.parse(payload) as { id: string };
			if (reply.id === 'karim-1') answers.push(reply);
		});
		// Twice at once (a retry while the first runs), then once more after its answer.
		const vote = JSON.stringify({ t: 'vote', id: 'karim-1', ideaId: idea, delta: 1 });
		voter.provider.sendStateless(vote);
		voter.provider.sendStateless(vote);
		await waitFor(() => answers.length === 2);
		voter.provider.sendStateless(vote);
		await waitFor(() => answers.length === 3);
		for (const answer of answers) expect(answer).toMatchObject({ ok: true, votes: 1 });
		// Another id is another vote.
		expect((await voter.ok({ t: 'vote', ideaId: idea, delta: 1 })).votes).toBe(2);
	});

	it('a failed listing of the private documents is not remembered: the next command works', async () => {
		const app = await h.start();
		const plan = await createPlan(app.url, 'Atelier');
		const facilitator = await workshopClient(h, app, plan, 'facilitator', 'Fa');
		const voter = await workshopClient(h, app, plan, 'commenter', 'A');
		await facilitator.ok({ t: 'phase', phase: 'voting' });
		const idea = (await facilitator.ok({ t: 'addIdea', title: 'Salon' })).ideaId!;
		const list = app.store.listDocuments.bind(app.store);
		let fail = true;
		app.store.listDocuments = async (prefix) => {
			if (fail) {
				fail = false;
				throw new Error('database unreachable');
			}
			return list(prefix);
		};
		expect(await facilitator.send({ t: 'status' })).toMatchObject({ ok: false });
		await voter.ok({ t: 'vote', ideaId: idea, delta: 1 });
		expect((await facilitator.ok({ t: 'status' })).voted).toEqual([voter.participantId]);
		await facilitator.ok({ t: 'reveal', what: 'votes' });
		await waitFor(() => selectWorkshop(voter.doc).votesRevealed);
	});
});
