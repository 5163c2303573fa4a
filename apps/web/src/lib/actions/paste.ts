/**
 * Rows pasted from a spreadsheet (TSV on the clipboard) turned into new actions. The first line is read as
 * a header when it names known columns (French or English, accents and case ignored); otherwise columns
 * are taken in the default order: name, owner, person-days, start, end, cost. Each line becomes one
 * action or one refusal with a reason code the UI translates; nothing is written here. A value that
 * cannot be read (an unknown status, period, owner...) refuses its row: nothing is silently defaulted.
 * A status is read from its French or English label; a period from its name or code (P1..P36), or from a
 * date, which names the period holding it. A header that is none of the words below is read by meaning,
 * like the Excel import's ("Estimation (J/H)", "Effort (man-days)", "Date de début"); statuses by meaning
 * too (SPEC IMP-2: "Terminé", "En attente"), and dates as teams type them (IMP-1: "mars 2027").
 */
import { readDateText, statusByMeaning, type ActionStatus, type AddActionProps } from '@cap/plan-model';
import { ACTION_COLUMNS } from '#lib/exchange/tables.ts';
import { columnOf, type ColumnKey } from '#lib/exchange/vocab.ts';
import { parseNumber } from '#lib/format.ts';

export type PasteField =
	| 'name'
	| 'owner'
	| 'personDays'
	| 'start'
	| 'end'
	| 'plannedCost'
	| 'workstream'
	| 'channel'
	| 'description'
	| 'status'
	| 'period';

export const DEFAULT_ORDER: PasteField[] = ['name', 'owner', 'personDays', 'start', 'end', 'plannedCost'];

const HEADERS: Record<string, PasteField> = {
	name: 'name',
	nom: 'name',
	action: 'name',
	intitule: 'name',
	owner: 'owner',
	responsable: 'owner',
	pilote: 'owner',
	'person-days': 'personDays',
	'person days': 'personDays',
	'jours-homme': 'personDays',
	'jours homme': 'personDays',
	jh: 'personDays',
	charge: 'personDays',
	start: 'start',
	debut: 'start',
	'date de debut': 'start',
	end: 'end',
	fin: 'end',
	'date de fin': 'end',
	cost: 'plannedCost',
	'planned cost': 'plannedCost',
	cout: 'plannedCost',
	'cout prevu': 'plannedCost',
	budget: 'plannedCost',
	workstream: 'workstream',
	chantier: 'workstream',
	channel: 'channel',
	canal: 'channel',
	description: 'description',
	status: 'status',
	statut: 'status',
	etat: 'status',
	state: 'status',
	period: 'period',
	periode: 'period',
	decade: 'period'
};

/** The paste's field for a column the Excel import recognises by meaning. */
const BY_MEANING: Partial<Record<ColumnKey, PasteField>> = {
	action: 'name',
	owner: 'owner',
	personDays: 'personDays',
	start: 'start',
	end: 'end',
	cost: 'plannedCost',
	workstream: 'workstream',
	channel: 'channel',
	description: 'description',
	status: 'status',
	period: 'period'
};

/** The Excel import's column for each paste field, to name it and to remember the person's choice. */
export const PASTE_FIELD_KEY: Record<PasteField, ColumnKey> = {
	name: 'action',
	owner: 'owner',
	personDays: 'personDays',
	start: 'start',
	end: 'end',
	plannedCost: 'cost',
	workstream: 'workstream',
	channel: 'channel',
	description: 'description',
	status: 'status',
	period: 'period'
};

/** The paste field of a remembered column, or null for a column to ignore. */
export function pasteFieldOf(key: ColumnKey | null): PasteField | null {
	return (key && BY_MEANING[key]) ?? null;
}

function headerField(cell: string): PasteField | undefined {
	const key = columnOf(cell, ACTION_COLUMNS);
	return HEADERS[norm(cell)] ?? (key ? BY_MEANING[key] : undefined);
}

/** Status labels as people write them, French and English (accents and case ignored). */
const STATUSES: Record<string, ActionStatus> = {
	'a faire': 'todo',
	'a venir': 'todo',
	prevue: 'todo',
	prevu: 'todo',
	planifiee: 'todo',
	todo: 'todo',
	'to do': 'todo',
	planned: 'todo',
	'en cours': 'in_progress',
	'in progress': 'in_progress',
	in_progress: 'in_progress',
	ongoing: 'in_progress',
	fait: 'done',
	faite: 'done',
	termine: 'done',
	terminee: 'done',
	realise: 'done',
	realisee: 'done',
	done: 'done',
	completed: 'done',
	abandonne: 'dropped',
	abandonnee: 'dropped',
	annule: 'dropped',
	annulee: 'dropped',
	dropped: 'dropped',
	cancelled: 'dropped',
	canceled: 'dropped'
};

export type RefusalReason =
	'name' | 'owner' | 'number' | 'date' | 'dates' | 'workstream' | 'channel' | 'status' | 'period';

export interface PasteRefusal {
	/** 1-based line number in what was pasted. */
	line: number;
	reason: RefusalReason;
	value: string;
}

export interface PasteResult {
	actions: Omit<AddActionProps, 'index'>[];
	refused: PasteRefusal[];
	headerUsed: boolean;
}

