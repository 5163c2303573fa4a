/**
 * Budget (budget prévisionnel / réalisé): the costs that are not actions, and the summary of the whole
 * plan's money.
 *
 *   budgetLines: Y.Map<LineId, Y.Map<'label' | 'category' | 'planned' | 'actual' | 'createdAt', value>>
 *
 * Actions carry their own planned, committed and actual costs (actions.ts); budget lines stay for what is
 * not an action (agency fees, tools, a stand's freight). Lines are shown by category, then label, then id,
 * and removed with a real delete: the figures are re-entered, not audited. Amounts are never negative
 * (BUD-1). The envelope and the methods' inputs live in `steering` (steering.ts).
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { selectActions, type Action } from './actions.ts';
import { PlanError } from './errors.ts';
import { sumEntered } from './indicators.ts';
import { selectList } from './lists.ts';
import { selectKeyResults, selectMarketingObjectives } from './objectives.ts';
import type { Origin } from './origin.ts';
import { expandOccurrences, selectPlanYear } from './recurrence.ts';
import {
	createRecord,
	liveEntries,
	numOrNull,
	patchRecord,
	removeRecord,
	requireLive,
	str
} from './records.ts';
import { newId, now } from './runtime.ts';
import { rootMap } from './schema.ts';
import { BUDGET_METHODS, selectSteering, type BudgetMethod, type Envelope } from './steering.ts';
import { amountSchema, idSchema, nameSchema, nullish, parse } from './validate.ts';

const lineFields = {
	label: nameSchema,
	category: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100))),
	planned: amountSchema,
	actual: nullish(amountSchema)
};
const addLineInput = v.object(lineFields);
const updateLineInput = v.object({ ...v.partial(v.object(lineFields)).entries, id: idSchema });
export type AddBudgetLineProps = v.InferInput<typeof addLineInput>;
export type UpdateBudgetLineProps = v.InferInput<typeof updateLineInput>;

export interface BudgetLine {
	id: string;
	label: string;
	category: string;
	planned: number;
	/** Null when nobody entered it (BUD-4). */
	actual: number | null;
}

export function addBudgetLine(doc: Y.Doc, props: AddBudgetLineProps, origin: Origin): string {
	const p = parse(addLineInput, props);
	const id = newId();
	doc.transact(() => createRecord(doc, 'budgetLines', id, { category: '', createdAt: now(), ...p }), origin);
	return id;
}

export function updateBudgetLine(doc: Y.Doc, props: UpdateBudgetLineProps, origin: Origin): void {
	const { id, ...patch } = parse(updateLineInput, props);
	const rec = requireLive(doc, 'budgetLines', id, 'id');
	doc.transact(() => patchRecord(rec, patch), origin);
}

