import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { selectActions } from './actions.ts';
import { selectKeyMoments } from './calendar.ts';
import { selectList } from './lists.ts';
import { selectBusinessObjectives, selectKeyResults, selectMarketingObjectives } from './objectives.ts';
import { initPlan } from './plan.ts';
import { selectPeriods } from './periods.ts';
import { applyTemplate, PLAN_TEMPLATES } from './templates.ts';
import { alice } from './test-utils.ts';

function plan(locale: 'fr' | 'en', year = 2027) {
	const doc = new Y.Doc();
	initPlan(doc, { title: 'T', year, locale }, alice);
	return doc;
}

describe('templates (TPL-1)', () => {
	it('TPL-1: the product launch writes its steps, key moments and chained actions in the plan language and year', () => {
		const doc = plan('fr', 2028);
		let updates = 0;
		doc.on('update', () => updates++);
		applyTemplate(doc, { template: 'launch' }, alice);
		expect(updates).toBe(1);
		expect(selectList(doc, 'workstreams').map((w) => w.name)).toEqual([
			'Préparation',
			'Pré-lancement',
			'Lancement',
			'Post-lancement'
		]);
		expect(selectKeyMoments(doc).map((k) => [k.name, k.start])).toContainEqual([
			'Jour du lancement',
			'2028-05-05'
		]);
		const actions = selectActions(doc);
		expect(actions).toHaveLength(10);
		const review = actions.find((a) => a.name === 'Bilan du lancement')!;
		const followUp = actions.find((a) => a.name === 'Suivi des premiers retours clients')!;
		expect(review.dependsOn).toEqual([followUp.id]);
		expect(selectPeriods(doc)).toHaveLength(36);
		expect(selectPeriods(doc)[0]!.start).toBe('2028-01-01');
	});

	it('TPL-1: the annual PAC in English has recurring actions until the year end and one objective chain', () => {
		const doc = plan('en');
		applyTemplate(doc, { template: 'annual' }, alice);
		const newsletter = selectActions(doc).find((a) => a.name === 'Monthly newsletter')!;
		expect(newsletter.recurrence).toEqual({ freq: 'monthly', interval: 1, until: '2027-12-31' });
		expect(selectBusinessObjectives(doc).map((b) => b.name)).toEqual(['Grow revenue']);
		expect(selectMarketingObjectives(doc)).toHaveLength(2);
		expect(selectKeyResults(doc).map((k) => k.kpi)).toContain('Prompted awareness rate');
	});

	it('TPL-1: every template has every text in French and English', () => {
		const texts: unknown[] = [];
		const walk = (v: unknown) => {
			if (v && typeof v === 'object') {
				if ('fr' in v || 'en' in v) texts.push(v);
				else Object.values(v).forEach(walk);
			}
		};
		for (const t of PLAN_TEMPLATES) walk(t);
		expect(texts.length).toBeGreaterThan(40);
		for (const t of texts)
			expect(t).toEqual({ fr: expect.stringMatching(/\S/), en: expect.stringMatching(/\S/) });
	});

	it('refuses an unknown template and writes nothing', () => {
		const doc = plan('fr');
		const before = Y.encodeStateAsUpdate(doc);
		expect(() => applyTemplate(doc, { template: 'nope' as 'annual' }, alice)).toThrow(/template/);
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
	});
});
