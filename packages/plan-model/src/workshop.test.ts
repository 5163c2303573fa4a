import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addIdea,
	addIdeaGroup,
	mergeIdea,
	moveIdea,
	removeIdea,
	removeIdeaGroup,
	selectIdeaGroups,
	selectIdeas,
	updateIdea
} from './ideas.ts';
import { addListItem } from './lists.ts';
import { serverOrigin, userOrigin, migrationOrigin } from './origin.ts';
import { rootMap } from './schema.ts';
import { alice, bob, expectRefused, newPlan, pair } from './test-utils.ts';
import { selectScores, selectVotes, setScore, setVote } from './votes.ts';
import { selectWorkshop, updateWorkshop } from './workshop.ts';

describe('workshop state', () => {
	it('WS-1 defaults, updates, and a malformed field falling back alone', () => {
		const doc = newPlan();
		expect(selectWorkshop(doc)).toMatchObject({
			phase: 'setup',
			voteBudget: 5,
			maxVotesPerIdea: 3,
			locked: false,
			timerEndsAt: null
		});
		updateWorkshop(doc, { phase: 'voting', timerEndsAt: 1_900_000_000_000, voteBudget: 8 }, serverOrigin());
		expect(selectWorkshop(doc)).toMatchObject({
			phase: 'voting',
			timerEndsAt: 1_900_000_000_000,
			voteBudget: 8
		});
		expectRefused(
			doc,
			() => updateWorkshop(doc, { voteBudget: -1 }, serverOrigin()),
			'invalid_input',
			'voteBudget'
		);
		expectRefused(
			doc,
			() => updateWorkshop(doc, { phase: 'party' as 'setup' }, serverOrigin()),
			'invalid_input',
			'phase'
		);
		doc.transact(() => rootMap(doc, 'workshop').set('voteBudget', 'lots'));
		expect(selectWorkshop(doc)).toMatchObject({ phase: 'voting', voteBudget: 5 });
	});
});

describe('ideas', () => {
	it('IDEA-1 the author is the origin participant; the server may name one; others may not', () => {
		const doc = newPlan();
		const id = addIdea(doc, { title: 'Webinaire clients' }, bob);
		expect(selectIdeas(doc)[0]).toMatchObject({ id, authorId: 'bob', groupId: null, mergedInto: null });
		addIdea(doc, { title: 'Parrainage', participantId: 'carol' }, serverOrigin());
		expect(selectIdeas(doc)[1]?.authorId).toBe('carol');
		expectRefused(
			doc,
			() => addIdea(doc, { title: 'X', participantId: 'carol' }, bob),
			'forbidden',
			'participantId'
		);
		expectRefused(doc, () => addIdea(doc, { title: 'X' }, migrationOrigin()), 'forbidden');
		expectRefused(doc, () => addIdea(doc, { title: '' }, bob), 'invalid_input', 'title');
	});

	it('IDEA-1 REF-2 tags are validated against the plan lists', () => {
		const doc = newPlan();
		const ch = addListItem(doc, 'channels', { name: 'LinkedIn' }, alice);
		expectRefused(
			doc,
			() =>
				addIdea(
					doc,
					{ title: 'Posts', tags: { channelIds: ['ghost'], levers: [], targetIds: [], objectiveIds: [] } },
					bob
				),
			'not_found',
			'tags.channelIds'
		);
		const id = addIdea(
			doc,
			{ title: 'Posts', tags: { channelIds: [ch], levers: ['Notoriété'], targetIds: [], objectiveIds: [] } },
			bob
		);
		updateIdea(doc, { id, detail: 'Deux par semaine' }, bob);
		expect(selectIdeas(doc)[0]).toMatchObject({
			detail: 'Deux par semaine',
			tags: { channelIds: [ch], levers: ['Notoriété'] }
		});
	});

	it('IDEA-2 a removed idea is a tombstone and its votes and scores stop counting', () => {
		const doc = newPlan();
		const id = addIdea(doc, { title: 'Goodies' }, bob);
		setVote(doc, { ideaId: id, count: 2 }, bob);
		setScore(doc, { ideaId: id, criterion: 'impact', value: 4 }, bob);
		removeIdea(doc, { id }, alice);
		expect(selectIdeas(doc)).toEqual([]);
		expect(selectVotes(doc).byIdea).toEqual({});
		expect(selectVotes(doc).byParticipant).toEqual({});
		expect(selectScores(doc)).toEqual([]);
	});

	it('IDEA-3 a merged idea points at its target and takes no new votes', () => {
		const doc = newPlan();
		const a = addIdea(doc, { title: 'Salon régional' }, bob);
		const b = addIdea(doc, { title: 'Salon local' }, alice);
		mergeIdea(doc, { id: b, intoId: a }, alice);
		expect(selectIdeas(doc).find((i) => i.id === b)?.mergedInto).toBe(a);
		expectRefused(doc, () => setVote(doc, { ideaId: b, count: 1 }, bob), 'invalid_input', 'ideaId');
		expectRefused(doc, () => mergeIdea(doc, { id: a, intoId: b }, alice), 'invalid_input', 'intoId');
		expectRefused(doc, () => mergeIdea(doc, { id: a, intoId: a }, alice), 'invalid_input', 'intoId');
		mergeIdea(doc, { id: b, intoId: null }, alice);
		setVote(doc, { ideaId: b, count: 1 }, bob);
		expect(selectVotes(doc).byIdea[b]).toBe(1);
	});

	it('IDEA-4 ideas move between groups by fractional key; removing a group ungroups its ideas', () => {
		const doc = newPlan();
		const g = addIdeaGroup(doc, { name: 'Digital', color: '#3366ff' }, alice);
		const i1 = addIdea(doc, { title: 'SEO' }, bob);
		const i2 = addIdea(doc, { title: 'SEA' }, bob);
		moveIdea(doc, { id: i2, groupId: g }, alice);
		moveIdea(doc, { id: i1, groupId: g, index: 0 }, alice);
		const grouped = selectIdeas(doc).filter((i) => i.groupId === g);
		expect(grouped.map((i) => i.title)).toEqual(['SEO', 'SEA']);
		expect(selectIdeaGroups(doc)).toEqual([expect.objectContaining({ name: 'Digital', color: '#3366ff' })]);
		removeIdeaGroup(doc, { id: g }, alice);
		expect(selectIdeas(doc).map((i) => i.groupId)).toEqual([null, null]);
		expectRefused(doc, () => moveIdea(doc, { id: i1, groupId: g }, alice), 'not_found', 'groupId');
	});
});

