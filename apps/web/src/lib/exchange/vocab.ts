/**
 * The workbook's vocabulary in both languages: tab names, column headers and list values. It is a file
 * format rather than UI text, so it lives here and not in the message files: an import must recognise
 * French and English headers whatever language the person uses Cap in. The French names follow the
 * consultants' PAC template (DOMAIN.md, "The spreadsheet it replaces").
 */
import {
	ACTION_STATUSES,
	OBJECTIVE_FAMILIES,
	OBJECTIVE_NATURES,
	PRIORITIES,
	type ActionStatus,
	type Locale,
	type ObjectiveFamily,
	type ObjectiveNature,
	type Priority
} from '@cap/plan-model';

type Words = Record<Locale, string>;

export const SHEETS = {
	objectives: { fr: 'Objectifs', en: 'Objectives' },
	actions: { fr: 'Suivi des actions', en: 'Action tracking' },
	periods: { fr: 'Actions par période', en: 'Actions per period' },
	settings: { fr: 'Réglages', en: 'Settings' },
	review: { fr: 'Bilan N-1', en: 'Last year review' },
	budget: { fr: 'Budget', en: 'Budget' },
	dashboard: { fr: 'Tableau de bord', en: 'Dashboard' },
	context: { fr: 'Contexte', en: 'Context' },
	meetings: { fr: "Points d'avancement", en: 'Progress meetings' }
} as const satisfies Record<string, Words>;
export type SheetKey = keyof typeof SHEETS;

/** Every column the importer knows, with its headers; `aliases` are other spellings met in workbooks. */
export const COLUMNS = {
	// Suivi des actions
	actionId: { fr: 'ID action', en: 'Action ID' },
	action: { fr: 'Action', en: 'Action', aliases: ['nom', 'name', 'intitulé', 'nom de l’action'] },
	status: { fr: 'Statut', en: 'Status', aliases: ['état'] },
	workstream: { fr: 'Chantier', en: 'Workstream' },
	description: { fr: 'Description', en: 'Description' },
	keyResults: { fr: 'Résultats cibles', en: 'Key results', aliases: ['résultat cible', 'key result', 'kpi'] },
	priority: { fr: 'Priorité', en: 'Priority' },
	owner: { fr: 'Responsable', en: 'Owner', aliases: ['porteur', 'pilote'] },
	personDays: {
		fr: 'Jours-homme',
		en: 'Person-days',
		aliases: ['jh', 'charge', 'estimation', 'temps estimé']
	},
	period: { fr: 'Période', en: 'Period', aliases: ['sprint'] },
	start: { fr: 'Début', en: 'Start', aliases: ['date de début', 'start date'] },
	end: { fr: 'Fin', en: 'End', aliases: ['date de fin', 'end date'] },
	dependsOn: { fr: 'Dépend de', en: 'Depends on', aliases: ['dépendances', 'dependencies'] },
	channel: { fr: 'Canal', en: 'Channel' },
	target: { fr: 'Cible', en: 'Target', aliases: ['persona'] },
	productLine: { fr: 'Gamme', en: 'Product line', aliases: ['gamme de produits', 'produit'] },
	cost: { fr: 'Budget', en: 'Budget', aliases: ['coût', 'cost', 'budget prévisionnel', 'planned cost'] },
	// Objectifs
	businessObjective: { fr: 'Objectif business', en: 'Business objective' },
	marketingObjective: { fr: 'Objectif marketing', en: 'Marketing objective' },
	family: { fr: 'Famille', en: 'Family' },
	nature: { fr: 'Nature', en: 'Nature' },
	metric: { fr: 'Indicateur', en: 'Metric' },
	threshold: { fr: 'Seuil', en: 'Threshold' },
	endDate: { fr: 'Échéance de l’objectif', en: 'Objective end date' },
	kpi: { fr: 'Résultat cible (KPI)', en: 'Key result (KPI)', aliases: ['kpi cible', 'target kpi'] },
	unit: { fr: 'Unité', en: 'Unit' },
	baseline: { fr: 'Valeur de départ', en: 'Baseline' },
	targetValue: { fr: 'Valeur cible', en: 'Target value' },
	current: { fr: 'Valeur actuelle', en: 'Current value' },
	deadline: { fr: 'Échéance', en: 'Deadline' },
	levers: { fr: 'Leviers', en: 'Levers' },
	progress: { fr: 'Avancement', en: 'Progress' },
	objectiveId: { fr: 'ID objectif', en: 'Objective ID' },
	keyResultId: { fr: 'ID résultat', en: 'Key result ID' },
	// Réglages (side-by-side lists)
	setting: { fr: 'Paramètre', en: 'Setting' },
	value: { fr: 'Valeur', en: 'Value' },
	periodName: {
		fr: 'Nom de période',
		en: 'Period name',
		aliases: ['période', 'périodes', 'period', 'periods']
	},
	periodStart: { fr: 'Début de période', en: 'Period start', aliases: ['début', 'start'] },
	periodEnd: { fr: 'Fin de période', en: 'Period end', aliases: ['fin', 'end'] },
	member: { fr: 'Membre', en: 'Team member', aliases: ['équipe', 'team'] },
	email: { fr: 'E-mail', en: 'Email' },
	jobRole: { fr: 'Fonction', en: 'Job title' },
	capacity: {
		fr: 'Capacité par période (j)',
		en: 'Capacity per period (days)',
		aliases: ['capacité', 'capacity']
	},
	workstreams: { fr: 'Chantiers', en: 'Workstreams' },
	channels: { fr: 'Canaux', en: 'Channels' },
	productLines: { fr: 'Gammes', en: 'Product lines' },
	targets: { fr: 'Cibles', en: 'Targets' }
} as const satisfies Record<string, Words & { aliases?: readonly string[] }>;
export type ColumnKey = keyof typeof COLUMNS;

