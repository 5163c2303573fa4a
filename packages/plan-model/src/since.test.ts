import { describe, expect, it } from 'vitest';
import { addAction, updateAction } from './actions.ts';
import { replyToThread, startThread } from './comments.ts';
import { changesSince, selectVisitSnapshot } from './since.ts';
import { alice, bob, newPlan } from './test-utils.ts';

describe('SINCE-1 what changed since the last visit', () => {
	it('lists new and re-planned actions, status changes and others’ new comments, not one’s own', () => {
		const doc = newPlan();
		const salon = addAction(doc, { name: 'Salon' }, alice);
		const thread = startThread(doc, { targetType: 'action', targetId: salon, body: 'Budget ?' }, alice);
		const seen = JSON.parse(JSON.stringify(selectVisitSnapshot(doc, 1)));
		expect(changesSince(doc, seen, 'bob')).toEqual([]);

		updateAction(doc, { id: salon, status: 'in_progress', start: '2027-03-01', end: '2027-03-03' }, alice);
		const webinar = addAction(doc, { name: 'Webinaire' }, alice);
		replyToThread(doc, { threadId: thread.threadId, body: 'Merci' }, bob);
		replyToThread(doc, { threadId: thread.threadId, body: 'Validé', mentionIds: ['bob'] }, alice);
		expect(changesSince(doc, seen, 'bob')).toEqual([
			{ kind: 'actionReplanned', actionId: salon, name: 'Salon' },
			{ kind: 'actionStatus', actionId: salon, name: 'Salon', status: 'in_progress' },
			{ kind: 'actionAdded', actionId: webinar, name: 'Webinaire' },
			expect.objectContaining({ kind: 'comment', body: 'Validé', mentionsMe: true })
		]);
	});
});
