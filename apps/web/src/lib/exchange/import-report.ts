/**
 * The export's Bilan N-1, Budget and Tableau de bord tabs read back (plan-import.ts calls this inside
 * its walk, so the preview and the one-transaction import cover them too): last year's review items,
 * budget lines, each action's committed and actual cost (the Budget tab's Action rows) and KPI
 * measurements. Their computed columns (ROI, rates, gaps) are results and are not read, nor are the
 * tables beside the typed one (totals, envelope, breakdowns: parse.ts reads one table per tab); a total
 * row has no line name and is skipped. Records are matched by name (review items, budget lines, actions
 * in order) or by key result and date (measurements), so a second import changes nothing.
 */
import {
	addBudgetLine,
	addKpiMeasurement,
	addReviewItem,
	selectActions,
	selectBudgetLines,
	selectKeyResults,
	selectKpiMeasurements,
	selectReviewItems,
	updateAction,
	updateBudgetLine,
	updateKpiMeasurement,
	updateReviewItem,
	type Origin
} from '@cap/plan-model';
import type * as Y from 'yjs';
import type { ParsedRow, Reason, Value } from './parse.ts';
import type { Change, Entity, Entry } from './plan-import.ts';
import { COST_KINDS, DECISION_WORDS, fold, fromWords, RESULT_WORDS, type ColumnKey } from './vocab.ts';

export interface ReportContext {
	doc: Y.Doc;
	origin: Origin;
	entry(row: ParsedRow, entity: Entity, name: string): Entry;
	refuse(e: Entry, reason: Reason): void;
	attempt(fn: () => void): Reason | null;
}

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** The fields of `wanted` whose column the row has and could read, as [field, column] pairs. */
function present(row: ParsedRow, wanted: [field: string, column: ColumnKey][]) {
	return wanted.filter(([, col]) => col in row.headers && !row.unread.includes(col));
}

/** Writes a record: created, or updated with the fields that differ; reported on `e` either way. */
function write(
	ctx: ReportContext,
	e: Entry,
	current: Record<string, unknown> | undefined,
	fields: Record<string, unknown>,
	add: (fields: Record<string, unknown>) => void,
	update: (diff: Record<string, unknown>) => void
) {
	if (current) {
		const diff = Object.fromEntries(Object.entries(fields).filter(([f, v]) => show(current[f]) !== show(v)));
		e.changes.push(
			...Object.entries(diff).map(([field, v]): Change => ({
				field,
				from: show(current[field]),
				to: show(v)
			}))
		);
		if (e.changes.length === 0) return;
		const err = ctx.attempt(() => update(diff));
		if (err) ctx.refuse(e, err);
		else e.outcome = 'update';
		return;
	}
	const err = ctx.attempt(() => add(fields));
	if (err) ctx.refuse(e, err);
	else e.outcome = 'create';
}

