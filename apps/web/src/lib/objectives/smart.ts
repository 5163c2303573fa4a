/** SMART issue codes (plan-model smart.ts) as sentences, and the field each "fix" button focuses. */
import type { KeyResult, SmartIssue } from '@cap/plan-model';
import * as m from '#lib/paraglide/messages.js';

export function smartSentence(issue: SmartIssue, keyResults: readonly KeyResult[], year: number): string {
	const kpi = keyResults.find((kr) => kr.id === issue.keyResultId)?.kpi ?? '';
	switch (issue.code) {
		case 'not_specific':
			return issue.field === 'family' ? m.obj_smart_not_specific_family() : m.obj_smart_not_specific_name();
		case 'no_metric':
			return m.obj_smart_no_metric();
		case 'no_threshold':
			return m.obj_smart_no_threshold({ kpi });
		case 'no_date':
			return m.obj_smart_no_date();
		case 'date_outside_year':
			return issue.keyResultId
				? m.obj_smart_deadline_outside_year({ kpi, year: String(year) })
				: m.obj_smart_date_outside_year({ year: String(year) });
		case 'target_not_beyond_baseline':
			return m.obj_smart_target_not_beyond_baseline({ kpi });
		case 'qualitative_unmeasurable':
			return m.obj_smart_qualitative_unmeasurable();
	}
}

/**
 * The element id a "fix" focuses: the key result's field, the objective's field, or the "add a key
 * result" input when the issue is a missing key result.
 */
export function smartFixTarget(issue: SmartIssue, objectiveId: string): string {
	if (issue.keyResultId) return `kr-${issue.keyResultId}-${issue.field ?? 'kpi'}`;
	if (issue.code === 'no_metric' || issue.code === 'qualitative_unmeasurable')
		return `mo-${objectiveId}-newkr`;
	return `mo-${objectiveId}-${issue.field ?? 'name'}`;
}
