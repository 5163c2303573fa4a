/**
 * Comparing two states of a plan (CMP-1), for the versions screen: actions added, removed and changed
 * field by field (references shown by name), objectives and key results added or removed, and the budget
 * totals side by side. Pure: reads both documents with the ordinary selectors.
 */
import type * as Y from 'yjs';
import { selectActions, type Action } from './actions.ts';
import { selectBudget } from './budget.ts';
import { selectList } from './lists.ts';
import { selectKeyResults, selectMarketingObjectives } from './objectives.ts';
import { selectPeriods } from './periods.ts';

export interface FieldChange {
	field: string;
	from: string;
	to: string;
}

export interface PlanComparison {
	actions: { added: string[]; removed: string[]; changed: { name: string; changes: FieldChange[] }[] };
	objectives: { added: string[]; removed: string[] };
	keyResults: { added: string[]; removed: string[]; changed: { name: string; changes: FieldChange[] }[] };
	/** Each total before and after; null where nobody entered a figure (never read as 0). */
	budget: {
		planned: [number | null, number | null];
		actual: [number | null, number | null];
		actionsCost: [number | null, number | null];
	};
}

const COMPARED: (keyof Action)[] = [
	'name',
	'status',
	'workstreamId',
	'descriptionText',
	'keyResultIds',
	'priority',
	'ownerId',
	'personDays',
	'periodId',
	'start',
	'end',
	'dependsOn',
	'channelId',
	'targetId',
	'productLineId',
	'plannedCost',
	'recurrence'
];

function names(doc: Y.Doc): Map<string, string> {
	const out = new Map<string, string>();
	for (const kind of ['members', 'workstreams', 'channels', 'productLines', 'targets'] as const) {
		for (const item of selectList(doc, kind)) out.set(item.id, item.name);
	}
	for (const p of selectPeriods(doc)) out.set(p.id, p.name);
	for (const k of selectKeyResults(doc)) out.set(k.id, k.kpi);
	for (const a of selectActions(doc)) out.set(a.id, a.name);
	return out;
}

function text(value: unknown, lookup: Map<string, string>): string {
	if (value === null || value === undefined || value === '') return '';
	if (Array.isArray(value)) return value.map((v) => lookup.get(String(v)) ?? String(v)).join(', ');
	if (typeof value === 'object') return JSON.stringify(value);
	return lookup.get(String(value)) ?? String(value);
}

function diffBy<T extends { id: string }>(
	before: T[],
	after: T[],
	label: (item: T) => string,
	fields: (keyof T)[],
	lookups: [Map<string, string>, Map<string, string>]
) {
	const old = new Map(before.map((x) => [x.id, x]));
	const now = new Map(after.map((x) => [x.id, x]));
	const changed: { name: string; changes: FieldChange[] }[] = [];
	for (const item of after) {
		const prev = old.get(item.id);
		if (!prev) continue;
		const changes = fields
			.map((f) => ({ field: String(f), from: text(prev[f], lookups[0]), to: text(item[f], lookups[1]) }))
			.filter((c) => c.from !== c.to);
		if (changes.length > 0) changed.push({ name: label(item), changes });
	}
	return {
		added: after.filter((x) => !old.has(x.id)).map(label),
		removed: before.filter((x) => !now.has(x.id)).map(label),
		changed
	};
}

/** CMP-1: what changed from `before` to `after`. */
export function comparePlans(before: Y.Doc, after: Y.Doc): PlanComparison {
	const lookups: [Map<string, string>, Map<string, string>] = [names(before), names(after)];
	const b1 = selectBudget(before);
	const b2 = selectBudget(after);
	const objectives = diffBy(
		selectMarketingObjectives(before),
		selectMarketingObjectives(after),
		(m) => m.name,
		[],
		lookups
	);
	return {
		actions: diffBy(selectActions(before), selectActions(after), (a) => a.name, COMPARED, lookups),
		objectives: { added: objectives.added, removed: objectives.removed },
		keyResults: diffBy(
			selectKeyResults(before),
			selectKeyResults(after),
			(k) => k.kpi,
			['kpi', 'baseline', 'target', 'current', 'deadline', 'priority'],
			lookups
		),
		budget: {
			planned: [b1.plannedTotal, b2.plannedTotal],
			actual: [b1.actualTotal, b2.actualTotal],
			actionsCost: [b1.methods.bottomUp, b2.methods.bottomUp]
		}
	};
}
