/**
 * Template: the annual PAC (plan d'actions commerciales), as the consultants' workbook starts it
 * (docs/method.md, "Other plans, and the spreadsheet Cap replaces"): the usual workstreams, channels
 * and targets, ten-day periods, the year's key moments, one objective chain to fill in, and the
 * recurring actions nobody can drop. Dates are month-day in the plan's year.
 */
import type { PlanTemplate } from '../src/templates.ts';

export const annualPac: PlanTemplate = {
	id: 'annual',
	name: { fr: 'PAC annuel', en: 'Annual action plan' },
	description: {
		fr: 'Chantiers, canaux, cibles, périodes de dix jours, temps forts et actions récurrentes d’une année type.',
		en: 'Workstreams, channels, targets, ten-day periods, key moments and recurring actions of a typical year.'
	},
	tenDayPeriods: true,
	workstreams: [
		{ fr: 'Digital', en: 'Digital' },
		{ fr: 'Événements et salons', en: 'Events and trade fairs' },
		{ fr: 'Relation client', en: 'Customer relations' },
		{ fr: 'Communication et presse', en: 'Communication and press' },
		{ fr: 'Force de vente', en: 'Sales force' }
	],
	channels: [
		{ fr: 'E-mailing', en: 'Email' },
		{ fr: 'Réseaux sociaux', en: 'Social media' },
		{ fr: 'Site web', en: 'Website' },
		{ fr: 'Salons', en: 'Trade fairs' },
		{ fr: 'Presse', en: 'Press' },
		{ fr: 'Terrain', en: 'Field sales' }
	],
	targets: [
		{ fr: 'Clients actuels', en: 'Current customers' },
		{ fr: 'Prospects', en: 'Prospects' },
		{ fr: 'Distributeurs', en: 'Distributors' }
	],
	keyMoments: [
		{
			name: { fr: 'Soldes d’hiver', en: 'Winter sales' },
			kind: 'sales_season',
			start: '01-08',
			end: '02-04'
		},
		{ name: { fr: 'Rentrée', en: 'Back to school' }, kind: 'sales_season', start: '09-01', end: '09-30' },
		{
			name: { fr: 'Fêtes de fin d’année', en: 'Year-end holidays' },
			kind: 'holiday',
			start: '12-01',
			end: '12-31'
		}
	],
	objectives: [
		{
			business: { fr: 'Faire croître le chiffre d’affaires', en: 'Grow revenue' },
			marketing: [
				{
					name: { fr: 'Gagner de nouveaux clients', en: 'Win new customers' },
					family: 'customers',
					metric: { fr: 'Nouveaux clients', en: 'New customers' },
					keyResults: [{ fr: 'Nombre de nouveaux clients', en: 'Number of new customers' }]
				},
				{
					name: { fr: 'Développer la notoriété', en: 'Build awareness' },
					family: 'communication',
					metric: { fr: 'Notoriété assistée', en: 'Prompted awareness' },
					keyResults: [{ fr: 'Taux de notoriété assistée', en: 'Prompted awareness rate' }]
				}
			]
		}
	],
	actions: [
		{
			name: { fr: 'Newsletter mensuelle', en: 'Monthly newsletter' },
			workstream: 0,
			channel: 0,
			start: '01-15',
			end: '01-15',
			personDays: 1,
			recurrence: 'monthly'
		},
		{
			name: { fr: 'Publications réseaux sociaux', en: 'Social media posts' },
			workstream: 0,
			channel: 1,
			start: '01-06',
			end: '01-06',
			personDays: 0.5,
			recurrence: 'weekly'
		},
		{
			name: { fr: 'Point commercial trimestriel', en: 'Quarterly sales review' },
			workstream: 4,
			start: '01-20',
			end: '01-20',
			personDays: 1,
			recurrence: 'quarterly'
		},
		{
			name: { fr: 'Campagne de rentrée', en: 'Back-to-school campaign' },
			workstream: 0,
			channel: 0,
			start: '08-25',
			end: '09-20',
			personDays: 5
		},
		{
			name: { fr: 'Opération de fin d’année', en: 'Year-end promotion' },
			workstream: 2,
			channel: 0,
			start: '11-15',
			end: '12-24',
			personDays: 6
		}
	]
};
