/**
 * Last year's Cap plan read as the starting point of this year's review (REV-8): its actions become review
 * items and its key results last year's objectives. Pure: the server runs it on the stored previous plan
 * and sends the result; the browser adds it with addReviewItems / addLastYearObjective.
 */
import type * as Y from 'yjs';
import { selectBudget } from './budget.ts';
import { selectKeyResultTracking } from './kpi.ts';
import { selectList } from './lists.ts';
import type { AddLastYearObjectiveProps } from './review-objectives.ts';
import type { AddReviewItemProps } from './review.ts';
import { selectSettings } from './settings.ts';

export interface PreviousPlan {
	title: string;
	year: number;
	currency: string;
	items: AddReviewItemProps[];
	objectives: AddLastYearObjectiveProps[];
}

/**
 * REV-8: one review item per non-dropped action (name, channel and target by name, cost = the actual when
 * entered, else the planned cost over the year, BUD-3/BUD-4); one objective per key result (KPI, unit,
 * direction, target, achieved = its latest measurement or current value).
 */
export function selectPreviousPlan(doc: Y.Doc): PreviousPlan {
	const settings = selectSettings(doc);
	const names = (kind: 'channels' | 'targets') => new Map(selectList(doc, kind).map((i) => [i.id, i.name]));
	const channels = names('channels');
	const targets = names('targets');
	const items = selectBudget(doc).actions.map((c): AddReviewItemProps => {
		const cost = c.actual ?? (c.action.plannedCost === null ? null : c.planned);
		return {
			name: c.action.name,
			channel: c.action.channelId ? (channels.get(c.action.channelId) ?? null) : null,
			target: c.action.targetId ? (targets.get(c.action.targetId) ?? null) : null,
			cost
		};
	});
	const objectives = selectKeyResultTracking(doc).map((t): AddLastYearObjectiveProps => ({
		name: t.keyResult.kpi,
		unit: t.keyResult.unit,
		direction: t.keyResult.direction,
		target: t.keyResult.target,
		achieved: t.value
	}));
	return { title: settings.title, year: settings.year, currency: settings.currency, items, objectives };
}
