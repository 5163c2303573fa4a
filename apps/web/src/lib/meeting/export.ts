/**
 * The Points d'avancement tab of the Excel export: each ended meeting's summary (MEET-6), as saved with the
 * plan: one block of rows per meeting, one row per action reviewed, its decisions and measurements after.
 */
import { selectMeetings, type Locale, type MeetingOutcome } from '@cap/plan-model';
import type * as Y from 'yjs';
import type { Cell, Sheet } from '#lib/exchange/tables.ts';
import { SHEETS } from '#lib/exchange/vocab.ts';

const OUTCOMES: Record<MeetingOutcome, [string, string]> = {
	done: ['Fait', 'Done'],
	slipped: ['Glissé', 'Slipped'],
	blocked: ['Bloqué', 'Blocked']
};

export function meetingsSheet(doc: Y.Doc, locale: Locale): Sheet {
	const fr = locale === 'fr';
	const rows: Cell[][] = [];
	for (const meeting of [...selectMeetings(doc)].reverse()) {
		const s = meeting.summary;
		if (!s) continue;
		for (const a of s.actions)
			rows.push([
				s.periodName,
				s.periodEnd || null,
				a.name,
				a.ownerName,
				a.personDays,
				a.outcome ? OUTCOMES[a.outcome][fr ? 0 : 1] : fr ? 'Pas revu' : 'Not reviewed',
				a.note || null
			]);
		for (const d of s.decisions)
			rows.push([s.periodName, s.periodEnd || null, fr ? 'Décision' : 'Decision', null, null, null, d]);
		for (const ms of s.measurements)
			rows.push([s.periodName, ms.date, fr ? 'Mesure' : 'Measurement', ms.kpi, ms.actual, null, null]);
		if (s.nextLoad && s.nextPeriodName)
			rows.push([
				s.periodName,
				s.periodEnd || null,
				fr ? `Charge de ${s.nextPeriodName}` : `Load of ${s.nextPeriodName}`,
				s.nextLoad.overloaded.join(', ') || null,
				s.nextLoad.personDays,
				null,
				fr ? `capacité ${s.nextLoad.capacity} j/h` : `capacity ${s.nextLoad.capacity} p-d`
			]);
	}
	const h = (a: string, b: string) => (fr ? a : b);
	return {
		key: 'meetings',
		name: SHEETS.meetings[locale],
		tables: [
			{
				columns: [
					{ key: 'period', header: h('Période', 'Period'), kind: 'text' },
					{ key: 'date', header: h('Date', 'Date'), kind: 'date' },
					{ key: 'item', header: h('Action ou point', 'Action or item'), kind: 'text' },
					{ key: 'owner', header: h('Responsable', 'Owner'), kind: 'text' },
					{ key: 'value', header: h('Jours-homme ou valeur', 'Person-days or value'), kind: 'number' },
					{ key: 'outcome', header: h('Résultat', 'Outcome'), kind: 'text' },
					{ key: 'note', header: h('Note', 'Note'), kind: 'longtext' }
				],
				rows
			}
		]
	};
}