function norm(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.trim()
		.toLowerCase();
}

/** Splits TSV as spreadsheets write it: quoted cells may hold tabs, newlines and doubled quotes. */
export function parseTsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"' && cell === '') quoted = true;
		else if (ch === '\t') {
			row.push(cell);
			cell = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += ch;
	}
	if (cell !== '' || row.length > 0) {
		row.push(cell);
		rows.push(row);
	}
	return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** ISO dates, or day-first dates as French spreadsheets write them (31/01/2027, 31.01.27). */
export function parseDate(text: string): string | null {
	const t = text.trim();
	if (/[a-z]/i.test(t)) return readDateText(t);
	if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return validDate(t);
	const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
	if (!m) return null;
	const year = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
	return validDate(`${year}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`);
}

function validDate(iso: string): string | null {
	const d = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** Money and numbers as pasted: "1 200,50 €", "€1,200.50" (thousand commas dropped when a dot follows). */
export function parseAmount(text: string): number | null {
	let t = text.replace(/[€$£]|EUR|CHF/gi, '').trim();
	if (/,\d{3}(\.|$)/.test(t) && t.includes('.')) t = t.replace(/,/g, '');
	return parseNumber(t);
}

function byName(items: Named[], text: string): string | null | undefined {
	if (text.trim() === '') return null;
	const wanted = norm(text);
	return items.find((i) => norm(i.name) === wanted)?.id;
}

interface Named {
	id: string;
	name: string;
}

export interface PasteLists {
	members: Named[];
	workstreams: Named[];
	channels: Named[];
	periods: (Named & { start: string; end: string })[];
}

/** A period by name or code, or the period holding a date; null for an empty cell, undefined if none. */
function periodOf(periods: PasteLists['periods'], text: string): string | null | undefined {
	const named = byName(periods, text);
	if (named !== undefined) return named;
	const date = parseDate(text);
	if (!date) return undefined;
	return periods.find((p) => p.start <= date && date <= p.end)?.id;
}

/** How the pasted columns are understood: the header line (if any) and the field of each column. */
export interface PasteColumns {
	headers: string[];
	fields: (PasteField | null)[];
	headerUsed: boolean;
}

/** Cap's guess for each pasted column, shown to the person, who may change any of them. */
export function pasteColumns(text: string): PasteColumns {
	const table = parseTsv(text);
	const first = table[0]?.map(headerField);
	const headerUsed = !!first && first.includes('name');
	const width = Math.max(0, ...table.map((r) => r.length));
	const fields = Array.from({ length: width }, (_, i) => (headerUsed ? first![i] : DEFAULT_ORDER[i]) ?? null);
	return { headers: headerUsed ? table[0]! : [], fields, headerUsed };
}

/**
 * The actions the pasted rows make. `fields` replaces Cap's guess of each column's field (null: the
 * column is ignored), as the person chose it in the paste dialog.
 */
export function planPaste(text: string, lists: PasteLists, fields?: (PasteField | null)[]): PasteResult {
	const table = parseTsv(text);
	const guess = pasteColumns(text);
	const headerUsed = guess.headerUsed;
	const order: (PasteField | null | undefined)[] = fields ?? guess.fields;
	const result: PasteResult = { actions: [], refused: [], headerUsed };
	table.forEach((cells, i) => {
		if (headerUsed && i === 0) return;
		const line = i + 1;
		const action: Omit<AddActionProps, 'index'> = { name: '' };
		const refuse = (reason: RefusalReason, value: string) => {
			result.refused.push({ line, reason, value });
			return false;
		};
		const ok = order.every((field, col) => {
			const raw = (cells[col] ?? '').trim();
			if (!field) return true;
			switch (field) {
				case 'name':
					action.name = raw;
					return raw !== '' || refuse('name', raw);
				case 'description':
					if (raw) action.description = raw;
					return true;
				case 'status': {
					if (raw === '') return true;
					const status = STATUSES[norm(raw).replace(/\s+/g, ' ')] ?? statusByMeaning(raw);
					if (!status) return refuse('status', raw);
					action.status = status;
					return true;
				}
				case 'period': {
					const id = periodOf(lists.periods, raw);
					if (id === undefined) return refuse('period', raw);
					if (id) action.periodId = id;
					return true;
				}
				case 'owner':
				case 'workstream':
				case 'channel': {
					const list = { owner: lists.members, workstream: lists.workstreams, channel: lists.channels }[
						field
					];
					const id = byName(list, raw);
					if (id === undefined) return refuse(field, raw);
					if (id) action[`${field === 'owner' ? 'ownerId' : `${field}Id`}` as 'ownerId'] = id;
					return true;
				}
				case 'personDays':
				case 'plannedCost': {
					if (raw === '') return true;
					const n = parseAmount(raw);
					if (n === null || n < 0) return refuse('number', raw);
					action[field] = n;
					return true;
				}
				case 'start':
				case 'end': {
					if (raw === '') return true;
					const d = parseDate(raw);
					if (!d) return refuse('date', raw);
					action[field] = d;
					return true;
				}
			}
		});
		if (!ok) return;
		if (action.start && action.end && action.end < action.start) {
			refuse('dates', `${action.start} > ${action.end}`);
			return;
		}
		result.actions.push(action);
	});
	return result;
}
