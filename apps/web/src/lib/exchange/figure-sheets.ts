/**
 * The workbook's result tabs, complete: Bilan N-1 (every item with its leads, target and derived figures,
 * and the totals), Budget (the envelope and the three methods, each action's yearly cost with committed
 * and actual, other costs, the breakdowns) and Tableau de bord (each key result's one value and progress,
 * KR-5, and every measurement). Every figure is a plan-model selector's value written as is (SPEC FIG-1);
 * an amount nobody entered is an empty cell, never 0 (BUD-8).
 */
import {
	BREAKDOWNS,
	OTHER_COSTS,
	selectBudget,
	selectKeyResultTracking,
	selectKpiMeasurements,
	selectList,
	selectMarketingObjectives,
	selectReviewItems,
	selectReviewTotals,
	type Breakdown,
	type Locale
} from '@cap/plan-model';
import type * as Y from 'yjs';
import type { Cell, Kind, Sheet, Table } from './tables.ts';
import { COST_KINDS, DECISION_WORDS, RESULT_WORDS, SHEETS } from './vocab.ts';

type Col = [key: string, fr: string, en: string, kind: Kind];
type Words = { fr: string; en: string };

function make(locale: Locale, cols: Col[], rows: Cell[][]): Table {
	return {
		columns: cols.map(([key, fr, en, kind]) => ({ key, header: locale === 'fr' ? fr : en, kind })),
		rows
	};
}

const TOTAL: Words = { fr: 'Total', en: 'Total' };

export function reviewSheet(doc: Y.Doc, locale: Locale): Sheet {
	const items = make(
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
			['decision', 'Décision', 'Decision', 'text'],
			['target', 'Cible', 'Target', 'text'],
			['leads', 'Leads', 'Leads', 'number'],
			['cpl', 'Coût par lead', 'Cost per lead', 'money'],
			['cpc', 'Coût par conversion', 'Cost per conversion', 'money'],
			['margin', 'Marge', 'Margin', 'money']
		],
		selectReviewItems(doc).map((r) => [
			r.name,
			r.result ? RESULT_WORDS[r.result][locale] : null,
			r.revenue,
			r.cost,
			r.roi,
			r.conversions,
			r.contacts,
			r.conversionRate,
			r.channel,
			r.salesFeedback,
			r.decision ? DECISION_WORDS[r.decision][locale] : null,
			r.target,
			r.leads,
			r.costPerLead,
			r.costPerConversion,
			r.margin
		])
	);
	const t = selectReviewTotals(doc);
	const totals = make(
		locale,
		[
			['figure', 'Total N-1', 'Last year total', 'text'],
			['amount', 'Montant', 'Amount', 'money'],
			['count', 'Nombre', 'Count', 'number'],
			['ratio', 'Ratio', 'Ratio', 'percent']
		],
		[
			[locale === 'fr' ? 'Coût' : 'Cost', t.cost, null, null],
			[locale === 'fr' ? "Chiffre d'affaires attribué" : 'Attributed revenue', t.revenue, null, null],
			['ROI', null, null, t.roi],
			[locale === 'fr' ? 'Coût par lead' : 'Cost per lead', t.costPerLead, null, null],
			['Contacts', null, t.contacts, null],
			['Leads', null, t.leads, null],
			['Conversions', null, t.conversions, null]
		]
	);
	return { key: 'review', name: SHEETS.review[locale], tables: [items, totals] };
}

const METHOD: Record<string, Words> = {
	lastYear: { fr: 'Budget N-1 ± %', en: "Last year's budget ± %" },
	revenuePct: { fr: '% du CA prévisionnel', en: '% of forecast revenue' },
	bottomUp: { fr: 'Somme des actions', en: 'Sum of actions' },
	custom: { fr: 'Montant saisi', en: 'Typed amount' }
};
const BREAKDOWN: Record<Breakdown, Words> = {
	channel: { fr: 'Canal', en: 'Channel' },
	workstream: { fr: 'Chantier', en: 'Workstream' },
	objective: { fr: 'Objectif', en: 'Objective' },
	quarter: { fr: 'Trimestre', en: 'Quarter' },
	month: { fr: 'Mois', en: 'Month' }
};

