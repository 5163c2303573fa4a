/**
 * The plan document's top level. Every root type is a Y.Map, named by one of PLAN_ROOT_KEYS:
 *
 *   meta:      Y.Map<'schemaVersion' | 'createdAt', value>
 *   settings:  Y.Map<field, value>                       (one flat record, see settings.ts)
 *   workshop:  Y.Map<field, value>                       (one flat record, see workshop.ts)
 *   votes:     Y.Map<`${participantId}:${ideaId}`, number>
 *   scores:    Y.Map<`${participantId}:${ideaId}:${criterion}`, number>
 *   steering:  Y.Map<field, value>                       (one flat record, see steering.ts)
 *   people:    Y.Map<participantId, Y.Map<field, value>> (who joined, written by the server, see people.ts)
 *   <others>:  Y.Map<RecordId, Y.Map<field, value>>      (one Y.Map per record, see each entity module)
 *
 * One Y.Map per record means two people editing different fields of the same record both win. Nested
 * Y types inside a record (id sets, rich text) are created together with the record and never lazily:
 * two replicas creating a nested type at the same key concurrently would keep only one of them.
 */
import type * as Y from 'yjs';

export const SCHEMA_VERSION = 1;

export const PLAN_ROOT_KEYS = [
	'meta',
	'settings',
	'members',
	'workstreams',
	'channels',
	'productLines',
	'targets',
	'periods',
	'reviewItems',
	'lastYearObjectives',
	'businessObjectives',
	'marketingObjectives',
	'keyResults',
	'ideas',
	'ideaGroups',
	'votes',
	'scores',
	'workshop',
	'actions',
	'keyMoments',
	'budgetLines',
	'kpiMeasurements',
	'steering',
	'commentThreads',
	'comments',
	'people',
	'personas',
	'watchEntries',
	'swotItems',
	'mixOrientations',
	'meetings'
] as const;

export type PlanRootKey = (typeof PLAN_ROOT_KEYS)[number];

/** Every root key holds a Y.Map (the server can `doc.getMap(key)` for each one). */
export const PLAN_ROOT_TYPES: Readonly<Record<PlanRootKey, 'map'>> = Object.freeze(
	Object.fromEntries(PLAN_ROOT_KEYS.map((k) => [k, 'map'])) as Record<PlanRootKey, 'map'>
);

/** A record: one Y.Map of fields. */
export type Rec = Y.Map<unknown>;

export function rootMap(doc: Y.Doc, key: PlanRootKey): Y.Map<unknown> {
	return doc.getMap<unknown>(key);
}

export function collection(doc: Y.Doc, key: PlanRootKey): Y.Map<Rec> {
	return doc.getMap<Rec>(key);
}
