import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, removeAction, selectActions, updateAction } from './actions.ts';
import { addListItem, selectList } from './lists.ts';
import { addBusinessObjective, selectBusinessObjectives } from './objectives.ts';
import { initPlan } from './plan.ts';
import { addPeriod, selectPeriods } from './periods.ts';
import { selectReviewItems } from './review.ts';
import { startNextYear } from './next-year.ts';
import { selectSettings } from './settings.ts';
import { alice } from './test-utils.ts';

function source() {
	const doc = new Y.Doc();
	initPlan(doc, { title: 'PAC 2027', year: 2027, locale: 'en', company: 'Ker', currency: 'CHF' }, alice);
	addListItem(doc, 'members', { name: 'Julie', email: 'julie@ker.fr', capacityPerPeriod: 6 }, alice);
	const email = addListItem(doc, 'channels', { name: 'Email' }, alice);
	addListItem(doc, 'workstreams', { name: 'Digital' }, alice);
	addPeriod(doc, { name: 'Feb', start: '2027-02-01', end: '2027-02-28' }, alice);
	addBusinessObjective(doc, { name: 'Grow' }, alice);
	const a = addAction(doc, { name: 'Newsletter', channelId: email, plannedCost: 900 }, alice);
	const dropped = addAction(doc, { name: 'Radio spot' }, alice);
	updateAction(doc, { id: dropped, status: 'dropped' }, alice);
	const gone = addAction(doc, { name: 'Deleted' }, alice);
	removeAction(doc, { id: gone }, alice);
	return { doc, a };
}

describe("next year's plan", () => {
	it('NEXT-1: settings, team and lists are copied, objectives and actions are not', () => {
		const { doc } = source();
		const next = new Y.Doc();
		initPlan(next, { title: 'PAC 2028', year: 2028, locale: 'fr' }, alice);
		startNextYear(doc, next, alice);
		expect(selectSettings(next)).toMatchObject({
			title: 'PAC 2028',
			year: 2028,
			company: 'Ker',
			currency: 'CHF',
			locale: 'en'
		});
		expect(selectList(next, 'members')).toEqual([
			expect.objectContaining({ name: 'Julie', email: 'julie@ker.fr', capacityPerPeriod: 6 })
		]);
		expect(selectList(next, 'workstreams').map((w) => w.name)).toEqual(['Digital']);
		expect(selectBusinessObjectives(next)).toEqual([]);
		expect(selectActions(next)).toEqual([]);
	});

	it('NEXT-2: periods move to the new year', () => {
		const { doc } = source();
		const next = new Y.Doc();
		initPlan(next, { title: 'PAC 2028', year: 2028, locale: 'fr' }, alice);
		startNextYear(doc, next, alice);
		expect(selectPeriods(next).map((p) => [p.name, p.start, p.end])).toEqual([
			['Feb', '2028-02-01', '2028-02-28']
		]);
	});

	it("NEXT-3: last year's live actions, dropped ones included, become review items with channel and cost", () => {
		const { doc } = source();
		const next = new Y.Doc();
		initPlan(next, { title: 'PAC 2028', year: 2028, locale: 'fr' }, alice);
		startNextYear(doc, next, alice);
		const channel = selectList(next, 'channels')[0]!;
		expect(selectReviewItems(next).map((r) => [r.name, r.cost, r.channel, r.decision])).toEqual([
			['Newsletter', 900, channel.name, null],
			['Radio spot', null, null, null]
		]);
	});
});
