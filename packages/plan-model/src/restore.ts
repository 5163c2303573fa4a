/**
 * RESTORE-1..3: making the plan's content what a named version holds, by ordinary edits. Only what
 * differs is written (a field, one id of an id set, a rich text's content), so a restore merges with
 * whatever others are typing at the same moment instead of replacing their document, and it is one
 * transaction everyone receives like any other edit.
 *
 * Restored: settings, lists, periods, review items, objectives, key results, actions, key moments,
 * budget lines and KPI measurements. Left as they are: comments, ideas, votes, scores and the workshop
 * (the conversation and the kickoff's history are not the plan's content), `people` and `meta`.
 */
import * as Y from 'yjs';
import type { Origin } from './origin.ts';
import { rootMap, type PlanRootKey, type Rec } from './schema.ts';

export const RESTORED_ROOTS: readonly PlanRootKey[] = [
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
	'actions',
	'keyMoments',
	'budgetLines',
	'kpiMeasurements',
	'steering',
	'personas',
	'watchEntries',
	'swotItems',
	'mixOrientations'
];

/** Collections whose removed records stay as tombstones (see actions.ts, ACT-5). */
const TOMBSTONED: ReadonlySet<PlanRootKey> = new Set(['actions']);

type AnyType = Y.AbstractType<unknown>;

function same(a: unknown, b: unknown): boolean {
	if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) return false;
	return JSON.stringify(a) === JSON.stringify(b);
}

/** Rich text is compared by its XML and replaced whole when it differs. */
function syncFragment(live: Y.XmlFragment, wanted: Y.XmlFragment): void {
	if (live.toJSON() === wanted.toJSON()) return;
	live.delete(0, live.length);
	live.insert(
		0,
		wanted.toArray().map((node) => node.clone() as Y.XmlElement | Y.XmlText)
	);
}

/** Makes `live` hold what `wanted` holds, key by key, recursing into nested maps and rich text. */
function syncMap(live: Y.Map<unknown>, wanted: Y.Map<unknown>): void {
	for (const key of [...live.keys()]) if (!wanted.has(key)) live.delete(key);
	for (const [key, value] of wanted.entries()) {
		const current = live.get(key);
		if (value instanceof Y.Map && current instanceof Y.Map) syncMap(current, value);
		else if (value instanceof Y.XmlFragment && current instanceof Y.XmlFragment) syncFragment(current, value);
		else if (value instanceof Y.AbstractType) live.set(key, (value as AnyType).clone());
		else if (!same(current, value)) live.set(key, value);
	}
}

/**
 * RESTORE-1: the restored roots of `doc` end up equal (as JSON) to those of `version`; records created
 * since the version are removed (actions tombstoned, ACT-5); records the version has are recreated or
 * patched field by field.
 */
export function restoreVersion(doc: Y.Doc, version: Y.Doc, origin: Origin): void {
	doc.transact(() => {
		for (const key of RESTORED_ROOTS) {
			const live = rootMap(doc, key);
			const wanted = version.getMap<unknown>(key);
			if (key === 'settings') {
				syncMap(live, wanted);
				continue;
			}
			for (const id of [...live.keys()]) {
				if (wanted.has(id)) continue;
				const rec = live.get(id) as Rec;
				if (TOMBSTONED.has(key) && rec instanceof Y.Map) {
					if (rec.get('deleted') !== true) rec.set('deleted', true);
				} else live.delete(id);
			}
			for (const [id, rec] of wanted.entries()) {
				const current = live.get(id);
				if (current instanceof Y.Map && rec instanceof Y.Map) syncMap(current, rec);
				else if (rec instanceof Y.Map) live.set(id, rec.clone());
			}
		}
	}, origin);
}
