/** A small but complete plan for the exchange tests and the print check: every field the workbook carries. */
import {
	addAction,
	addBusinessObjective,
	addKeyResult,
	addListItem,
	addMarketingObjective,
	addPeriod,
	initPlan,
	updateAction,
	userOrigin,
	type Origin
} from '@cap/plan-model';
import * as Y from 'yjs';

export const me: Origin = userOrigin('tester');

export function emptyPlan(title = 'Vide', year = 2027): Y.Doc {
	const doc = new Y.Doc();
	initPlan(doc, { title, year, locale: 'fr' }, me);
	return doc;
}

export function samplePlan(): Y.Doc {
	const doc = new Y.Doc();
	initPlan(
		doc,
		{ title: 'PAC 2027', year: 2027, locale: 'fr', company: 'Biscuiterie Ker', currency: 'EUR' },
		me
	);
	const julie = addListItem(
		doc,
		'members',
		{ name: 'Julie Martin', email: 'julie@ker.fr', role: 'Chargée de marketing', capacityPerPeriod: 6 },
		me
	);
	const marc = addListItem(doc, 'members', { name: 'Marc Le Gall', capacityPerPeriod: 4 }, me);
	const digital = addListItem(doc, 'workstreams', { name: 'Digital' }, me);
	const salons = addListItem(doc, 'workstreams', { name: 'Salons' }, me);
	const email = addListItem(doc, 'channels', { name: 'E-mailing' }, me);
	addListItem(doc, 'channels', { name: 'Réseaux sociaux' }, me);
	const gms = addListItem(doc, 'targets', { name: 'Grande distribution' }, me);
	const galettes = addListItem(doc, 'productLines', { name: 'Galettes' }, me);
	const p1 = addPeriod(doc, { name: 'P1', start: '2027-01-04', end: '2027-01-15' }, me);
	const p2 = addPeriod(doc, { name: 'P2', start: '2027-01-18', end: '2027-01-29' }, me);
	const grow = addBusinessObjective(doc, { name: 'Croître de 10 % en GMS' }, me);
	addBusinessObjective(doc, { name: 'Entrer en Belgique' }, me);
	const aware = addMarketingObjective(
		doc,
		{
			name: 'Notoriété des galettes',
			family: 'communication',
			nature: 'quantitative',
			metric: 'Notoriété assistée',
			threshold: 35,
			endDate: '2027-12-31',
			businessObjectiveId: grow
		},
		me
	);
	addMarketingObjective(
		doc,
		{
			name: 'Fidéliser les enseignes',
			family: 'distributors',
			nature: 'qualitative',
			businessObjectiveId: grow
		},
		me
	);
	const kr = addKeyResult(
		doc,
		{
			marketingObjectiveId: aware,
			kpi: 'Taux de notoriété',
			unit: '%',
			baseline: 20,
			target: 35,
			current: 24,
			deadline: '2027-12-31',
			priority: 'high',
			levers: ['Salon', 'Influence']
		},
		me
	);
	const a1 = addAction(
		doc,
		{
			name: 'Newsletter mensuelle',
			status: 'in_progress',
			workstreamId: digital,
			description: 'Une lettre par mois\naux enseignes',
			keyResultIds: [kr],
			priority: 'high',
			ownerId: julie,
			personDays: 2.5,
			periodId: p1,
			start: '2027-01-05',
			end: '2027-01-12',
			channelId: email,
			targetId: gms,
			productLineId: galettes,
			plannedCost: 1200.5
		},
		me
	);
	const a2 = addAction(
		doc,
		{
			name: 'Salon SIAL',
			workstreamId: salons,
			ownerId: marc,
			periodId: p2,
			start: '2027-01-20',
			end: '2027-01-28',
			plannedCost: 15000,
			priority: 'low'
		},
		me
	);
	addAction(doc, { name: 'Étude de prix', status: 'done' }, me);
	updateAction(doc, { id: a2, dependsOn: [a1] }, me);
	return doc;
}
