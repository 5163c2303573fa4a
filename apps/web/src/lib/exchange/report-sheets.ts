/**
 * The export-only tabs computed from the plan: Actions par période, Bilan N-1, Budget, Tableau de bord.
 * They read today's selectors (selectPeriodLoads, selectReviewItems, selectBudget,
 * selectKpiMeasurements) and are kept apart from tables.ts so they follow those sections' changes
 * without touching the import. An import skips these tabs: they are results, not inputs.
 */
import {
	selectBudget,
	selectKeyResults,
	selectKpiMeasurements,
	selectList,
	selectPeriodLoads,
	selectReviewItems,
	type Locale
} from '@cap/plan-model';
import type * as Y from 'yjs';
import { contextSheet } from '#lib/context/export.ts';
import { meetingsSheet } from '#lib/meeting/export.ts';
import { planSheets, type Cell, type Kind, type Sheet, type Table } from './tables.ts';
import { SHEETS } from './vocab.ts';

type Col = [key: string, fr: string, en: string, kind: Kind];

function make(locale: Locale, cols: Col[], rows: Cell[][]): Table {
	return {
		columns: cols.map(([key, fr, en, kind]) => ({ key, header: locale === 'fr' ? fr : en, kind })),
		rows
	};
}

const RESULT = {
	worked: { fr: 'A fonctionné', en: 'Worked' },
	disappointed: { fr: 'A déçu', en: 'Disappointed' }
};
const DECISION = {
	repeat: { fr: 'Reconduire', en: 'Repeat' },
	adjust: { fr: 'Ajuster', en: 'Adjust' },
	drop: { fr: 'Abandonner', en: 'Drop' }
};

export function reportSheets(doc: Y.Doc, locale: Locale): Sheet[] {
	const members = new Map(selectList(doc, 'members').map((m) => [m.id, m.name]));
	const workstreams = new Map(selectList(doc, 'workstreams').map((w) => [w.id, w.name]));
	const name = (map: Map<string, string>, id: string | null) => (id ? (map.get(id) ?? null) : null);

	const periodRows: Cell[][] = [];
	for (const s of selectPeriodLoads(doc)) {
		periodRows.push([
			s.period.name,
			s.period.start,
			s.period.end,
			s.period.days,
			s.actionCount,
			s.personDays,
			s.capacity,
			null,
			null,
			null,
			null
		]);
		for (const { action: a, personDays } of s.actions) {
			periodRows.push([
				s.period.name,
				null,
				null,
				null,
				null,
				null,
				null,
				name(workstreams, a.workstreamId),
				a.name,
				name(members, a.ownerId),
				personDays
			]);
		}
	}
	const periods = make(
		locale,
		[
			['period', 'Période', 'Period', 'text'],
			['start', 'Début', 'Start', 'date'],
			['end', 'Fin', 'End', 'date'],
			['days', 'Durée (jours)', 'Length (days)', 'number'],
			['count', "Nombre d'actions", 'Number of actions', 'number'],
			['load', 'Jours-homme estimés', 'Estimated person-days', 'number'],
			['capacity', "Capacité de l'équipe (j)", 'Team capacity (days)', 'number'],
			['workstream', 'Chantier', 'Workstream', 'text'],
			['action', 'Action', 'Action', 'text'],
			['owner', 'Responsable', 'Owner', 'text'],
			['estimate', 'Estimation (j)', 'Estimate (days)', 'number']
		],
		periodRows
	);

	const review = make(
		locale,
		[
			['name', 'Action N-1', 'Last year action', 'text'],
			['result', 'Résultat', 'Result', 'text'],
			['revenue', "Chiffre d'affaires attribué", 'Attributed revenue', 'money'],
			['cost', 'Coût', 'Cost', 'money'],
			['roi', 'ROI', 'ROI', 'percent'],
			['conversions', 'Conversions', 'Conversions', 'number'],
			['contacts', 'Contacts', 'Contacts', 'number'],
			['rate', 'Taux de conversion', 'Conversion rate', 'percent'],
			['channel', 'Canal', 'Channel', 'text'],
			['feedback', 'Ressenti des commerciaux', "Sales reps' feedback", 'longtext'],
			['decision', 'Décision', 'Decision', 'text']
		],
		selectReviewItems(doc).map((r) => [
			r.name,
			r.result ? RESULT[r.result][locale] : null,
			r.revenue,
			r.cost,
			r.roi,
			r.conversions,
			r.contacts,
			r.conversionRate,
			r.channel,
			r.salesFeedback,
			r.decision ? DECISION[r.decision][locale] : null
		])
	);

	const budget = selectBudget(doc);
	const total = locale === 'fr' ? 'Total' : 'Total';
	const budgetTable = make(
		locale,
		[
			['category', 'Catégorie', 'Category', 'text'],
			['label', 'Poste', 'Line', 'text'],
			['planned', 'Prévisionnel', 'Planned', 'money'],
			['actual', 'Réalisé', 'Actual', 'money'],
			['gap', 'Écart', 'Gap', 'money']
		],
		[
			...budget.lines.map((l): Cell[] => [
				l.category || null,
				l.label,
				l.planned,
				l.actual,
				l.actual === null ? null : l.actual - l.planned
			]),
			[total, null, budget.plannedTotal, budget.actualTotal, budget.gap],
			[
				locale === 'fr' ? 'Somme des coûts des actions' : 'Sum of action costs',
				null,
				budget.methods.bottomUp,
				null,
				null
			]
		]
	);

	const krs = new Map(selectKeyResults(doc).map((k) => [k.id, k.kpi]));
	const dashboard = make(
		locale,
		[
			['kpi', 'KPI', 'KPI', 'text'],
			['date', 'Date', 'Date', 'date'],
			['forecast', 'Prévu', 'Forecast', 'number'],
			['actual', 'Réel', 'Actual', 'number'],
			['gap', 'Écart', 'Gap', 'number'],
			['ratio', 'Écart (%)', 'Gap (%)', 'percent']
		],
		selectKpiMeasurements(doc).map((k) => [
			k.kpi ?? name(krs, k.keyResultId),
			k.date,
			k.forecast,
			k.actual,
			k.gap,
			k.gapRatio
		])
	);

	return [
		{ key: 'periods', name: SHEETS.periods[locale], tables: [periods] },
		{ key: 'review', name: SHEETS.review[locale], tables: [review] },
		{ key: 'budget', name: SHEETS.budget[locale], tables: [budgetTable] },
		{ key: 'dashboard', name: SHEETS.dashboard[locale], tables: [dashboard] }
	];
}

/** Every tab of the export, in the template's order followed by the computed ones, the context and the meetings. */
export function workbookSheets(doc: Y.Doc, locale: Locale): Sheet[] {
	const [objectives, actions, settings] = planSheets(doc, locale);
	const [periods, ...rest] = reportSheets(doc, locale);
	return [
		objectives!,
		actions!,
		periods!,
		settings!,
		...rest,
		contextSheet(doc, locale),
		meetingsSheet(doc, locale)
	];
}
