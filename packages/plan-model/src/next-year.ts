/**
 * NEXT-1..3: "start next year's plan from this one". The new plan keeps what describes the team and
 * its way of working (settings, members with their capacity, workstreams, channels, product lines,
 * targets) and the periods moved one year later; last year's actions become the review items of the
 * Bilan N-1 with their channel and cost, ready to be judged. Nothing else is copied: no objectives, no
 * actions, no comments, no workshop.
 */
import type * as Y from 'yjs';
import { selectActions } from './actions.ts';
import { addMonthsClamped } from './dates.ts';
import { addListItem, selectList, type NamedListKind } from './lists.ts';
import type { Origin } from './origin.ts';
import { addPeriod, selectPeriods } from './periods.ts';
import { addReviewItem } from './review.ts';
import { selectSettings, updatePlanSettings } from './settings.ts';

/** Copies `source` into `target`, a plan just created for the next year. */
export function startNextYear(source: Y.Doc, target: Y.Doc, origin: Origin): void {
	const from = selectSettings(source);
	const { year } = selectSettings(target);
	const shift = (year - from.year) * 12;
	target.transact(() => {
		updatePlanSettings(
			target,
			{ company: from.company, currency: from.currency, locale: from.locale },
			origin
		);
		for (const kind of ['members', 'workstreams', 'channels', 'productLines', 'targets'] as NamedListKind[]) {
			for (const item of selectList(source, kind)) {
				const {
					id,
					order: _order,
					...fields
				} = item as unknown as Record<string, unknown> & { id: string; order: string };
				void id;
				addListItem(target, kind, fields as never, origin);
			}
		}
		// NEXT-2: each period keeps its dates, one year later (February 29th becomes the 28th).
		for (const p of selectPeriods(source)) {
			addPeriod(
				target,
				{ name: p.name, start: addMonthsClamped(p.start, shift), end: addMonthsClamped(p.end, shift) },
				origin
			);
		}
		// NEXT-3: last year's live actions, dropped ones included (they are part of what was tried). A review
		// item names its channel (REV-1), as it was called last year.
		const channelNames = new Map(selectList(source, 'channels').map((c) => [c.id, c.name]));
		for (const a of selectActions(source)) {
			addReviewItem(
				target,
				{
					name: a.name,
					cost: a.plannedCost,
					channel: a.channelId ? (channelNames.get(a.channelId) ?? null) : null
				},
				origin
			);
		}
	}, origin);
}