export function importReport(ctx: ReportContext, rows: ParsedRow[]): void {
	const { doc, origin } = ctx;
	const taken = new Set<string>();
	const num = (v: Value | undefined) => (typeof v === 'number' ? v : null);
	const text = (v: Value | undefined) => (v === null || v === undefined || v === '' ? null : String(v));

	const items = selectReviewItems(doc);
	for (const r of rows.filter((x) => x.sheet === 'review' && x.values.reviewName)) {
		const v = r.values;
		const name = String(v.reviewName);
		const e = ctx.entry(r, 'reviewItems', name);
		e.warnings.push(...r.warnings);
		const result = v.result ? fromWords(RESULT_WORDS, String(v.result)) : null;
		if (v.result && !result)
			e.warnings.push({ code: 'bad_value', column: r.headers.result, value: String(v.result) });
		const decision = v.decision ? fromWords(DECISION_WORDS, String(v.decision)) : null;
		if (v.decision && !decision)
			e.warnings.push({ code: 'bad_value', column: r.headers.decision, value: String(v.decision) });
		const all: Record<string, unknown> = {
			channel: text(v.channel),
			target: text(v.target),
			result,
			revenue: num(v.revenue),
			cost: num(v.cost),
			contacts: num(v.contacts),
			leads: num(v.leads),
			conversions: num(v.conversions),
			salesFeedback: text(v.feedback) ?? '',
			decision
		};
		const columns: [string, ColumnKey][] = [
			['channel', 'channel'],
			['target', 'target'],
			['result', 'result'],
			['revenue', 'revenue'],
			['cost', 'cost'],
			['contacts', 'contacts'],
			['leads', 'leads'],
			['conversions', 'conversions'],
			['salesFeedback', 'feedback'],
			['decision', 'decision']
		];
		const fields = Object.fromEntries(present(r, columns).map(([f]) => [f, all[f]]));
		const found = items.find((i) => !taken.has(i.id) && fold(i.name) === fold(name));
		if (found) taken.add(found.id);
		const current = found && { ...found, salesFeedback: found.salesFeedback ?? '' };
		write(
			ctx,
			e,
			current,
			fields,
			(f) => addReviewItem(doc, { name, ...f }, origin),
			(diff) => updateReviewItem(doc, { id: found!.id, ...diff }, origin)
		);
	}

	const lines = selectBudgetLines(doc);
	const actions = selectActions(doc).filter((a) => a.status !== 'dropped');
	for (const r of rows.filter((x) => x.sheet === 'budget' && x.values.line)) {
		const v = r.values;
		const label = String(v.line);
		// Cap's export lists each action's yearly cost beside the other costs: its planned cost comes
		// from the action tab (per occurrence), its committed and actual amounts are typed here only.
		if (v.costKind && fold(String(v.costKind)) === fold(COST_KINDS.action.fr)) {
			const e = ctx.entry(r, 'actions', label);
			e.warnings.push(...r.warnings);
			const found = actions.find((a) => !taken.has(a.id) && fold(a.name) === fold(label));
			if (!found) {
				ctx.refuse(e, { code: 'unknown_ref', value: label });
				continue;
			}
			taken.add(found.id);
			const fields = Object.fromEntries(
				present(r, [
					['committedCost', 'committed'],
					['actualCost', 'actual']
				]).map(([f, col]) => [f, num(v[col])])
			);
			write(
				ctx,
				e,
				found as unknown as Record<string, unknown>,
				fields,
				() => {},
				(diff) => updateAction(doc, { id: found.id, ...diff }, origin)
			);
			continue;
		}
		const e = ctx.entry(r, 'budgetLines', label);
		e.warnings.push(...r.warnings);
		const fields = Object.fromEntries(
			present(r, [
				['category', 'category'],
				['planned', 'planned'],
				['actual', 'actual']
			]).map(([f]) => [
				f,
				f === 'category' ? (text(v.category) ?? '') : f === 'planned' ? (num(v.planned) ?? 0) : num(v.actual)
			])
		);
		const found = lines.find((l) => !taken.has(l.id) && fold(l.label) === fold(label));
		if (found) taken.add(found.id);
		write(
			ctx,
			e,
			found as unknown as Record<string, unknown> | undefined,
			fields,
			(f) => addBudgetLine(doc, { label, planned: 0, ...f }, origin),
			(diff) => updateBudgetLine(doc, { id: found!.id, ...diff }, origin)
		);
	}

	const krs = selectKeyResults(doc);
	const measurements = selectKpiMeasurements(doc);
	for (const r of rows.filter((x) => x.sheet === 'dashboard' && x.values.kpi)) {
		const v = r.values;
		const kpi = String(v.kpi);
		const e = ctx.entry(r, 'measurements', kpi);
		e.warnings.push(...r.warnings);
		const date = text(v.date);
		if (!date) {
			ctx.refuse(e, { code: 'missing_dates' });
			continue;
		}
		const kr = krs.find((k) => fold(k.kpi) === fold(kpi));
		const fields = {
			keyResultId: kr?.id ?? null,
			kpi: kr ? null : kpi,
			date,
			...Object.fromEntries(
				present(r, [
					['forecast', 'forecast'],
					['actual', 'measured']
				]).map(([f, col]) => [f, num(v[col])])
			)
		};
		const found = measurements.find(
			(m) =>
				!taken.has(m.id) &&
				m.date === date &&
				(kr ? m.keyResultId === kr.id : fold(m.kpi ?? '') === fold(kpi))
		);
		if (found) taken.add(found.id);
		write(
			ctx,
			e,
			found as unknown as Record<string, unknown> | undefined,
			fields,
			(f) => addKpiMeasurement(doc, f as Parameters<typeof addKpiMeasurement>[1], origin),
			(diff) => updateKpiMeasurement(doc, { id: found!.id, ...diff }, origin)
		);
	}
}
