/** Words of the progress meeting: outcomes and action statuses, in the reader's language. */
import type { ActionStatus, MeetingOutcome } from '@cap/plan-model';
import * as m from '#lib/paraglide/messages.js';

export function outcomeLabel(outcome: MeetingOutcome | null): string {
	if (outcome === null) return m.mtg_not_reviewed();
	return { done: m.mtg_done, slipped: m.mtg_slipped, blocked: m.mtg_blocked }[outcome]();
}

export function actionStatusLabel(status: ActionStatus): string {
	return {
		todo: m.act_status_todo,
		in_progress: m.act_status_in_progress,
		done: m.act_status_done,
		dropped: m.act_status_dropped
	}[status]();
}

/** Who may drive the meeting (start, show an action to everyone, end): the facilitator. */
export function drives(role: string): boolean {
	return role === 'facilitator';
}
