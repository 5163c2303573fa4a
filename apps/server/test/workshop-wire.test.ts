/**
 * Secrecy at the wire (WS-5, WS-6): every frame a participant's websocket receives is recorded byte for
 * byte while another participant writes an idea during silent writing and votes during hidden voting.
 * Neither the idea's text, the text typed and not added yet, nor the vote or score entries appear before
 * their reveal; they do after it, which proves the recording would catch them. Before a reveal, the only
 * change of the plan anyone sees is the count of voters (or scorers): no per-idea total.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PLAN_ROOT_KEYS, selectIdeas, selectVotes, selectWorkshop } from '@cap/plan-model';
import type * as Y from 'yjs';
import { createPlan, Harness, waitFor } from './helpers.ts';
import {
	bytesOf,
	startOn,
	WORKSHOP_STORES,
	workshopClient,
	type WorkshopClient
} from './workshop-helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

/** Every value of the plan document as plain JSON, root by root (every root is a map). */
function snapshot(doc: Y.Doc): Record<string, unknown> {
	return Object.fromEntries(PLAN_ROOT_KEYS.map((key) => [key, doc.getMap(key).toJSON()]));
}

/** Paths (`root.key…`) whose value differs between two snapshots. */
function changedPaths(before: unknown, after: unknown, path = ''): string[] {
	if (JSON.stringify(before) === JSON.stringify(after)) return [];
	const isObj = (v: unknown): v is Record<string, unknown> =>
		typeof v === 'object' && v !== null && !Array.isArray(v);
	if (!isObj(before) || !isObj(after)) return [path];
	const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
	return [...keys].flatMap((key) => changedPaths(before[key], after[key], path ? `${path}.${key}` : key));
}

/** A round trip on the recorded socket: every frame caused by earlier commands has arrived by then. */
async function flush(client: WorkshopClient) {
	await client.send({ t: 'time', clientSentAt: Date.now() });
}

describe.each(WORKSHOP_STORES)('secrecy at the wire (%s store)', (store) => {
	it('WS-5 WS-6 another participant’s draft text and hidden votes never reach a browser before the reveal', async () => {
		const app = await startOn(h, store);
		const plan = await createPlan(app.url, 'Atelier secret');
		const facilitator = await workshopClient(h, app, plan, 'facilitator', 'Fa');
		const ana = await workshopClient(h, app, plan, 'commenter', 'Ana');
		const bea = await workshopClient(h, app, plan, 'commenter', 'Bea', { record: true });
		const marker = `MARQUEUR-${Math.random().toString(36).slice(2, 10)}`;
		const detail = `DETAIL-${Math.random().toString(36).slice(2, 10)}`;

		await facilitator.ok({ t: 'phase', phase: 'silentWriting' });
		const { ideaId } = await ana.ok({ t: 'addIdea', title: `${marker} webinaire`, detail });
		await ana.ok({ t: 'editIdea', ideaId: ideaId!, title: `${marker} webinaires` });
		const { ideaId: other } = await ana.ok({ t: 'addIdea', title: 'Deuxième idée' });
		await bea.ok({ t: 'addIdea', title: 'Idée de Bea' });
		// Text Ana typed and has not added (IDEA-10): kept privately too, published at the reveal.
		const typed = `TAPE-${Math.random().toString(36).slice(2, 10)}`;
		await ana.ok({ t: 'typing', text: `${typed} salon` });
		const status = await facilitator.ok({ t: 'status' });
		expect(status.ideaCounts).toEqual({ [ana.participantId]: 2, [bea.participantId]: 1 });
		expect(status.typing).toEqual([ana.participantId]);
		await flush(bea);
		let bytes = bytesOf(bea.frames);
		expect(bea.frames.length).toBeGreaterThan(0);
		expect(bytes.includes(marker)).toBe(false);
		expect(bytes.includes(detail)).toBe(false);
		expect(bytes.includes(ideaId!)).toBe(false);
		expect(bytes.includes('Deuxième')).toBe(false);
		expect(bytes.includes(typed)).toBe(false);

		await facilitator.ok({ t: 'reveal', what: 'ideas' });
		await waitFor(() => selectIdeas(bea.doc).length === 4);
		await flush(bea);
		expect(bytesOf(bea.frames).includes(marker)).toBe(true);
		expect(bytesOf(bea.frames).includes(typed)).toBe(true);

		await facilitator.ok({ t: 'phase', phase: 'voting' });
		await flush(bea);
		const beforeVotes = snapshot(bea.doc);
		const from = bea.frames.length;
		await ana.ok({ t: 'vote', ideaId: ideaId!, delta: 2 });
		await ana.ok({ t: 'vote', ideaId: other!, delta: 3 });
		await bea.ok({ t: 'vote', ideaId: ideaId!, delta: 1 });
		await waitFor(() => selectWorkshop(bea.doc).votersCount === 2);
		await flush(bea);
		bytes = bytesOf(bea.frames.slice(from));
		const anaEntry = `${ana.participantId}:${ideaId}`;
		expect(bytes.includes(anaEntry)).toBe(false);
		expect(bytes.includes(`${ana.participantId}:${other}`)).toBe(false);
		expect(bytesOf(bea.frames).includes(`${bea.participantId}:`)).toBe(false);
		expect(bea.doc.getMap('votes').size).toBe(0);
		// The only change the plan shows anyone before the reveal is how many have voted: no per-idea total.
		expect(changedPaths(beforeVotes, snapshot(bea.doc))).toEqual(['workshop.votersCount']);

		await facilitator.ok({ t: 'reveal', what: 'votes' });
		await waitFor(() => selectVotes(bea.doc).byIdea[ideaId!] === 3);
		await flush(bea);
		expect(bytesOf(bea.frames).includes(anaEntry)).toBe(true);

		// Scores: the same, with the count of scorers.
		await facilitator.ok({ t: 'phase', phase: 'scoring' });
		await flush(bea);
		const beforeScores = snapshot(bea.doc);
		const scoresFrom = bea.frames.length;
		await ana.ok({ t: 'score', ideaId: ideaId!, criterion: 'impact', value: 5 });
		await ana.ok({ t: 'score', ideaId: other!, criterion: 'budget', value: 1 });
		await bea.ok({ t: 'score', ideaId: ideaId!, criterion: 'impact', value: 2 });
		await waitFor(() => selectWorkshop(bea.doc).scorersCount === 2);
		await flush(bea);
		const scoreEntry = `${ana.participantId}:${ideaId}:impact`;
		expect(bytesOf(bea.frames.slice(scoresFrom)).includes(scoreEntry)).toBe(false);
		expect(bea.doc.getMap('scores').size).toBe(0);
		expect(changedPaths(beforeScores, snapshot(bea.doc))).toEqual(['workshop.scorersCount']);
		await facilitator.ok({ t: 'reveal', what: 'scores' });
		await waitFor(() => bea.doc.getMap('scores').size === 3);
		await flush(bea);
		expect(bytesOf(bea.frames).includes(scoreEntry)).toBe(true);
	});
});
