/**
 * Plans of a given size for the benchmarks: `records` ideas (a tenth of them with a comment thread),
 * a fifth as many actions, and two published votes per idea (10,000 records is the big plan:
 * 10,000 ideas, 2,000 actions, 20,000 votes). 0 records is a new, empty plan.
 *
 * One idea and one action are made by the plan model's commands; the others copy their layout with
 * their own ids and order keys, because adding thousands one command at a time takes minutes.
 */
import { addAction, addIdea, initPlan, serverOrigin, startThread, userOrigin } from '@cap/plan-model';
import { generateNKeysBetween } from 'fractional-indexing';
import * as Y from 'yjs';

/** A new record with the template's fields: plain values copied, nested types created empty. */
function copyOf(template: Y.Map<unknown>, fields: Record<string, unknown>): Y.Map<unknown> {
	const record = new Y.Map<unknown>();
	for (const [key, value] of template) {
		if (key in fields) continue;
		if (value instanceof Y.Map) record.set(key, new Y.Map());
		else if (value instanceof Y.XmlFragment) record.set(key, new Y.XmlFragment());
		else if (value instanceof Y.Array) record.set(key, new Y.Array());
		else record.set(key, value);
	}
	for (const [key, value] of Object.entries(fields)) record.set(key, value);
	return record;
}

export function seededPlan(records: number): Y.Doc {
	const doc = new Y.Doc();
	const server = serverOrigin();
	initPlan(doc, { title: 'Bench plan', year: 2027 }, server);
	// One open thread on the plan, which the benchmark's commenter answers.
	startThread(
		doc,
		{ targetType: 'plan', targetId: 'plan', body: 'Le budget est-il validé ?' },
		userOrigin('p0')
	);
	if (records === 0) return doc;
	const people = Array.from({ length: 20 }, (_, i) => `p${i}`);
	const ideas = doc.getMap<Y.Map<unknown>>('ideas');
	const actions = doc.getMap<Y.Map<unknown>>('actions');
	const votes = doc.getMap<number>('votes');
	const idea = ideas.get(addIdea(doc, { title: 'Idée 0', participantId: 'p0' }, server))!;
	const action = actions.get(
		addAction(doc, { name: 'Action 0', start: '2027-03-01', end: '2027-03-10', personDays: 2 }, server)
	)!;
	const ideaKeys = generateNKeysBetween(idea.get('order') as string, null, records);
	const actionKeys = generateNKeysBetween(action.get('order') as string, null, Math.floor(records / 5));
	doc.transact(() => {
		for (let i = 1; i < records; i++) {
			const id = `idea${String(i).padStart(12, '0')}`;
			ideas.set(
				id,
				copyOf(idea, { title: `Idée ${i} : salon régional`, authorId: people[i % 20], order: ideaKeys[i] })
			);
			// Published votes, as the server writes them at the reveal (`participant:idea` → count).
			votes.set(`${people[(i + 1) % 20]}:${id}`, 1);
			votes.set(`${people[(i + 2) % 20]}:${id}`, 1);
		}
		for (let i = 1; i < records / 5; i++) {
			const id = `action${String(i).padStart(10, '0')}`;
			actions.set(id, copyOf(action, { name: `Action ${i}`, order: actionKeys[i] }));
		}
	}, server);
	for (let i = 0; i < records; i += 10) {
		const id = i === 0 ? [...ideas.keys()][0]! : `idea${String(i).padStart(12, '0')}`;
		startThread(doc, { targetType: 'idea', targetId: id, body: 'À chiffrer' }, userOrigin(people[i % 20]!));
	}
	return doc;
}

/** The plan's thread the benchmark's commenter answers. */
export function planThreadId(doc: Y.Doc): string {
	for (const [id, thread] of doc.getMap<Y.Map<unknown>>('commentThreads')) {
		if (thread.get('targetType') === 'plan') return id;
	}
	throw new Error('the seeded plan has no plan thread');
}