export function removeBudgetLine(doc: Y.Doc, props: { id: string }, origin: Origin): void {
	removeRecord(doc, 'budgetLines', props, origin);
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function selectBudgetLines(doc: Y.Doc): BudgetLine[] {
	return liveEntries(doc, 'budgetLines')
		.map(([id, rec]) => ({
			id,
			label: str(rec, 'label'),
			category: str(rec, 'category'),
			planned: Math.max(0, numOrNull(rec, 'planned') ?? 0),
			actual: numOrNull(rec, 'actual')
		}))
		.sort((a, b) => cmp(a.category, b.category) || cmp(a.label, b.label) || cmp(a.id, b.id));
}

// ---- The summary ----

export interface ActionCost {
	action: Action;
	/** BUD-3: occurrences in the plan year (1 for an undated or one-off action). */
	occurrences: number;
	/** BUD-3: the action's yearly cost, plannedCost × occurrences; null when no cost is entered (BUD-8). */
	planned: number | null;
	committed: number | null;
	actual: number | null;
	/** actual − planned (0 when no cost is planned); null while the actual is not entered (BUD-4). */
	gap: number | null;
	/** BUD-5: the actual exceeds the plan. */
	overspent: boolean;
	/** The month (YYYY-MM) of each occurrence, empty when undated. */
	months: string[];
	/** Marketing objectives served, through the action's key results. */
	objectiveIds: string[];
}

/** Where a breakdown puts budget lines: they are not actions, so they have no channel, month... */
export const OTHER_COSTS = '~lines';

export interface BudgetBucket {
	/** The channel, workstream, objective id, `YYYY-MM`, `YYYY-Qn`; null = none / undated; OTHER_COSTS. */
	key: string | null;
	/** BUD-8: each sum is null when no item of the bucket has that amount entered (never a made-up 0). */
	planned: number | null;
	committed: number | null;
	/** Sum of the entered actuals only. */
	actual: number | null;
	/** Planned amount of the items in this bucket whose actual is not entered. */
	plannedWithoutActual: number;
}

export const BREAKDOWNS = ['channel', 'workstream', 'objective', 'quarter', 'month'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface BudgetSummary {
	lines: BudgetLine[];
	actions: ActionCost[];
	/** BUD-2: the bottom-up cost of actions plus the budget lines; null when no amount is entered (BUD-8). */
	plannedTotal: number | null;
	committedTotal: number | null;
	/** Sum of the entered actuals (actions and lines); null when none is entered. */
	actualTotal: number | null;
	/** How many live actions have no planned cost entered. */
	plannedMissing: number;
	/** How many actions or lines with a planned cost have no actual yet. */
	actualMissing: number;
	/** BUD-4: actual − planned over the items whose actual is entered; null when none is. */
	gap: number | null;
	/** BUD-6: the three methods; null until their inputs are set. */
	methods: Record<BudgetMethod, number | null>;
	/** The largest minus the smallest known method. */
	methodsSpread: number | null;
	envelope: Envelope | null;
	/** envelope − plannedTotal (negative: the plan does not fit). */
	envelopeRemaining: number | null;
	/** BUD-5: in words for the UI: the plan or the spending exceeds the envelope. */
	overEnvelope: { planned: boolean; actual: boolean };
	breakdowns: Record<Breakdown, BudgetBucket[]>;
}

function actionCost(action: Action, yearEnd: string, objectivesByKr: Map<string, string | null>): ActionCost {
	const everything = { from: '0000-01-01', to: '9999-12-31' };
	const occ = expandOccurrences(action, everything, { repeatUntil: yearEnd });
	const occurrences = Math.max(1, occ.length);
	const planned = action.plannedCost === null ? null : action.plannedCost * occurrences;
	const actual = action.actualCost;
	const objectiveIds = [
		...new Set(action.keyResultIds.map((kr) => objectivesByKr.get(kr)).filter((o): o is string => !!o))
	].sort();
	return {
		action,
		occurrences,
		planned,
		committed: action.committedCost,
		actual,
		gap: actual === null ? null : actual - (planned ?? 0),
		overspent: actual !== null && actual > (planned ?? 0),
		months: occ.map((o) => o.start.slice(0, 7)),
		objectiveIds
	};
}

function quarterOf(month: string): string {
	return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The keys an action's money goes to, each with its share (shares sum to 1). */
function shares(cost: ActionCost, by: Breakdown): [string | null, number][] {
	const a = cost.action;
	const spread = (keys: string[]): [string | null, number][] =>
		keys.length === 0 ? [[null, 1]] : keys.map((k) => [k, 1 / keys.length]);
	switch (by) {
		case 'channel':
			return [[a.channelId, 1]];
		case 'workstream':
			return [[a.workstreamId, 1]];
		case 'objective':
			return spread(cost.objectiveIds);
		case 'month':
			return spread(cost.months);
		case 'quarter':
			return spread(cost.months.map(quarterOf));
	}
}

function breakdown(
	costs: ActionCost[],
	lines: BudgetLine[],
	by: Breakdown,
	position: Map<string, number>
): BudgetBucket[] {
	const buckets = new Map<string | null, BudgetBucket>();
	const plus = (sum: number | null, amount: number | null, share: number) =>
		amount === null ? sum : (sum ?? 0) + amount * share;
	const add = (
		key: string | null,
		share: number,
		planned: number | null,
		committed: number | null,
		actual: number | null
	) => {
		const b = buckets.get(key) ?? {
			key,
			planned: null,
			committed: null,
			actual: null,
			plannedWithoutActual: 0
		};
		b.planned = plus(b.planned, planned, share);
		b.committed = plus(b.committed, committed, share);
		b.actual = plus(b.actual, actual, share);
		if (actual === null) b.plannedWithoutActual += (planned ?? 0) * share;
		buckets.set(key, b);
	};
	for (const c of costs)
		for (const [key, share] of shares(c, by)) add(key, share, c.planned, c.committed, c.actual);
	for (const l of lines) add(OTHER_COSTS, 1, l.planned, null, l.actual);
	// BUD-9: dated keys in calendar order; channels, workstreams and objectives in their list's order (ids
	// differ from plan to plan). Null and lines go last.
	const rank = (k: string | null) => (k === null ? 1 : k === OTHER_COSTS ? 2 : 0);
	const place = (k: string | null) => (k === null ? 0 : (position.get(k) ?? Number.MAX_SAFE_INTEGER));
	return [...buckets.values()].sort(
		(x, y) => rank(x.key) - rank(y.key) || place(x.key) - place(y.key) || cmp(x.key ?? '', y.key ?? '')
	);
}

/** Where each channel, workstream or objective sits in its list (empty for the dated breakdowns). */
function listPositions(doc: Y.Doc, by: Breakdown): Map<string, number> {
	const ids =
		by === 'channel'
			? selectList(doc, 'channels').map((c) => c.id)
			: by === 'workstream'
				? selectList(doc, 'workstreams').map((w) => w.id)
				: by === 'objective'
					? selectMarketingObjectives(doc).map((o) => o.id)
					: [];
	return new Map(ids.map((id, i) => [id, i]));
}

/** BUD-6: the three ways to set the budget, computed from the current plan. */
function budgetMethods(doc: Y.Doc, bottomUp: number | null): Record<BudgetMethod, number | null> {
	const s = selectSteering(doc);
	return {
		lastYear: s.lastYearBudget === null ? null : s.lastYearBudget * (1 + (s.lastYearChangePct ?? 0) / 100),
		revenuePct:
			s.forecastRevenue === null || s.revenuePct === null ? null : (s.forecastRevenue * s.revenuePct) / 100,
		bottomUp
	};
}

export function selectBudget(doc: Y.Doc): BudgetSummary {
	const lines = selectBudgetLines(doc);
	const yearEnd = selectPlanYear(doc).to;
	const objectivesByKr = new Map(selectKeyResults(doc).map((kr) => [kr.id, kr.marketingObjectiveId]));
	const actions = selectActions(doc)
		.filter((a) => a.status !== 'dropped')
		.map((a) => actionCost(a, yearEnd, objectivesByKr));
	const bottomUp = sumEntered(actions.map((c) => c.planned));
	const items: { planned: number | null; committed: number | null; actual: number | null }[] = [
		...actions.map((c) => ({ planned: c.planned, committed: c.committed, actual: c.actual })),
		...lines.map((l) => ({ planned: l.planned, committed: null, actual: l.actual }))
	];
	const plannedTotal = sumEntered(items.map((i) => i.planned));
	const entered = items.filter((i) => i.actual !== null);
	const actualTotal = sumEntered(items.map((i) => i.actual));
	const methods = budgetMethods(doc, bottomUp);
	const known = BUDGET_METHODS.map((m) => methods[m]).filter((v): v is number => v !== null);
	const envelope = selectSteering(doc).envelope;
	return {
		lines,
		actions,
		plannedTotal,
		committedTotal: sumEntered(items.map((i) => i.committed)),
		actualTotal,
		plannedMissing: actions.filter((c) => c.planned === null).length,
		actualMissing: items.filter((i) => i.actual === null && (i.planned ?? 0) > 0).length,
		gap: entered.length === 0 ? null : entered.reduce((s, i) => s + (i.actual ?? 0) - (i.planned ?? 0), 0),
		methods,
		methodsSpread: known.length < 2 ? null : Math.max(...known) - Math.min(...known),
		envelope,
		envelopeRemaining: envelope ? envelope.amount - (plannedTotal ?? 0) : null,
		overEnvelope: {
			planned: envelope !== null && (plannedTotal ?? 0) > envelope.amount,
			actual: envelope !== null && (actualTotal ?? 0) > envelope.amount
		},
		breakdowns: Object.fromEntries(
			BREAKDOWNS.map((by) => [by, breakdown(actions, lines, by, listPositions(doc, by))])
		) as Record<Breakdown, BudgetBucket[]>
	};
}

const envelopeInput = v.variant('method', [
	v.object({ method: v.picklist(BUDGET_METHODS) }),
	v.object({ method: v.literal('custom'), amount: amountSchema })
]);
export type ChooseEnvelopeProps = v.InferInput<typeof envelopeInput>;

/**
 * BUD-6: the team's envelope, taken from one of the methods (its value now) or typed, stored with who chose
 * it and when, in one transaction. A method without a value yet is refused (`invalid_input` on `method`).
 */
export function chooseEnvelope(doc: Y.Doc, props: ChooseEnvelopeProps, origin: Origin): number {
	const p = parse(envelopeInput, props);
	const amount = p.method === 'custom' ? p.amount : selectBudget(doc).methods[p.method];
	if (amount === null) throw new PlanError('invalid_input', 'method', 'method: this method has no value yet');
	const map = rootMap(doc, 'steering');
	doc.transact(() => {
		map.set('envelope', amount);
		map.set('envelopeMethod', p.method);
		map.set('envelopeSetBy', origin.kind === 'user' ? origin.participantId : null);
		map.set('envelopeSetAt', now());
	}, origin);
	return amount;
}
