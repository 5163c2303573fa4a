/**
 * How an import reads what teams type into their own spreadsheets (SPEC IMP-1..IMP-4): dates written as
 * text, status and priority words in their own wording, and a key result's direction from its figures.
 * Pure functions of plain values, no document: the web importer calls them cell by cell and the person
 * sees their answer in the preview before anything is written.
 */
import type { ActionStatus } from '../actions.ts';
import type { KeyResultDirection, Priority } from '../objectives.ts';

/** Lower case, no accents, typographic apostrophes folded, punctuation as spaces, single spaces. */
export function foldWords(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[’`]/g, "'")
		.toLowerCase()
		.replace(/[^a-z0-9/%']+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

const MONTHS: Record<string, number> = {
	janvier: 1,
	janv: 1,
	jan: 1,
	january: 1,
	fevrier: 2,
	fevr: 2,
	fev: 2,
	feb: 2,
	february: 2,
	mars: 3,
	mar: 3,
	march: 3,
	avril: 4,
	avr: 4,
	apr: 4,
	april: 4,
	mai: 5,
	may: 5,
	juin: 6,
	jun: 6,
	june: 6,
	juillet: 7,
	juil: 7,
	jul: 7,
	july: 7,
	aout: 8,
	aug: 8,
	august: 8,
	septembre: 9,
	sept: 9,
	sep: 9,
	september: 9,
	octobre: 10,
	oct: 10,
	october: 10,
	novembre: 11,
	nov: 11,
	november: 11,
	decembre: 12,
	dec: 12,
	december: 12
};

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function iso(y: number, m: number, d: number): string | null {
	if (y < 100) y += 2000;
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return null;
	return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * IMP-1: a date typed as text, as an ISO day, or null when it cannot be read. Day first as in France
 * ("15/03/2027", "15-03-27", "15.03.2027"), ISO ("2027-03-15"), with a month name in French or English
 * ("15 mars 2027", "March 15, 2027"), or a month alone ("mars 2027"), which reads as its first day, or
 * its last when `edge` is 'end' (the end of a period or of an action). A spreadsheet's day number
 * (days since 1899-12-30, as Excel stores dates) is read too.
 */
export function readDateText(text: string | number, edge: 'start' | 'end' = 'start'): string | null {
	if (typeof text === 'number') {
		if (!Number.isInteger(text) || text < 1 || text > 120000) return null;
		return new Date(Date.UTC(1899, 11, 30) + text * 86400000).toISOString().slice(0, 10);
	}
	const t = foldWords(text).replace(/\b(1er|1st)\b/, '1');
	let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(text.trim());
	if (m) return iso(+m[1]!, +m[2]!, +m[3]!);
	m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:\s.*)?$/.exec(text.trim());
	if (m) return iso(+m[3]!, +m[2]!, +m[1]!);
	m = /^(\d{1,2})(?:er|st|nd|rd|th)? ([a-z]+) (\d{4})$/.exec(t);
	if (m && MONTHS[m[2]!]) return iso(+m[3]!, MONTHS[m[2]!]!, +m[1]!);
	m = /^([a-z]+) (\d{1,2})(?:st|nd|rd|th)? (\d{4})$/.exec(t);
	if (m && MONTHS[m[1]!]) return iso(+m[3]!, MONTHS[m[1]!]!, +m[2]!);
	m = /^([a-z]+) (\d{4})$/.exec(t);
	if (m && MONTHS[m[1]!]) {
		const y = +m[2]!;
		const month = MONTHS[m[1]!]!;
		return iso(y, month, edge === 'end' ? daysIn(y, month) : 1);
	}
	return null;
}

/** Words teams use for each status, folded (foldWords); the first of each is Cap's own French word. */
const STATUS_MEANINGS: Record<ActionStatus, string[]> = {
	todo: [
		'a faire',
		'todo',
		'to do',
		'a lancer',
		'a venir',
		'a demarrer',
		'a planifier',
		'non commence',
		'non commencee',
		'pas commence',
		'pas demarre',
		'prevu',
		'prevue',
		'planifie',
		'planifiee',
		'en attente',
		'attente',
		'en pause',
		'a valider',
		'nouveau',
		'nouvelle',
		'not started',
		'planned',
		'open',
		'pending',
		'on hold',
		'waiting',
		'backlog',
		'new',
		'idee'
	],
	in_progress: [
		'en cours',
		'in progress',
		'commence',
		'commencee',
		'demarre',
		'demarree',
		'lance',
		'lancee',
		'en production',
		'en preparation',
		'ongoing',
		'started',
		'doing',
		'wip',
		'active',
		'underway'
	],
	done: [
		'terminee',
		'termine',
		'done',
		'fait',
		'faite',
		'realise',
		'realisee',
		'fini',
		'finie',
		'clos',
		'close',
		'cloture',
		'cloturee',
		'livre',
		'livree',
		'acheve',
		'achevee',
		'ok',
		'completed',
		'complete',
		'finished',
		'closed',
		'delivered'
	],
	dropped: [
		'abandonnee',
		'abandonne',
		'dropped',
		'annule',
		'annulee',
		'supprime',
		'supprimee',
		'arrete',
		'arretee',
		'cancelled',
		'canceled',
		'abandoned',
		'stopped',
		'ko'
	]
};

const PRIORITY_MEANINGS: Record<Priority, string[]> = {
	high: [
		'haute',
		'high',
		'elevee',
		'eleve',
		'forte',
		'fort',
		'urgent',
		'urgente',
		'critique',
		'p1',
		'1',
		'prioritaire',
		'important',
		'importante',
		'top'
	],
	medium: ['moyenne', 'medium', 'moyen', 'normale', 'normal', 'p2', '2', 'standard'],
	low: ['basse', 'low', 'faible', 'bas', 'p3', '3', 'secondaire', 'optionnel', 'optionnelle']
};

function byMeaning<T extends string>(meanings: Record<T, string[]>, text: string): T | null {
	const wanted = foldWords(text).replace(/^\d+\s*[-.)]\s*/, '');
	if (!wanted) return null;
	for (const [code, words] of Object.entries(meanings) as [T, string[]][]) {
		if (foldWords(code) === wanted || words.includes(wanted)) return code;
	}
	// "Terminé (à facturer)", "En cours - 50 %": the first words carry the meaning.
	for (const [code, words] of Object.entries(meanings) as [T, string[]][]) {
		if (words.some((w) => wanted.startsWith(`${w} `))) return code;
	}
	return null;
}

/** IMP-2: the action status a word means, in French or English, with or without accents, else null. */
export function statusByMeaning(text: string): ActionStatus | null {
	return byMeaning(STATUS_MEANINGS, text);
}

/** IMP-2: the priority a word means ("Haute", "Élevée", "P1", "Low"...), else null. */
export function priorityByMeaning(text: string): Priority | null {
	return byMeaning(PRIORITY_MEANINGS, text);
}

/**
 * IMP-3: a key result's direction when the file does not say it: a target below the baseline means the
 * KPI should fall (a cost per lead from 40 to 30 €); otherwise, and when either figure is missing, it
 * should rise (KR-3's default).
 */
export function inferDirection(baseline: number | null, target: number | null): KeyResultDirection {
	return baseline !== null && target !== null && target < baseline ? 'decrease' : 'increase';
}