describe('votes', () => {
	it('VOTE-1 CONV-1 concurrent votes of different participants on one idea all count', () => {
		const { a, b, sync } = pair();
		const idea = addIdea(a, { title: 'Webinaire' }, alice);
		sync();
		setVote(a, { ideaId: idea, count: 2 }, alice);
		setVote(b, { ideaId: idea, count: 3 }, bob);
		sync();
		expect(selectVotes(a).byIdea[idea]).toBe(5);
		expect(selectVotes(b)).toEqual(selectVotes(a));
		expect(rootMap(a, 'votes').toJSON()).toEqual({ [`alice:${idea}`]: 2, [`bob:${idea}`]: 3 });
	});

	it('VOTE-2 votes beyond the budget or the per-idea maximum, or for someone else, are refused', () => {
		const doc = newPlan();
		const ideas = ['A', 'B', 'C'].map((title) => addIdea(doc, { title }, alice));
		const [a, b, c] = ideas as [string, string, string];
		expectRefused(doc, () => setVote(doc, { ideaId: a, count: 4 }, bob), 'over_budget', 'count');
		setVote(doc, { ideaId: a, count: 3 }, bob);
		setVote(doc, { ideaId: b, count: 2 }, bob);
		expectRefused(doc, () => setVote(doc, { ideaId: c, count: 1 }, bob), 'over_budget', 'count');
		setVote(doc, { ideaId: a, count: 2 }, bob);
		setVote(doc, { ideaId: c, count: 1 }, bob);
		expect(selectVotes(doc).byParticipant.bob).toEqual({
			used: 5,
			remaining: 0,
			perIdea: { [a]: 2, [b]: 2, [c]: 1 }
		});
		expectRefused(
			doc,
			() => setVote(doc, { ideaId: a, count: 1, participantId: 'alice' }, bob),
			'forbidden',
			'participantId'
		);
		expectRefused(doc, () => setVote(doc, { ideaId: a, count: -1 }, bob), 'invalid_input', 'count');
		expectRefused(doc, () => setVote(doc, { ideaId: 'ghost', count: 1 }, bob), 'not_found', 'ideaId');
		setVote(doc, { ideaId: b, count: 0 }, bob);
		expect(selectVotes(doc).byParticipant.bob?.remaining).toBe(2);
		expect(rootMap(doc, 'votes').has(`bob:${b}`)).toBe(false);
	});

	it('VOTE-3 one participant overspending from two devices is capped identically everywhere', () => {
		const { a, b, sync } = pair();
		const ideas = ['A', 'B', 'C'].map((title) => addIdea(a, { title }, alice));
		sync();
		const [i1, i2, i3] = ideas as [string, string, string];
		setVote(a, { ideaId: i1, count: 3 }, bob);
		setVote(b, { ideaId: i2, count: 3 }, bob);
		setVote(b, { ideaId: i3, count: 1 }, bob);
		sync();
		const votes = selectVotes(a);
		expect(selectVotes(b)).toEqual(votes);
		expect(votes.byParticipant.bob?.used).toBe(5);
		const expected: Record<string, number> = {};
		let left = 5;
		for (const [id, n] of [
			[i1, 3],
			[i2, 3],
			[i3, 1]
		].sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1)) as [string, number][]) {
			const kept = Math.min(n, left);
			if (kept > 0) expected[id] = kept;
			left -= kept;
		}
		expect(votes.byParticipant.bob?.perIdea).toEqual(expected);
		// A raw entry above the per-idea maximum (e.g. written by an old client) is capped too.
		a.transact(() => rootMap(a, 'votes').set(`dan:${i1}`, 9));
		expect(selectVotes(a).byParticipant.dan?.perIdea).toEqual({ [i1]: 3 });
	});

	it('VOTE-4 a locked workshop refuses participant votes but the server can still publish them', () => {
		const doc = newPlan();
		const idea = addIdea(doc, { title: 'A' }, alice);
		updateWorkshop(doc, { locked: true }, serverOrigin());
		expectRefused(doc, () => setVote(doc, { ideaId: idea, count: 1 }, bob), 'forbidden');
		setVote(doc, { ideaId: idea, count: 2, participantId: 'bob' }, serverOrigin());
		expect(selectVotes(doc).byParticipant.bob?.used).toBe(2);
		expect(selectVotes(doc).ranking).toEqual([{ ideaId: idea, votes: 2 }]);
	});
});

