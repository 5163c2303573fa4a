/**
 * The workbook's vocabulary in both languages: tab names, column headers and list values. It is a file
 * format rather than UI text, so it lives here and not in the message files: an import must recognise
 * French and English headers whatever language the person uses Cap in. The French names follow the
 * consultants' PAC template (docs/method.md, "Other plans, and the spreadsheet Cap replaces").
 */
import {
	ACTION_STATUSES,
	OBJECTIVE_FAMILIES,
	OBJECTIVE_NATURES,
	PRIORITIES,
	foldWords,
	readDateText,
	type ActionStatus,
	type KeyResultDirection,
	type Recurrence,
	type ReviewDecision,
	type ReviewResult,
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
	recurrence: { fr: 'Récurrence', en: 'Recurrence' },
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
	direction: { fr: 'Sens', en: 'Direction' },
	rationale: { fr: 'Justification', en: 'Rationale' },
	progress: { fr: 'Avancement', en: 'Progress' },
	objectiveId: { fr: 'ID objectif', en: 'Objective ID' },
	keyResultId: { fr: 'ID résultat', en: 'Key result ID' },
	// Bilan N-1, Budget, Tableau de bord (Cap's export; the headers of report-sheets.ts)
	reviewName: { fr: 'Action N-1', en: 'Last year action' },
	result: { fr: 'Résultat', en: 'Result' },
	revenue: {
		fr: 'Chiffre d’affaires attribué',
		en: 'Attributed revenue',
		aliases: ["chiffre d'affaires attribué"]
	},
	contacts: { fr: 'Contacts', en: 'Contacts' },
	leads: { fr: 'Leads', en: 'Leads' },
	conversions: { fr: 'Conversions', en: 'Conversions' },
	feedback: { fr: 'Ressenti des commerciaux', en: 'Sales reps’ feedback', aliases: ["sales reps' feedback"] },
	decision: { fr: 'Décision', en: 'Decision' },
	category: { fr: 'Catégorie', en: 'Category' },
	line: { fr: 'Poste', en: 'Line', aliases: ['action ou poste', 'action or line'] },
	costKind: { fr: 'Type', en: 'Kind' },
	planned: { fr: 'Prévisionnel', en: 'Planned', aliases: ['prévisionnel (année)', 'planned (year)'] },
	committed: { fr: 'Engagé', en: 'Committed' },
	actual: { fr: 'Réalisé', en: 'Actual' },
	date: { fr: 'Date', en: 'Date' },
	forecast: { fr: 'Prévu', en: 'Forecast' },
	measured: { fr: 'Réel', en: 'Actual' },
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
export const DIRECTION_WORDS: Record<KeyResultDirection, Words> = {
	increase: { fr: 'À augmenter', en: 'Increase' },
	decrease: { fr: 'À réduire', en: 'Decrease' }
};
export const RESULT_WORDS: Record<ReviewResult, Words> = {
	worked: { fr: 'A fonctionné', en: 'Worked' },
	disappointed: { fr: 'A déçu', en: 'Disappointed' }
};
export const DECISION_WORDS: Record<ReviewDecision, Words> = {
	repeat: { fr: 'Reconduire', en: 'Repeat' },
	adjust: { fr: 'Ajuster', en: 'Adjust' },
	drop: { fr: 'Abandonner', en: 'Drop' }
};
/** The Type column of the Budget tab's cost table: an action's yearly cost, or another cost (a budget line). */
export const COST_KINDS = {
	action: { fr: 'Action', en: 'Action' },
	line: { fr: 'Autre coût', en: 'Other cost' }
} as const satisfies Record<string, Words>;
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

/**
 * Header words by meaning, for headers that are not Cap's own: each rule is tried on the folded header
 * (foldWords: no accents, no case, punctuation as spaces) and names the columns it may be, most likely
 * first; the first one the tab has wins. "Estimation (J/H)", "Responsables", "Date de début", "Effort
 * (man-days)" all land here.
 */
const MEANINGS: [RegExp, ColumnKey[]][] = [
	[/\b(id|identifiant)\b.*\baction\b|\baction id\b/, ['actionId']],
	[
		/\bj ?\/ ?h\b|\bjh\b|jours? ?hommes?|person ?days?|man ?days?|\bestimation|\beffort|(?<!en )\bcharge\b(?! de)|\bj\/h|\bdays?\b|\bjours?\b/,
		['personDays', 'capacity']
	],
	[/capacit/, ['capacity']],
	[/\bdebut\b|\bstart|\bcommence/, ['start', 'periodStart']],
	[/\bfin\b|\bend\b|\bdue\b|echeance|deadline|\buntil\b|\blivraison/, ['end', 'periodEnd', 'deadline']],
	[
		/responsables?|porteurs?|pilotes?|\bowners?\b|assigne|\bqui\b|\bwho\b|charge de|en charge|referent|membres?|equipe|\bteam\b|personnes?/,
		['owner', 'member']
	],
	[
		/chantiers?|workstreams?|\bpoles?\b|\baxes?\b|\bstreams?\b|thematiques?|\bthemes?\b|\bdomaines?\b/,
		['workstream', 'workstreams']
	],
	[/resultats? cibles?|key results?|\bkpis?\b|\bokrs?\b|indicateurs? cibles?/, ['keyResults', 'kpi']],
	[
		/periodes?|sprints?|\bperiods?\b|\bmois\b|\bmonths?\b|\bsemaines?\b|\bweeks?\b|\biterations?\b/,
		['period', 'periodName']
	],
	[/statuts?|\betat\b|\bstatus\b|avancement|\bprogress\b|\bstate\b/, ['status', 'progress']],
	[/priorit/, ['priority']],
	[/\bcanal\b|\bcanaux\b|channels?|\bmedias?\b|\bsupports?\b/, ['channel', 'channels']],
	[/\bcibles?\b|\btargets?\b|personas?|\bsegments?\b|audiences?/, ['target', 'targetValue', 'targets']],
	[/gammes?|product lines?|\bproduits?\b|\bproducts?\b|\boffres?\b/, ['productLine', 'productLines']],
	[/budget|\bcouts?\b|\bcosts?\b|montant|\bprix\b|depenses?|\bamount\b|€|\beur\b/, ['cost']],
	[/depend|predecesseur|prerequis|apres|\bafter\b|blocked/, ['dependsOn']],
	[/description|details?|\bcontenu\b|commentaires?|\bnotes?\b|\bcomments?\b|\bobjet\b/, ['description']],
	[
		/valeur de depart|depart|initiale?|reference|baseline|\bbase\b|\bn 1\b|actuel.*debut|\bstarting/,
		['baseline']
	],
	[/valeur cible|visee|\bcible\b|\bgoal\b|\btarget value/, ['targetValue']],
	[/valeur actuelle|\bactuel|\bcurrent|\brealise\b|\bactual\b|\batteint/, ['current']],
	[
		/objectifs? business|business objectives?|objectifs? strategiques?|objectifs? de l'entreprise/,
		['businessObjective']
	],
	[
		/objectifs? marketing|marketing objectives?|objectifs? operationnels?|\bobjectifs?\b|\bobjectives?\b/,
		['marketingObjective']
	],
	[/\bsens\b|direction|tendance/, ['direction']],
	[/recurren|frequence|frequency|repetition|\brepeat/, ['recurrence']],
	[/justification|rationale|pourquoi|\bwhy\b|raison/, ['rationale']],
	[/leviers?|levers?/, ['levers']],
	[/\bunite\b|\bunit\b/, ['unit']],
	[
		/\bactions?\b|intitule|libelle|\bnom\b|\bnames?\b|\btaches?\b|\btasks?\b|\bactivites?\b|\bprojets?\b/,
		['action', 'member']
	]
];

/** The column a header names, in either language, or null for a column the importer does not know. */
export function columnOf(header: string, among: readonly ColumnKey[]): ColumnKey | null {
	const wanted = fold(header);
	if (!wanted) return null;
	for (const key of among) {
		const c = COLUMNS[key] as Words & { aliases?: readonly string[] };
		const names = [c.fr, c.en, ...(c.aliases ?? [])];
		if (names.some((n) => fold(n) === wanted)) return key;
	}
	const words = foldWords(header);
	for (const [rule, keys] of MEANINGS) {
		if (!rule.test(words)) continue;
		const key = keys.find((k) => among.includes(k));
		if (key) return key;
	}
	return null;
}

/** Which sheet a tab name is, in either language, or null. */
export function sheetOf(name: string): SheetKey | null {
	const wanted = fold(name);
	for (const [key, w] of Object.entries(SHEETS) as [SheetKey, Words][]) {
		if (fold(w.fr) === wanted || fold(w.en) === wanted) return key;
	}
	const words = foldWords(name);
	for (const [rule, key] of SHEET_MEANINGS) if (rule.test(words)) return key;
	return null;
}

/** Other names teams give the template's tabs. */
const SHEET_MEANINGS: [RegExp, SheetKey][] = [
	[/\bpar periode|per period|\bplanning\b|calendrier/, 'periods'],
	[/\bbilan\b|review|\bn 1\b|\bretro/, 'review'],
	[/tableau de bord|dashboard|\bkpis?\b/, 'dashboard'],
	[/budget/, 'budget'],
	[/reglages?|parametres?|settings|listes?|referentiels?|\bconfig/, 'settings'],
	[/objecti|\bokrs?\b/, 'objectives'],
	[/actions?|\bsuivi\b|\btaches?\b|\btasks?\b|\bplan\b/, 'actions']
];

const FREQ_WORDS: Record<Recurrence['freq'], Record<Locale, [one: string, many: string]>> = {
	weekly: { fr: ['Chaque semaine', 'Toutes les {n} semaines'], en: ['Every week', 'Every {n} weeks'] },
	monthly: { fr: ['Chaque mois', 'Tous les {n} mois'], en: ['Every month', 'Every {n} months'] },
	quarterly: {
		fr: ['Chaque trimestre', 'Tous les {n} trimestres'],
		en: ['Every quarter', 'Every {n} quarters']
	}
};

/** A recurrence in words a person can read and retype: "Tous les 2 mois jusqu'au 2027-06-30". */
export function recurrenceText(r: Recurrence | null, locale: Locale): string | null {
	if (!r) return null;
	const [one, many] = FREQ_WORDS[r.freq][locale];
	const every = r.interval === 1 ? one : many.replace('{n}', String(r.interval));
	return r.until ? `${every} ${locale === 'fr' ? 'jusqu’au' : 'until'} ${r.until}` : every;
}

/** A recurrence read back from its words in either language ("mensuelle", "every 2 weeks"), else null. */
export function readRecurrence(text: string): Recurrence | null {
	const t = foldWords(text);
	const until = /(?:jusqu'au|jusqu au|until|au)\s+(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4})/.exec(
		text
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[’]/g, "'")
			.toLowerCase()
	);
	const freq: Recurrence['freq'] | null = /semaine|week|hebdo/.test(t)
		? 'weekly'
		: /trimestr|quarter/.test(t)
			? 'quarterly'
			: /\bmois\b|month|mensuel/.test(t)
				? 'monthly'
				: null;
	if (!freq) return null;
	const n = /\b(\d{1,2})\b/.exec(t.replace(/(jusqu.*|until.*)$/, ''));
	const day = until ? readDateText(until[1]!) : null;
	return { freq, interval: n ? Number(n[1]) : 1, until: day };
}
