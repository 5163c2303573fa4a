import {
	addListItem,
	addAction,
	addMixOrientation,
	addPersona,
	addSwotItem,
	addWatchEntry,
	endMeeting,
	generateTenDayPeriods,
	initPlan,
	recordOutcome,
	selectPeriods,
	startMeeting,
	userOrigin
} from '@cap/plan-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingsSheet } from '#lib/meeting/export.ts';
import { contextSheet } from './export.ts';

const me = userOrigin('me');

describe('the export of the context and the meetings', () => {
	it('CTX-1 CTX-3 CTX-4 CTX-5 the Contexte tab holds personae, the watch, the SWOT and the 4P by name', () => {
		const doc = new Y.Doc();
		initPlan(doc, { title: 'Plan', year: 2027 }, me);
		const mail = addListItem(doc, 'channels', { name: 'Courrier' }, me);
		const jeanne = addPersona(doc, { name: 'Jeanne', objections: 'Trop cher', channelIds: [mail] }, me);
		const acme = addWatchEntry(
			doc,
			{ kind: 'competitor', subject: 'Acme', seenOn: '2026-11-20', tags: ['prix', 'seniors'] },
			me
		);
		addSwotItem(
			doc,
			{ quadrant: 'threat', text: 'Acme casse les prix', personaIds: [jeanne], watchEntryIds: [acme] },
			me
		);
		addMixOrientation(doc, { lever: 'place', text: 'Vente en ligne', move: 'enter', channelId: mail }, me);
		const sheet = contextSheet(doc, 'fr');
		expect(sheet.name).toBe('Contexte');
		const [personas, watch, swot, mix] = sheet.tables;
		expect(personas!.rows).toEqual([['Jeanne', null, null, 'Trop cher', null, null, 'Courrier']]);
		expect(watch!.rows).toEqual([['Concurrent', 'Acme', null, null, '2026-11-20', null, 'prix; seniors']]);
		expect(swot!.rows).toEqual([['Menace', 'Acme casse les prix', 'Jeanne', 'Acme']]);
		expect(mix!.rows).toEqual([['Distribution', 'Vente en ligne', 'Ouvrir', 'Courrier']]);
		expect(contextSheet(doc, 'en').tables[2]!.columns.map((c) => c.header)).toEqual([
			'SWOT',
			'Item',
			'Personae',
			'Watch'
		]);
	});

	it('MEET-6 the Points d’avancement tab lists each ended meeting’s actions with their outcome', () => {
		const doc = new Y.Doc();
		initPlan(doc, { title: 'Plan', year: 2027 }, me);
		generateTenDayPeriods(doc, { year: 2027 }, me);
		const [p1] = selectPeriods(doc);
		const a = addAction(doc, { name: 'Salon', periodId: p1!.id, personDays: 2 }, me);
		addAction(doc, { name: 'Radio', periodId: p1!.id, personDays: 1 }, me);
		const meetingId = startMeeting(doc, { periodId: p1!.id }, me);
		recordOutcome(doc, { meetingId, actionId: a, outcome: 'slipped', note: 'Retard' }, me);
		endMeeting(doc, { meetingId }, me);
		const rows = meetingsSheet(doc, 'fr').tables[0]!.rows;
		expect(rows.slice(0, 2)).toEqual([
			['P1', p1!.end, 'Salon', null, 2, 'Glissé', 'Retard'],
			['P1', p1!.end, 'Radio', null, 1, 'Pas revu', null]
		]);
	});
});