describe('criteria scores', () => {
	it('SCORE-1 scores are per participant, idea and criterion, integers from 0 to 5', () => {
		const doc = newPlan();
		const idea = addIdea(doc, { title: 'A' }, alice);
		expectRefused(
			doc,
			() => setScore(doc, { ideaId: idea, criterion: 'impact', value: 6 }, bob),
			'invalid_input',
			'value'
		);
		expectRefused(
			doc,
			() => setScore(doc, { ideaId: idea, criterion: 'fun' as 'impact', value: 3 }, bob),
			'invalid_input',
			'criterion'
		);
		setScore(doc, { ideaId: idea, criterion: 'impact', value: 4 }, bob);
		setScore(doc, { ideaId: idea, criterion: 'impact', value: 2 }, alice);
		setScore(doc, { ideaId: idea, criterion: 'impact', value: 5 }, bob);
		expect(selectScores(doc)[0]).toMatchObject({
			ideaId: idea,
			raters: 2,
			averages: { impact: 3.5, budget: null }
		});
		setScore(doc, { ideaId: idea, criterion: 'impact', value: null }, alice);
		expect(selectScores(doc)[0]).toMatchObject({ raters: 1, averages: { impact: 5 } });
	});

	it('SCORE-2 the weighted score uses the workshop weights and ranks ideas', () => {
		const doc = newPlan();
		const a = addIdea(doc, { title: 'A' }, alice);
		const b = addIdea(doc, { title: 'B' }, alice);
		const carol = userOrigin('carol');
		setScore(doc, { ideaId: a, criterion: 'impact', value: 5 }, carol);
		setScore(doc, { ideaId: a, criterion: 'budget', value: 1 }, carol);
		setScore(doc, { ideaId: b, criterion: 'impact', value: 2 }, carol);
		setScore(doc, { ideaId: b, criterion: 'budget', value: 5 }, carol);
		expect(selectScores(doc).map((s) => [s.ideaId, s.weighted])).toEqual(
			[
				[a, 3],
				[b, 3.5]
			].sort((x, y) => (y[1] as number) - (x[1] as number))
		);
		updateWorkshop(
			doc,
			{ criteriaWeights: { relevance: 1, impact: 3, skills: 1, time: 1, budget: 1 } },
			serverOrigin()
		);
		expect(selectScores(doc).map((s) => [s.ideaId, s.weighted])).toEqual([
			[a, 4],
			[b, 2.75]
		]);
	});
});

describe('document shape', () => {
	it('VOTE-1 votes live in a flat map of per-participant keys, never in a counter', () => {
		const doc = newPlan();
		const idea = addIdea(doc, { title: 'A' }, alice);
		setVote(doc, { ideaId: idea, count: 1 }, bob);
		const votes = rootMap(doc, 'votes');
		expect(votes).toBeInstanceOf(Y.Map);
		expect([...votes.keys()]).toEqual([`bob:${idea}`]);
	});
});
