/** Words for the review's verdicts and decisions. */
import type { ReviewDecision, ReviewResult } from '@cap/plan-model';
import * as m from '#lib/paraglide/messages.js';

export function resultLabel(result: ReviewResult): string {
	return { worked: m.rev_result_worked, disappointed: m.rev_result_disappointed }[result]();
}

export function decisionLabel(decision: ReviewDecision): string {
	return { repeat: m.rev_decision_repeat, adjust: m.rev_decision_adjust, drop: m.rev_decision_drop }[
		decision
	]();
}
