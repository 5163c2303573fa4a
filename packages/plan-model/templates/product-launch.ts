/**
 * Template: a product launch plan (docs/method.md, "Other plans, and the spreadsheet Cap replaces": a
 * company may also build a dedicated plan for a new product launch). The launch steps are the
 * workstreams; the key moments are the announcement, the launch day and the 90-day review; the typical
 * actions follow the method in order, each depending on the step before it. Dates are month-day in the
 * plan's year, built around a launch in early May.
 */
import type { PlanTemplate } from '../src/templates.ts';

export const productLaunch: PlanTemplate = {
	id: 'launch',
	name: { fr: 'Lancement de produit', en: 'Product launch' },
	description: {
		fr: 'Les étapes du lancement, ses temps forts et les actions types, de l’étude de marché au bilan à 90 jours.',
		en: 'The launch steps, its key moments and typical actions, from market research to the 90-day review.'
	},
	tenDayPeriods: true,
	workstreams: [
		{ fr: 'Préparation', en: 'Preparation' },
		{ fr: 'Pré-lancement', en: 'Pre-launch' },
		{ fr: 'Lancement', en: 'Launch' },
		{ fr: 'Post-lancement', en: 'Post-launch' }
	],
	channels: [
		{ fr: 'Réseaux sociaux', en: 'Social media' },
		{ fr: 'Presse', en: 'Press' },
		{ fr: 'E-mailing', en: 'Email' },
		{ fr: 'Points de vente', en: 'Stores' }
	],
	targets: [
		{ fr: 'Cœur de cible', en: 'Core target' },
		{ fr: 'Prescripteurs', en: 'Influencers' },
		{ fr: 'Distributeurs', en: 'Distributors' }
	],
	keyMoments: [
		{
			name: { fr: 'Annonce du produit', en: 'Product announcement' },
			kind: 'event',
			start: '04-15',
			end: '04-15'
		},
		{ name: { fr: 'Jour du lancement', en: 'Launch day' }, kind: 'launch', start: '05-05', end: '05-05' },
		{ name: { fr: 'Bilan à 90 jours', en: '90-day review' }, kind: 'other', start: '08-03', end: '08-03' }
	],
	objectives: [
		{
			business: { fr: 'Réussir le lancement du produit', en: 'Make the product launch a success' },
			marketing: [
				{
					name: { fr: 'Faire connaître le produit à la cible', en: 'Make the target aware of the product' },
					family: 'communication',
					metric: { fr: 'Notoriété du produit', en: 'Product awareness' },
					keyResults: [{ fr: 'Notoriété auprès de la cible', en: 'Awareness among the target' }]
				},
				{
					name: { fr: 'Atteindre les premières ventes', en: 'Reach the first sales' },
					family: 'global',
					metric: { fr: 'Ventes à 90 jours', en: 'Sales at 90 days' },
					keyResults: [{ fr: 'Unités vendues à 90 jours', en: 'Units sold at 90 days' }]
				}
			]
		}
	],
	actions: [
		{
			name: { fr: 'Étude de marché et de la concurrence', en: 'Market and competition research' },
			workstream: 0,
			start: '01-11',
			end: '02-05',
			personDays: 8
		},
		{
			name: { fr: 'Positionnement, prix et promesse', en: 'Positioning, price and promise' },
			workstream: 0,
			start: '02-08',
			end: '02-26',
			personDays: 5,
			dependsOn: [0]
		},
		{
			name: { fr: 'Kit de vente pour les commerciaux', en: 'Sales kit for the reps' },
			workstream: 1,
			start: '03-01',
			end: '03-26',
			personDays: 6,
			dependsOn: [1]
		},
		{
			name: { fr: 'Formation de la force de vente', en: 'Sales force training' },
			workstream: 1,
			start: '03-29',
			end: '04-09',
			personDays: 3,
			dependsOn: [2]
		},
		{
			name: { fr: 'Teasing sur les réseaux sociaux', en: 'Social media teasing' },
			workstream: 1,
			channel: 0,
			start: '04-12',
			end: '05-04',
			personDays: 4,
			dependsOn: [1]
		},
		{
			name: { fr: 'Communiqué et dossier de presse', en: 'Press release and press kit' },
			workstream: 1,
			channel: 1,
			start: '04-06',
			end: '04-15',
			personDays: 3,
			dependsOn: [1]
		},
		{
			name: { fr: 'Événement de lancement', en: 'Launch event' },
			workstream: 2,
			start: '05-05',
			end: '05-05',
			personDays: 5,
			dependsOn: [3, 4]
		},
		{
			name: { fr: 'Campagne e-mailing de lancement', en: 'Launch email campaign' },
			workstream: 2,
			channel: 2,
			start: '05-06',
			end: '05-20',
			personDays: 3,
			dependsOn: [6]
		},
		{
			name: { fr: 'Suivi des premiers retours clients', en: 'First customer feedback follow-up' },
			workstream: 3,
			start: '05-24',
			end: '07-16',
			personDays: 4,
			dependsOn: [7]
		},
		{
			name: { fr: 'Bilan du lancement', en: 'Launch review' },
			workstream: 3,
			start: '08-02',
			end: '08-06',
			personDays: 2,
			dependsOn: [8]
		}
	]
};
