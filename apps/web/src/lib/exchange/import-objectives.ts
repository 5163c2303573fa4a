/**
 * The Objectifs tab: business objectives, marketing objectives (matched by id, else by name) and their
 * key results, whose direction is read from the file or inferred from baseline and target (IMP-3).
 */
import {
	addBusinessObjective,
	addKeyResult,
	addMarketingObjective,
	inferDirection,
	selectBusinessObjectives,
	selectKeyResults,
	selectMarketingObjectives,
	updateKeyResult,
	updateMarketingObjective
} from '@cap/plan-model';
import { byName, inSheet, same, split, type ImportContext } from './import-shared.ts';
import type { ParsedRow } from './parse.ts';
import { DIRECTION_WORDS, FAMILY_WORDS, fold, fromWords, NATURE_WORDS } from './vocab.ts';

export function importObjectives(ctx: ImportContext, rows: ParsedRow[]): void {
	const { doc, origin, entry, refuse, attempt, word, label } = ctx;
	const businessIds = byName(selectBusinessObjectives(doc));
	const business = (name: string, row: ParsedRow): string | null => {
		const found = businessIds.get(fold(name));
		if (found) return found;
		const e = entry(row, 'businessObjectives', name);
		let id = '';
		const err = attempt(() => (id = addBusinessObjective(doc, { name }, origin)));
		if (err) return (refuse(e, err), null);
		e.outcome = 'create';
		businessIds.set(fold(name), id);
		return id;
	};
	const marketing = new Map(selectMarketingObjectives(doc).map((m) => [m.id, m]));
	const marketingByName = byName([...marketing.values()]);
	const doneMarketing = new Map<string, string>();
	const krs = selectKeyResults(doc);
	for (const r of rows) {
		const v = r.values;
		const boId = v.businessObjective ? business(String(v.businessObjective), r) : null;
		if (!v.marketingObjective) continue;
		const moName = String(v.marketingObjective);
		const idCell = v.objectiveId ? String(v.objectiveId) : null;
		let moId = (idCell && marketing.has(idCell) ? idCell : null) ?? marketingByName.get(fold(moName)) ?? null;
		const moKey = moId ?? `new:${fold(moName)}`;
		if (!doneMarketing.has(moKey)) {
			const e = entry(r, 'marketingObjectives', moName);
			const family = v.family ? fromWords(FAMILY_WORDS, String(v.family)) : null;
			const nature = v.nature ? fromWords(NATURE_WORDS, String(v.nature)) : null;
			if ((v.family && !family) || (v.nature && !nature)) {
				refuse(e, {
					code: 'bad_value',
					column: r.headers[v.family && !family ? 'family' : 'nature'],
					value: String(v.family && !family ? v.family : v.nature)
				});
				doneMarketing.set(moKey, '');
				continue;
			}
			const fields = inSheet(r, {
				name: moName,
				...(family && { family }),
				...(nature && { nature }),
				metric: (v.metric as string | null) ?? null,
				threshold: (v.threshold as number | null) ?? null,
				endDate: (v.endDate as string | null) ?? null,
				rationale: v.rationale ? String(v.rationale) : '',
				businessObjectiveId: boId
			});
			if (moId) {
				const found = marketing.get(moId)!;
				const mo: Record<string, unknown> = { ...found, rationale: found.rationaleText };
				const diff = Object.fromEntries(Object.entries(fields).filter(([f, x]) => !same(mo[f], x)));
				for (const [f, x] of Object.entries(diff))
					e.changes.push({ field: f, from: label(f, mo[f]), to: label(f, x) });
				if (e.changes.length > 0) {
					const id = moId;
					const err = attempt(() => updateMarketingObjective(doc, { id, ...diff }, origin));
					if (err) refuse(e, err);
					else e.outcome = 'update';
				}
			} else {
				const err = attempt(
					() =>
						(moId = addMarketingObjective(
							doc,
							{ family: 'global', nature: 'quantitative', ...fields, name: moName },
							origin
						))
				);
				if (err) refuse(e, err);
				else e.outcome = 'create';
			}
			doneMarketing.set(moKey, e.outcome === 'refused' ? '' : moId!);
		}
		moId = doneMarketing.get(moKey) || null;
		if (!moId || !v.kpi) continue;
		const kpi = String(v.kpi);
		const krIdCell = v.keyResultId ? String(v.keyResultId) : null;
		const existing =
			krs.find((k) => k.id === krIdCell) ??
			krs.find((k) => k.marketingObjectiveId === moId && fold(k.kpi) === fold(kpi));
		const e = entry(r, 'keyResults', kpi);
		e.warnings.push(...r.warnings);
		const priority = v.priority ? word<'high' | 'medium' | 'low'>('priority', String(v.priority)) : null;
		if (v.priority && !priority)
			e.warnings.push({
				code: 'bad_value',
				column: r.headers.priority,
				value: String(v.priority),
				key: 'priority'
			});
		const written = v.direction ? fromWords(DIRECTION_WORDS, String(v.direction)) : null;
		if (v.direction && !written)
			e.warnings.push({ code: 'bad_value', column: r.headers.direction, value: String(v.direction) });
		const baseline =
			'baseline' in r.headers ? ((v.baseline as number | null) ?? null) : (existing?.baseline ?? null);
		const targetValue =
			'targetValue' in r.headers ? ((v.targetValue as number | null) ?? null) : (existing?.target ?? null);
		// IMP-3: a file without the direction says it by its figures; an existing key result keeps its own.
		const direction = written ?? (existing ? null : inferDirection(baseline, targetValue));
		const fields = inSheet(r, {
			marketingObjectiveId: moId,
			kpi,
			unit: (v.unit as string | null) ?? null,
			baseline: (v.baseline as number | null) ?? null,
			target: (v.targetValue as number | null) ?? null,
			current: (v.current as number | null) ?? null,
			deadline: (v.deadline as string | null) ?? null,
			...(priority && { priority }),
			levers: split(v.levers)
		});
		// Read or inferred, the direction is kept even when the file has no such column (IMP-3).
		if (direction) Object.assign(fields, { direction });
		if (existing) {
			const kr = existing as unknown as Record<string, unknown>;
			const diff = Object.fromEntries(Object.entries(fields).filter(([f, x]) => !same(kr[f], x)));
			for (const [f, x] of Object.entries(diff))
				e.changes.push({ field: f, from: label(f, kr[f]), to: label(f, x) });
			if (e.changes.length > 0) {
				const err = attempt(() => updateKeyResult(doc, { id: existing.id, ...diff }, origin));
				if (err) refuse(e, err);
				else e.outcome = 'update';
			}
		} else {
			const err = attempt(() => addKeyResult(doc, { ...fields, marketingObjectiveId: moId!, kpi }, origin));
			if (err) refuse(e, err);
			else e.outcome = 'create';
		}
	}
}
