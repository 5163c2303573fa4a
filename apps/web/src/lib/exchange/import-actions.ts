/**
 * The Suivi des actions tab: periods the rows name that the plan lacks, then one action per row
 * (matched by id, else by a name not taken yet), then the dependencies, which may name rows further down.
 */
import {
	addAction,
	addPeriod,
	readDateText,
	selectActions,
	selectKeyResults,
	updateAction,
	type ActionStatus
} from '@cap/plan-model';
import {
	inSheet,
	LIST_COLUMN,
	recurrenceLabel,
	same,
	show,
	split,
	type ImportContext
} from './import-shared.ts';
import type { ParsedRow, Reason } from './parse.ts';
import type { Entry } from './plan-import.ts';
import { SEP } from './tables.ts';
import { fold, readRecurrence, type ColumnKey } from './vocab.ts';

export function importActions(ctx: ImportContext, actionRows: ParsedRow[]): void {
	const { doc, origin, entry, refuse, attempt, word, label, listItem, periods } = ctx;
	// Periods the rows name that the plan lacks: dated by Réglages above, else by the earliest start and
	// latest end of the rows naming them, else by their name when it is a month ("mars 2027").
	const undated = new Map<
		string,
		{ name: string; start: string | null; end: string | null; row: ParsedRow }
	>();
	for (const r of actionRows) {
		const name = r.values.period ? String(r.values.period) : null;
		if (!name || periods.has(fold(name))) continue;
		const seen = undated.get(fold(name)) ?? { name, start: null, end: null, row: r };
		const { start, end } = r.values as { start?: string | null; end?: string | null };
		if (start && (!seen.start || start < seen.start)) seen.start = start;
		if (end && (!seen.end || end > seen.end)) seen.end = end;
		undated.set(fold(name), seen);
	}
	for (const [key, p] of undated) {
		const start = readDateText(p.name, 'start') ?? p.start;
		const end = readDateText(p.name, 'end') ?? p.end ?? p.start;
		if (!start || !end) continue;
		const e = entry(p.row, 'periods', p.name);
		let id = '';
		const err = attempt(
			() => (id = addPeriod(doc, { name: p.name, start, end: end < start ? start : end }, origin))
		);
		if (err) refuse(e, err);
		else {
			e.outcome = 'create';
			periods.set(key, id);
		}
	}

	const allKrs = selectKeyResults(doc);
	const actions = selectActions(doc);
	const actionById = new Map(actions.map((a) => [a.id, a]));
	/** The plan's actions by name, several per name: each row takes the first one not taken yet. */
	const planByName = new Map<string, string[]>();
	for (const a of actions) planByName.set(fold(a.name), [...(planByName.get(fold(a.name)) ?? []), a.id]);
	/** Every action's id by name, the file's included, for dependencies written by name. */
	const depIds = new Map<string, string>();
	for (const a of actions) if (!depIds.has(fold(a.name))) depIds.set(fold(a.name), a.id);
	const pendingDeps: { id: string; names: string[]; e: Entry; row: ParsedRow }[] = [];
	const taken = new Set<string>();
	for (const r of actionRows) {
		const v = r.values;
		const name = v.action ? String(v.action) : '';
		const e = entry(r, 'actions', name);
		e.warnings.push(...r.warnings);
		if (!name) {
			refuse(e, { code: 'missing_name' });
			continue;
		}
		const idCell = v.actionId ? String(v.actionId) : null;
		if (idCell && actionById.has(idCell) && taken.has(idCell)) {
			refuse(e, { code: 'duplicate', value: name });
			continue;
		}
		const id =
			(idCell && actionById.has(idCell) ? idCell : null) ??
			(planByName.get(fold(name)) ?? []).find((x) => !taken.has(x)) ??
			null;
		const warn = (column: ColumnKey, code: Reason['code'], value: string, key?: Reason['key']) => {
			e.warnings.push({ code, column: r.headers[column], value, ...(key && { key }) });
			r.unread.push(column);
		};
		const status = v.status ? word<ActionStatus>('status', String(v.status)) : null;
		if (v.status && !status) warn('status', 'bad_value', String(v.status), 'status');
		const priority = v.priority ? word<'high' | 'medium' | 'low'>('priority', String(v.priority)) : null;
		if (v.priority && !priority) warn('priority', 'bad_value', String(v.priority), 'priority');
		const period = v.period ? (periods.get(fold(String(v.period))) ?? null) : null;
		if (v.period && !period) warn('period', 'period_undated', String(v.period));
		const krNames = split(v.keyResults);
		const krIds = krNames.map((n) => allKrs.find((k) => fold(k.kpi) === fold(n))?.id ?? null);
		krNames.forEach((n, i) => {
			if (!krIds[i]) e.warnings.push({ code: 'unknown_ref', column: r.headers.keyResults, value: n });
		});
		// "Julie, Marc": one owner per action in Cap, the first; the preview names the others.
		let ownerName = v.owner ? String(v.owner) : null;
		if (ownerName) {
			const [first, ...others] = ownerName.split(/\s*(?:[,;/&+\n]|\set\s|\sand\s)\s*/).filter(Boolean);
			if (others.length > 0)
				e.warnings.push({ code: 'one_owner', column: r.headers.owner, value: others.join(SEP) });
			ownerName = first ?? null;
		}
		const recurrence = v.recurrence ? readRecurrence(String(v.recurrence)) : null;
		if (v.recurrence && !recurrence) warn('recurrence', 'bad_value', String(v.recurrence));
		const ref = (col: ColumnKey, text = v[col]) =>
			text ? listItem(LIST_COLUMN[col]!, String(text), r) : null;
		const fields = inSheet(r, {
			name,
			...(status && { status }),
			...(priority && { priority }),
			workstreamId: ref('workstream'),
			description: v.description ? String(v.description) : '',
			keyResultIds: krIds.filter((x): x is string => x !== null),
			ownerId: ref('owner', ownerName),
			personDays: (v.personDays as number | null) ?? null,
			periodId: period,
			start: (v.start as string | null) ?? null,
			end: (v.end as string | null) ?? null,
			channelId: ref('channel'),
			targetId: ref('target'),
			productLineId: ref('productLine'),
			plannedCost: (v.cost as number | null) ?? null,
			recurrence
		});
		let actionId = id;
		if (id) {
			const a = actionById.get(id)! as unknown as Record<string, unknown>;
			const current: Record<string, unknown> = { ...a, description: a.descriptionText };
			const diff = Object.fromEntries(
				Object.entries(fields).filter(([f, x]) =>
					f === 'recurrence' ? JSON.stringify(current[f]) !== JSON.stringify(x) : !same(current[f], x)
				)
			);
			for (const [f, x] of Object.entries(diff))
				e.changes.push({
					field: f,
					from: f === 'recurrence' ? show(recurrenceLabel(current[f])) : label(f, current[f]),
					to: f === 'recurrence' ? show(recurrenceLabel(x)) : label(f, x)
				});
			if (e.changes.length > 0) {
				const err = attempt(() => updateAction(doc, { id, ...diff }, origin));
				if (err) {
					refuse(e, err);
					continue;
				}
				e.outcome = 'update';
			}
		} else {
			const err = attempt(() => (actionId = addAction(doc, { ...fields, name }, origin)));
			if (err) {
				refuse(e, err);
				continue;
			}
			e.outcome = 'create';
		}
		if (!depIds.has(fold(name))) depIds.set(fold(name), actionId!);
		taken.add(actionId!);
		if ('dependsOn' in r.headers) pendingDeps.push({ id: actionId!, names: split(v.dependsOn), e, row: r });
	}
	// Dependencies last: they may name actions further down the sheet. A name nobody has is said and left out.
	for (const { id, names, e, row } of pendingDeps) {
		const ids = names.map((n) => depIds.get(fold(n)) ?? null);
		names.forEach((n, i) => {
			if (!ids[i]) e.warnings.push({ code: 'unknown_ref', column: row.headers.dependsOn, value: n });
		});
		const known = ids.filter((x): x is string => x !== null && x !== id);
		const before = selectActions(doc).find((a) => a.id === id)?.dependsOn ?? [];
		if (same([...before].sort(), [...known].sort())) continue;
		const err = attempt(() => updateAction(doc, { id, dependsOn: known }, origin));
		if (err) e.warnings.push({ code: 'invalid', column: row.headers.dependsOn, message: err.message });
		else {
			e.changes.push({
				field: 'dependsOn',
				from: show(before.map((d) => actions.find((a) => a.id === d)?.name ?? d)),
				to: names.filter((_, i) => ids[i]).join(SEP)
			});
			if (e.outcome === 'unchanged') e.outcome = 'update';
		}
	}
}