export function budgetSheet(doc: Y.Doc, locale: Locale): Sheet {
	const b = selectBudget(doc);
	const w = (words: Words) => words[locale];
	const costs = make(
		locale,
		[
			['kind', 'Type', 'Kind', 'text'],
			['label', 'Action ou poste', 'Action or line', 'text'],
			['category', 'Catégorie', 'Category', 'text'],
			['occurrences', 'Occurrences', 'Occurrences', 'number'],
			['planned', 'Prévisionnel (année)', 'Planned (year)', 'money'],
			['committed', 'Engagé', 'Committed', 'money'],
			['actual', 'Réalisé', 'Actual', 'money'],
			['gap', 'Écart', 'Gap', 'money']
		],
		[
			...b.actions.map((c): Cell[] => [
				w(COST_KINDS.action),
				c.action.name,
				null,
				c.occurrences,
				c.planned,
				c.committed,
				c.actual,
				c.gap
			]),
			...b.lines.map((l): Cell[] => [
				w(COST_KINDS.line),
				l.label,
				l.category || null,
				null,
				l.planned,
				null,
				l.actual,
				l.actual === null ? null : l.actual - l.planned
			]),
			[w(TOTAL), null, null, null, b.plannedTotal, b.committedTotal, b.actualTotal, b.gap]
		]
	);
	const envelope = make(
		locale,
		[
			['figure', 'Enveloppe et méthodes', 'Envelope and methods', 'text'],
			['amount', 'Montant', 'Amount', 'money'],
			['note', 'Précision', 'Note', 'text']
		],
		[
			[
				w({ fr: 'Enveloppe retenue', en: 'Chosen envelope' }),
				b.envelope?.amount ?? null,
				b.envelope ? w(METHOD[b.envelope.method]!) : w({ fr: 'Aucune', en: 'None' })
			],
			...(['lastYear', 'revenuePct', 'bottomUp'] as const).map((m): Cell[] => [
				w(METHOD[m]!),
				b.methods[m],
				null
			]),
			[w({ fr: 'Écart entre méthodes', en: 'Spread between methods' }), b.methodsSpread, null],
			[w({ fr: "Reste sur l'enveloppe", en: 'Left in the envelope' }), b.envelopeRemaining, null]
		]
	);
	const names = new Map<string, string>([
		...selectList(doc, 'channels').map((c): [string, string] => [c.id, c.name]),
		...selectList(doc, 'workstreams').map((c): [string, string] => [c.id, c.name]),
		...selectMarketingObjectives(doc).map((o): [string, string] => [o.id, o.name])
	]);
	const bucket = (by: Breakdown, key: string | null): string => {
		if (key === OTHER_COSTS) return w({ fr: 'Autres coûts (hors actions)', en: 'Other costs (not actions)' });
		if (key === null)
			return by === 'month' || by === 'quarter'
				? w({ fr: 'Sans date', en: 'Undated' })
				: w({ fr: 'Non renseigné', en: 'Not set' });
		if (by === 'quarter') return `${locale === 'fr' ? 'T' : 'Q'}${key.slice(6)} ${key.slice(0, 4)}`;
		return names.get(key) ?? key;
	};
	const breakdowns = make(
		locale,
		[
			['by', 'Répartition', 'Breakdown', 'text'],
			['bucket', 'Poste', 'Bucket', 'text'],
			['planned', 'Prévisionnel', 'Planned', 'money'],
			['committed', 'Engagé', 'Committed', 'money'],
			['actual', 'Réalisé', 'Actual', 'money']
		],
		BREAKDOWNS.flatMap((by) =>
			b.breakdowns[by].map((k): Cell[] => [
				w(BREAKDOWN[by]),
				bucket(by, k.key),
				k.planned,
				k.committed,
				k.actual
			])
		)
	);
	return { key: 'budget', name: SHEETS.budget[locale], tables: [costs, envelope, breakdowns] };
}

const STATUS = {
	on_track: { fr: 'En bonne voie', en: 'On track' },
	at_risk: { fr: 'À surveiller', en: 'At risk' },
	off_track: { fr: 'Hors trajectoire', en: 'Off track' }
};

export function dashboardSheet(doc: Y.Doc, locale: Locale): Sheet {
	// The measurements come first, as the tab always had them (they are what an import reads back).
	const tracking = selectKeyResultTracking(doc);
	const keyResults = make(
		locale,
		[
			['kr', 'Résultat cible', 'Key result', 'text'],
			['baseline', 'Départ', 'Baseline', 'number'],
			['target', 'Cible', 'Target', 'number'],
			['value', 'Valeur retenue', 'Value used', 'number'],
			['source', 'Source de la valeur', 'Value from', 'text'],
			['measuredOn', 'Date de mesure', 'Measured on', 'date'],
			['progress', 'Avancement', 'Progress', 'percent'],
			['status', 'Statut', 'Status', 'text'],
			['krGap', 'Écart', 'Gap', 'number'],
			['krRatio', 'Écart (%)', 'Gap (%)', 'percent']
		],
		tracking.map(({ keyResult: k, value, progress, status, gap }) => [
			k.kpi,
			k.baseline,
			k.target,
			value,
			k.valueSource === 'measured'
				? locale === 'fr'
					? 'Dernière mesure'
					: 'Latest measurement'
				: k.valueSource === 'typed'
					? locale === 'fr'
						? 'Valeur « Actuel » saisie'
						: 'Typed "Current" value'
					: null,
			k.measuredOn,
			progress,
			status ? STATUS[status][locale] : null,
			gap?.value ?? null,
			gap?.ratio ?? null
		])
	);
	const krs = new Map(tracking.map((t) => [t.keyResult.id, t.keyResult.kpi]));
	const measurements = make(
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
			k.kpi ?? (k.keyResultId ? (krs.get(k.keyResultId) ?? null) : null),
			k.date,
			k.forecast,
			k.actual,
			k.gap,
			k.gapRatio
		])
	);
	return { key: 'dashboard', name: SHEETS.dashboard[locale], tables: [measurements, keyResults] };
}