export const SETTING_KEYS = {
	title: { fr: 'Titre', en: 'Title' },
	year: { fr: 'Année', en: 'Year' },
	company: { fr: 'Société', en: 'Company' },
	currency: { fr: 'Devise', en: 'Currency' }
} as const satisfies Record<string, Words>;

export const STATUS_WORDS: Record<ActionStatus, Words> = {
	todo: { fr: 'À faire', en: 'To do' },
	in_progress: { fr: 'En cours', en: 'In progress' },
	done: { fr: 'Terminée', en: 'Done' },
	dropped: { fr: 'Abandonnée', en: 'Dropped' }
};
export const PRIORITY_WORDS: Record<Priority, Words> = {
	high: { fr: 'Haute', en: 'High' },
	medium: { fr: 'Moyenne', en: 'Medium' },
	low: { fr: 'Basse', en: 'Low' }
};
export const FAMILY_WORDS: Record<ObjectiveFamily, Words> = {
	global: { fr: 'Globale', en: 'Global' },
	customers: { fr: 'Clients', en: 'Customers' },
	distributors: { fr: 'Distributeurs', en: 'Distributors' },
	communication: { fr: 'Communication', en: 'Communication' }
};
export const NATURE_WORDS: Record<ObjectiveNature, Words> = {
	quantitative: { fr: 'Quantitatif', en: 'Quantitative' },
	qualitative: { fr: 'Qualitatif', en: 'Qualitative' }
};

/** Lower case, no accents, single spaces, typographic apostrophes folded: how headers are compared. */
export function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[’`]/g, "'")
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
}

/** The code of a list value written in either language (or as the code itself), else null. */
export function fromWords<T extends string>(words: Record<T, Words>, text: string): T | null {
	const wanted = fold(text);
	for (const [code, w] of Object.entries(words) as [T, Words][]) {
		if (fold(code) === wanted || fold(w.fr) === wanted || fold(w.en) === wanted) return code;
	}
	return null;
}

export const LISTS = {
	status: ACTION_STATUSES,
	priority: PRIORITIES,
	family: OBJECTIVE_FAMILIES,
	nature: OBJECTIVE_NATURES
} as const;

/** The column a header names, in either language, or null for a column the importer does not know. */
export function columnOf(header: string, among: readonly ColumnKey[]): ColumnKey | null {
	const wanted = fold(header);
	if (!wanted) return null;
	for (const key of among) {
		const c = COLUMNS[key] as Words & { aliases?: readonly string[] };
		const names = [c.fr, c.en, ...(c.aliases ?? [])];
		if (names.some((n) => fold(n) === wanted)) return key;
	}
	return null;
}

/** Which sheet a tab name is, in either language, or null. */
export function sheetOf(name: string): SheetKey | null {
	const wanted = fold(name);
	for (const [key, w] of Object.entries(SHEETS) as [SheetKey, Words][]) {
		if (fold(w.fr) === wanted || fold(w.en) === wanted) return key;
	}
	return null;
}
