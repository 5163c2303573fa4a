/**
 * The SMART check of marketing objectives (step 2) and the "objective without action" flag.
 *
 * Nothing here is stored: the report is derived from the objectives, their key results, the plan year and
 * the actions, so it is the same on every replica and never conflicts. Each issue is a code (plus the key
 * result or field it is about) that the UI turns into a sentence in the user's language, e.g.
 * `no_threshold` -> « Ce résultat cible n'a pas de valeur cible » / "This key result has no target value".
 *
 * What "SMART" means here (SMART-1..7):
 * - specific: the objective has a name and a family (`not_specific`);
 * - measurable: a quantitative objective has at least one key result, each naming its KPI (`no_metric`);
 *   every key result has a target (`no_threshold`); a qualitative objective has at least one key result
 *   with a target (`qualitative_unmeasurable`), e.g. an awareness rate measured by a survey;
 * - ambitious: a key result's target lies beyond its baseline in its direction (`target_not_beyond_baseline`);
 * - time-bound: the objective has an end date or a key result a deadline (`no_date`), and those dates fall
 *   within the plan year (`date_outside_year`).
 */
import type * as Y from 'yjs';
import { selectActions } from './actions.ts';
import {
	OBJECTIVE_FAMILIES,
	selectKeyResults,
	selectMarketingObjectives,
	type KeyResult,
	type MarketingObjective,
	type ObjectiveFamily
} from './objectives.ts';
import { collection } from './schema.ts';
import { selectSettings } from './settings.ts';

export const SMART_ISSUE_CODES = [
	/** SMART-1: empty name or no family. */
	'not_specific',
	/** SMART-2: a quantitative objective without any key result naming a KPI. */
	'no_metric',
	/** SMART-3: a key result without a target value. */
	'no_threshold',
	/** SMART-4: neither an end date on the objective nor a deadline on a key result. */
	'no_date',
	/** SMART-5: the objective's end date or a key result's deadline is outside the plan year. */
	'date_outside_year',
	/** SMART-6: target not above the baseline (increase) or not below it (decrease). */
	'target_not_beyond_baseline',
	/** SMART-7: a qualitative objective without any key result that has a target. */
	'qualitative_unmeasurable'
] as const;
export type SmartIssueCode = (typeof SMART_ISSUE_CODES)[number];

export interface SmartIssue {
	code: SmartIssueCode;
	/** The key result at fault, or null when the issue is about the objective itself. */
	keyResultId: string | null;
	/** The field to fix ('name', 'family', 'endDate', 'deadline', 'target', ...), or null. */
	field: string | null;
}

/** The objective fields the check reads; `family` is null when it was never set (or is unknown). */
export type SmartObjective = Pick<MarketingObjective, 'name' | 'nature' | 'endDate'> & {
	family: ObjectiveFamily | null;
};
export type SmartKeyResult = Pick<KeyResult, 'id' | 'kpi' | 'baseline' | 'target' | 'deadline' | 'direction'>;

function yearOf(date: string): number {
	return Number(date.slice(0, 4));
}

/** SMART-1..7: the issues of one marketing objective, objective-level first, then per key result in order. */
export function checkSmart(
	objective: SmartObjective,
	keyResults: readonly SmartKeyResult[],
	settings: { year: number }
): SmartIssue[] {
	const issues: SmartIssue[] = [];
	const add = (code: SmartIssueCode, field: string | null, keyResultId: string | null = null) =>
		issues.push({ code, keyResultId, field });

	if (objective.name.trim() === '') add('not_specific', 'name');
	if (objective.family === null) add('not_specific', 'family');
	const withKpi = keyResults.filter((kr) => kr.kpi.trim() !== '');
	if (objective.nature === 'quantitative' && withKpi.length === 0) add('no_metric', null);
	if (objective.nature === 'qualitative' && !withKpi.some((kr) => kr.target !== null)) {
		add('qualitative_unmeasurable', null);
	}
	if (objective.endDate === null && !keyResults.some((kr) => kr.deadline !== null)) add('no_date', 'endDate');
	if (objective.endDate !== null && yearOf(objective.endDate) !== settings.year) {
		add('date_outside_year', 'endDate');
	}
	for (const kr of keyResults) {
		if (kr.target === null) add('no_threshold', 'target', kr.id);
		if (kr.deadline !== null && yearOf(kr.deadline) !== settings.year)
			add('date_outside_year', 'deadline', kr.id);
		if (kr.target !== null && kr.baseline !== null) {
			const beyond = kr.direction === 'decrease' ? kr.target < kr.baseline : kr.target > kr.baseline;
			if (!beyond) add('target_not_beyond_baseline', 'target', kr.id);
		}
	}
	return issues;
}

export interface SmartReportEntry {
	objectiveId: string;
	/** Empty when the objective is SMART. */
	issues: SmartIssue[];
	smart: boolean;
	/** Mean progress of the key results that have one (KR-3), null when none has. */
	progress: number | null;
	/**
	 * OBJ-6: true when none of the objective's key results is served by a live, non-dropped action
	 * (always true for an objective without key results).
	 */
	withoutAction: boolean;
}

/** One entry per marketing objective, in rank order. */
export function selectSmartReport(doc: Y.Doc): SmartReportEntry[] {
	const { year } = selectSettings(doc);
	const keyResults = selectKeyResults(doc);
	const served = new Set<string>();
	for (const action of selectActions(doc)) {
		if (action.status === 'dropped') continue;
		for (const id of action.keyResultIds) served.add(id);
	}
	const raw = collection(doc, 'marketingObjectives');
	return selectMarketingObjectives(doc).map((objective) => {
		const storedFamily = raw.get(objective.id)?.get('family');
		const family = (OBJECTIVE_FAMILIES as readonly unknown[]).includes(storedFamily)
			? objective.family
			: null;
		const own = keyResults.filter((kr) => kr.marketingObjectiveId === objective.id);
		const issues = checkSmart({ ...objective, family }, own, { year });
		const progresses = own.map((kr) => kr.progress).filter((p): p is number => p !== null);
		return {
			objectiveId: objective.id,
			issues,
			smart: issues.length === 0,
			progress: progresses.length > 0 ? progresses.reduce((a, b) => a + b, 0) / progresses.length : null,
			withoutAction: !own.some((kr) => served.has(kr.id))
		};
	});
}
