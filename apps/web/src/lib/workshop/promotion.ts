/**
 * What the promotion form offers (plan-model PROMO-3, PROMO-4): the key results to link, the one the
 * workshop was about (its first objective prompt), and the names promotion would duplicate.
 */
import {
	actionNameKey,
	selectActions,
	selectDuplicateActionNames,
	selectKeyResults,
	selectMarketingObjectives,
	type WorkshopPrompt
} from '@cap/plan-model';
import type * as Y from 'yjs';

export interface KeyResultOption {
	id: string;
	/** "Objective — key result". */
	label: string;
}

/** Every key result, labelled with its marketing objective, in the objectives' order. */
export function keyResultOptions(doc: Y.Doc): KeyResultOption[] {
	const objectives = selectMarketingObjectives(doc);
	const names = new Map(objectives.map((o) => [o.id, o.name]));
	const order = new Map(objectives.map((o, i) => [o.id, i]));
	return selectKeyResults(doc)
		.slice()
		.sort(
			(a, b) =>
				(order.get(a.marketingObjectiveId ?? '') ?? 0) - (order.get(b.marketingObjectiveId ?? '') ?? 0)
		)
		.map((kr) => ({ id: kr.id, label: `${names.get(kr.marketingObjectiveId ?? '') ?? ''} — ${kr.kpi}` }));
}

/** The first key result of the objective the workshop was about (its first objective prompt), or ''. */
export function workshopKeyResultId(doc: Y.Doc, prompts: readonly WorkshopPrompt[]): string {
	const objectiveId = prompts.find((p) => p.kind === 'objective' && p.refId)?.refId;
	if (!objectiveId) return '';
	return selectKeyResults(doc).find((kr) => kr.marketingObjectiveId === objectiveId)?.id ?? '';
}

/** The keys of the live actions' names, to flag an idea whose title an action already has. */
export function actionNameKeys(doc: Y.Doc): Set<string> {
	return new Set(selectActions(doc).map((a) => actionNameKey(a.name)));
}

/** The names shared by several actions among which one of `created` (PROMO-4). */
export function duplicatedNames(doc: Y.Doc, created: readonly string[]): string[] {
	return selectDuplicateActionNames(doc)
		.filter((d) => d.actionIds.some((id) => created.includes(id)))
		.map((d) => d.name);
}
