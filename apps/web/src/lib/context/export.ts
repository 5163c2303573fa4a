/**
 * The Contexte tab of the Excel export: personae, the watch, the SWOT and the 4P orientations side by
 * side, read from the same selectors as the section (names, not ids, for the links).
 */
import {
	selectList,
	selectMixOrientations,
	selectPersonas,
	selectSwotItems,
	selectWatchEntries,
	type Locale,
	type MixLever,
	type MixMove,
	type SwotQuadrant
} from '@cap/plan-model';
import type * as Y from 'yjs';
import { SEP, type Cell, type Kind, type Sheet, type Table } from '#lib/exchange/tables.ts';
import { SHEETS } from '#lib/exchange/vocab.ts';

type Col = [key: string, fr: string, en: string, kind: Kind];

function table(locale: Locale, cols: Col[], rows: Cell[][]): Table {
	return {
		columns: cols.map(([key, fr, en, kind]) => ({ key, header: locale === 'fr' ? fr : en, kind })),
		rows
	};
}

const QUADRANTS: Record<SwotQuadrant, [string, string]> = {
	strength: ['Force', 'Strength'],
	weakness: ['Faiblesse', 'Weakness'],
	opportunity: ['Opportunité', 'Opportunity'],
	threat: ['Menace', 'Threat']
};
const LEVERS: Record<MixLever, [string, string]> = {
	product: ['Produit', 'Product'],
	price: ['Prix', 'Price'],
	place: ['Distribution', 'Place'],
	promotion: ['Communication', 'Promotion']
};
const MOVES: Record<MixMove, [string, string]> = {
	launch: ['Lancer', 'Launch'],
	improve: ['Améliorer', 'Improve'],
	drop: ['Abandonner', 'Drop'],
	enter: ['Ouvrir', 'Enter'],
	leave: ['Quitter', 'Leave']
};

export function contextSheet(doc: Y.Doc, locale: Locale): Sheet {
	const word = ([fr, en]: [string, string]) => (locale === 'fr' ? fr : en);
	const names = (key: 'channels' | 'targets' | 'members' | 'productLines') =>
		new Map(selectList(doc, key).map((x) => [x.id, x.name]));
	const channels = names('channels');
	const targets = names('targets');
	const members = names('members');
	const lines = names('productLines');
	const personas = selectPersonas(doc);
	const watch = selectWatchEntries(doc);
	const personaName = new Map(personas.map((p) => [p.id, p.name]));
	const watchName = new Map(watch.map((w) => [w.id, w.subject]));
	const list = (ids: string[], map: Map<string, string>) =>
		ids.map((id) => map.get(id) ?? '').join(SEP) || null;
	const orNull = (s: string) => s || null;

	const personaTable = table(
		locale,
		[
			['persona', 'Persona', 'Persona', 'text'],
			['who', 'Qui sont-ils ?', 'Who are they?', 'longtext'],
			['needs', 'Besoins', 'Needs', 'longtext'],
			['objections', 'Objections', 'Objections', 'longtext'],
			['tone', 'Ton', 'Tone', 'longtext'],
			['targets', 'Cibles', 'Targets', 'text'],
			['channels', 'Canaux', 'Channels', 'text']
		],
		personas.map((p) => [
			p.name,
			orNull(p.description),
			orNull(p.needs),
			orNull(p.objections),
			orNull(p.tone),
			list(p.targetIds, targets),
			list(p.channelIds, channels)
		])
	);
	const watchTable = table(
		locale,
		[
			['kind', 'Type', 'Kind', 'text'],
			['subject', 'Concurrent ou tendance', 'Competitor or trend', 'text'],
			['observed', 'Ce qui a été vu', 'What was seen', 'longtext'],
			['source', 'Source', 'Source', 'text'],
			['seenOn', 'Vu le', 'Seen on', 'date'],
			['notedBy', 'Noté par', 'Noted by', 'text'],
			['tags', 'Étiquettes', 'Tags', 'text']
		],
		watch.map((w) => [
			w.kind === 'competitor' ? word(['Concurrent', 'Competitor']) : word(['Tendance', 'Trend']),
			w.subject,
			orNull(w.observed),
			w.sourceUrl,
			w.seenOn,
			w.notedById ? (members.get(w.notedById) ?? null) : null,
			w.tags.join(SEP) || null
		])
	);
	const swotTable = table(
		locale,
		[
			['quadrant', 'SWOT', 'SWOT', 'text'],
			['text', 'Élément', 'Item', 'longtext'],
			['personas', 'Personae', 'Personae', 'text'],
			['watch', 'Veille', 'Watch', 'text']
		],
		selectSwotItems(doc)
			.sort((a, b) => Object.keys(QUADRANTS).indexOf(a.quadrant) - Object.keys(QUADRANTS).indexOf(b.quadrant))
			.map((i) => [
				word(QUADRANTS[i.quadrant]),
				i.text,
				list(i.personaIds, personaName),
				list(i.watchEntryIds, watchName)
			])
	);
	const mixTable = table(
		locale,
		[
			['lever', 'Levier (4P)', 'Lever (4P)', 'text'],
			['orientation', 'Orientation', 'Orientation', 'longtext'],
			['move', 'Mouvement', 'Move', 'text'],
			['target', 'Canal ou gamme', 'Channel or product line', 'text']
		],
		selectMixOrientations(doc).map((o) => [
			word(LEVERS[o.lever]),
			o.text,
			o.move ? word(MOVES[o.move]) : null,
			(o.channelId ? channels.get(o.channelId) : o.productLineId ? lines.get(o.productLineId) : null) ?? null
		])
	);
	return {
		key: 'context',
		name: SHEETS.context[locale],
		tables: [personaTable, watchTable, swotTable, mixTable]
	};
}
