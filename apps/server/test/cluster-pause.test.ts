/**
 * A plan's owning process paused (SIGSTOP), as a stalled machine would be: a command forwarded to it is
 * answered `unavailable` well before the browser's 8 s, the paused owner is taken over, and the same
 * command sent again with the same id counts once, also after the old owner resumes (cluster/router.ts,
 * cluster/membership.ts, workshop/answers.ts).
 */
import { selectVotes } from '@cap/plan-model';
import type { CreatePlanResponse, Role, WorkshopServerMessage } from '@cap/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { clusterEnv, participant, redisAvailable, spawnCap, type Participant } from './cluster-helpers.ts';
import { acknowledged, createPlan, Harness, join, postgresAvailable, waitFor } from './helpers.ts';

const h = new Harness();
const available = (await postgresAvailable()) && (await redisAvailable());
afterEach(() => h.cleanup());

async function token(url: string, plan: CreatePlanResponse, role: Role, name: string): Promise<string> {
	return (await join(url, plan, role, name)).token;
}

/** Sends a vote with the id given (as the web app does for a retry) and resolves with its answer. */
function voteWithId(p: Participant, id: string, ideaId: string): Promise<WorkshopServerMessage> {
	return new Promise((resolve) => {
		const listen = ({ payload }: { payload: string }) => {
			const reply = JSON.parse(payload) as WorkshopServerMessage;
			if (reply.id !== id) return;
			p.provider.off('stateless', listen);
			resolve(reply);
		};
		p.provider.on('stateless', listen);
		p.provider.sendStateless(JSON.stringify({ t: 'vote', id, ideaId, delta: 1 }));
	});
}

describe.runIf(available)('a paused plan owner', () => {
	it('WS-9 a vote retried with its id while the owner is paused counts once, before and after it resumes', async () => {
		const env = clusterEnv(h);
		const owner = await spawnCap(h, env);
		const other = await spawnCap(h, env);
		const plan = await createPlan(owner.url);
		// The facilitator's commands make the first process the plan's owner.
		const facilitator = participant(
			h,
			owner.url,
			plan.planId,
			await token(owner.url, plan, 'facilitator', 'Fa')
		);
		await acknowledged(facilitator.provider, 10_000);
		await facilitator.ok({ t: 'settings', voteBudget: 5, maxVotesPerIdea: 5 });
		await facilitator.ok({ t: 'phase', phase: 'grouping' });
		const idea = (await facilitator.ok({ t: 'addIdea', title: 'Salon de Lyon' })).ideaId!;
		await facilitator.ok({ t: 'phase', phase: 'voting' });
		const karimToken = await token(other.url, plan, 'editor', 'Karim');
		const karim = participant(h, other.url, plan.planId, karimToken);
		await acknowledged(karim.provider, 10_000);

		owner.child.kill('SIGSTOP');
		h.defer(() => owner.child.kill('SIGCONT'));
		const sentAt = performance.now();
		const first = await voteWithId(karim, 'karim-vote-1', idea);
		const answeredIn = performance.now() - sentAt;
		// Not answered "failed" after 30 s while it may still run: "unavailable", well before the app's 8 s.
		expect(first).toMatchObject({ ok: false, error: 'unavailable' });
		expect(answeredIn).toBeLessThan(8_000);

		// Karim's app sends it again, with the same id, until the other process has taken the plan over.
		let reply = first;
		for (let attempt = 0; attempt < 10 && !(reply.t === 'ack' && reply.ok); attempt++) {
			reply = await voteWithId(karim, 'karim-vote-1', idea);
		}
		expect(reply).toMatchObject({ ok: true, votes: 1 });
		// Once more, as after a lost answer: the first answer, nothing counted again.
		expect(await voteWithId(karim, 'karim-vote-1', idea)).toMatchObject({ ok: true, votes: 1 });

		// The old owner resumes with the forwarded vote still waiting in its socket: it no longer owns the
		// plan, and acts on nothing. It serves again once its lock connection is back.
		owner.child.kill('SIGCONT');
		await waitFor(
			async () => (await fetch(`${owner.url}/readyz`)).status === 200,
			15_000,
			'the resumed process ready again'
		);
		expect(await voteWithId(karim, 'karim-vote-2', idea)).toMatchObject({ ok: true, votes: 2 });

		const revealer = participant(
			h,
			other.url,
			plan.planId,
			await token(other.url, plan, 'facilitator', 'Fb')
		);
		await acknowledged(revealer.provider, 10_000);
		await revealer.ok({ t: 'reveal', what: 'votes' });
		await waitFor(() => selectVotes(revealer.doc).byIdea[idea] !== undefined, 10_000, 'the revealed votes');
		expect(selectVotes(revealer.doc).byIdea[idea]).toBe(2);
	}, 90_000);
});
