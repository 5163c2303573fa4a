/**
 * The export-only tabs computed from the plan: Actions par période here, Bilan N-1, Budget and Tableau de
 * bord in figure-sheets.ts. They read the selectors (selectPeriodLoads, selectReviewItems, selectBudget,
 * selectKeyResultTracking...) and are kept apart from tables.ts so they follow those sections' changes
 * without touching the import.
 */
import { selectList, selectPeriodLoads, type Locale } from '@cap/plan-model';
import type * as Y from 'yjs';
import { contextSheet } from '#lib/context/export.ts';
import { meetingsSheet } from '#lib/meeting/export.ts';
import { budgetSheet, dashboardSheet, reviewSheet } from './figure-sheets.ts';
import { planSheets, type Cell, type Kind, type Sheet, type Table } from './tables.ts';
import { SHEETS } from './vocab.ts';

type Col = [key: string, fr: string, en: string, kind: Kind];

function make(locale: Locale, cols: Col[], rows: Cell[][]): Table {
	return {
		columns: cols.map(([key, fr, en, kind]) => ({ key, header: locale === 'fr' ? fr : en, kind })),
		rows
	};
}

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

	return [
		{ key: 'periods', name: SHEETS.periods[locale], tables: [periods] },
		reviewSheet(doc, locale),
		budgetSheet(doc, locale),
		dashboardSheet(doc, locale)
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
