import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction } from './actions.ts';
import { checkPlanUpdate } from './authority/write-rules.ts';
import { roleMentionId, selectInbox, selectMentionableIds, selectUnread, startThread } from './comments.ts';
import { addListItem } from './lists.ts';
import { serverOrigin, userOrigin } from './origin.ts';
import { recordJoin, selectPeople } from './people.ts';
import { setRuntime } from './runtime.ts';
import { alice, newPlan } from './test-utils.ts';

const SERVER = serverOrigin();

describe('PPL-1 who joined the plan, as the server saw them', () => {
	let clock = 0;
	let restore: () => void = () => {};
	beforeEach(() => {
		clock = Date.UTC(2027, 0, 1);
		restore = setRuntime({ now: () => (clock += 1000) });
	});
	afterEach(() => restore());

	it('PPL-1 records each participant once, follows a new name or role, keeps the first join time', () => {
		const doc = newPlan();
		recordJoin(doc, { participantId: 'p-karim', name: 'Karim', role: 'commenter' }, SERVER);
		const first = selectPeople(doc);
		expect(first).toEqual([
			{ id: 'p-karim', name: 'Karim', role: 'commenter', joinedAt: expect.any(Number) }
		]);
		let writes = 0;
		doc.on('update', () => writes++);
		recordJoin(doc, { participantId: 'p-karim', name: 'Karim', role: 'commenter' }, SERVER);
		expect(writes).toBe(0);
		recordJoin(doc, { participantId: 'p-karim', name: 'Karim B.', role: 'editor' }, SERVER);
		expect(selectPeople(doc)).toEqual([{ ...first[0], name: 'Karim B.', role: 'editor' }]);
	});

	it('PPL-1 only the server records a join; a client update writing it is refused (AUTH-2)', () => {
		const doc = newPlan();
		expect(() =>
			recordJoin(doc, { participantId: 'p-karim', name: 'Karim', role: 'editor' }, userOrigin('p-karim'))
		).toThrow(expect.objectContaining({ code: 'forbidden' }));
		expect(() => recordJoin(doc, { participantId: 'p-karim', name: '  ', role: 'editor' }, SERVER)).toThrow(
			expect.objectContaining({ code: 'invalid_input' })
		);
		expect(selectPeople(doc)).toEqual([]);
		// An editor's own copy writing the roster is not theirs to write.
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		const before = Y.encodeStateVector(copy);
		recordJoin(copy, { participantId: 'p-eve', name: 'Eve', role: 'facilitator' }, SERVER);
		const verdict = checkPlanUpdate(doc, Y.encodeStateAsUpdate(copy, before), {
			role: 'editor',
			participantId: 'p-eve'
		});
		expect(verdict.violation).not.toBeNull();
	});
});

describe('CMT-6 CMT-11 a mention reaches whoever joined, their team-list entry and their role', () => {
	it('CMT-6 a participant who joined but never wrote may be mentioned, and it reaches their inbox', () => {
		const doc = newPlan();
		const action = addAction(doc, { name: 'Salon' }, alice);
		recordJoin(doc, { participantId: 'p-nadia', name: 'Nadia', role: 'editor' }, SERVER);
		expect(selectMentionableIds(doc).has('p-nadia')).toBe(true);
		startThread(
			doc,
			{ targetType: 'action', targetId: action, body: '@Nadia tu valides ?', mentionIds: ['p-nadia'] },
			alice
		);
		const joined = Date.now() + 60_000;
		expect(selectInbox(doc, 'p-nadia', { since: joined })).toEqual([
			expect.objectContaining({ kind: 'mention', unread: true, body: '@Nadia tu valides ?' })
		]);
		expect(selectUnread(doc, 'p-nadia', { since: joined })[0]?.unread).toBe(1);
	});

	it('CMT-11 mentioning the team-list member of a person’s name reaches that person', () => {
		const doc = newPlan();
		const member = addListItem(doc, 'members', { name: 'Nadia Benali' }, alice);
		recordJoin(doc, { participantId: 'p-nadia', name: ' nadia  benali', role: 'commenter' }, SERVER);
		recordJoin(doc, { participantId: 'p-other', name: 'Nadia', role: 'commenter' }, SERVER);
		startThread(
			doc,
			{ targetType: 'plan', targetId: 'plan', body: '@Nadia Benali budget ?', mentionIds: [member] },
			alice
		);
		expect(selectInbox(doc, 'p-nadia')).toHaveLength(1);
		expect(selectInbox(doc, 'p-other')).toEqual([]);
	});

	it('CMT-11 a role mention reaches everyone of that role, not the others; unknown roles are refused', () => {
		const doc = newPlan();
		startThread(
			doc,
			{
				targetType: 'plan',
				targetId: 'plan',
				body: '@animateur on en parle ?',
				mentionIds: [roleMentionId('facilitator')]
			},
			alice
		);
		expect(selectInbox(doc, 'p-fac', { role: 'facilitator' })).toEqual([
			expect.objectContaining({ kind: 'mention' })
		]);
		expect(selectInbox(doc, 'p-ed', { role: 'editor' })).toEqual([]);
		expect(() =>
			startThread(
				doc,
				{ targetType: 'plan', targetId: 'plan', body: 'x', mentionIds: ['role:viewer'] },
				alice
			)
		).toThrow(expect.objectContaining({ code: 'invalid_input' }));
	});
});
