/**
 * The lines of the notice of changes that were not kept (DroppedNotice.svelte): each change by the name
 * of what it touched and the section where it is edited, why it was not kept, and its text to copy.
 */
import type { PlanRootKey } from '@cap/plan-model';
import { CLOSE_REASONS, MAX_MESSAGE_BYTES, WORKSHOP_CLOSE_REASON } from '@cap/protocol';
import * as m from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { sectionLabel, type Section } from '#lib/sections.ts';
import type { RefusedChange } from '#lib/sync/rebase.ts';
import { TOO_LARGE_TO_SEND } from '#lib/sync/recovery.ts';

/** Where each part of the plan is edited, to tell the person where to look. */
const SECTION_OF: Record<PlanRootKey, Section | 'comments'> = {
	meta: 'settings',
	settings: 'settings',
	members: 'settings',
	workstreams: 'settings',
	channels: 'settings',
	productLines: 'settings',
	targets: 'settings',
	periods: 'settings',
	reviewItems: 'review',
	lastYearObjectives: 'review',
	businessObjectives: 'objectives',
	marketingObjectives: 'objectives',
	keyResults: 'objectives',
	ideas: 'workshop',
	ideaGroups: 'workshop',
	votes: 'workshop',
	scores: 'workshop',
	workshop: 'workshop',
	actions: 'actions',
	keyMoments: 'planning',
	budgetLines: 'budget',
	kpiMeasurements: 'dashboard',
	steering: 'dashboard',
	commentThreads: 'comments',
	comments: 'comments',
	people: 'settings',
	personas: 'context',
	watchEntries: 'context',
	swotItems: 'context',
	mixOrientations: 'context',
	meetings: 'planning'
};

/** Why a change was not kept, in words. */
export function droppedWhy(reason: string): string {
	switch (reason) {
		case CLOSE_REASONS.commentOnly:
			return m.dropped_reason_comment_only();
		case CLOSE_REASONS.readOnly:
			return m.dropped_reason_read_only();
		case WORKSHOP_CLOSE_REASON:
			return m.dropped_reason_workshop();
		case CLOSE_REASONS.notWritable:
			return m.dropped_reason_not_writable();
		case CLOSE_REASONS.planTooLarge:
			return m.dropped_reason_plan_too_large();
		case TOO_LARGE_TO_SEND: {
			const size = new Intl.NumberFormat(getLocale(), {
				style: 'unit',
				unit: 'megabyte',
				maximumFractionDigits: 0
			}).format(MAX_MESSAGE_BYTES / 1024 ** 2);
			return m.dropped_reason_too_large_to_send({ size });
		}
		default:
			return m.dropped_reason_out_of_sync();
	}
}

export interface DroppedLine {
	/** What it touched and where: « Salons régionaux » (Atelier). */
	label: string;
	why: string;
	/** What it wrote, to copy; empty when there is nothing to copy (a removal). */
	text: string;
}

/** The notice's title: one change, or how many. */
export function droppedTitle(count: number): string {
	return new Intl.PluralRules(getLocale()).select(count) === 'one'
		? m.dropped_title()
		: m.dropped_title_many({ count: new Intl.NumberFormat(getLocale()).format(count) });
}

/** One line per change, the same wording said once. */
export function droppedLines(records: readonly RefusedChange[]): DroppedLine[] {
	const lines: DroppedLine[] = [];
	for (const record of records) {
		const section = SECTION_OF[record.root];
		const where = section === 'comments' ? m.dropped_comments() : sectionLabel(section);
		const label = record.name
			? m.dropped_item_named({ name: record.name, where })
			: m.dropped_item_unnamed({ where });
		const why = droppedWhy(record.reason);
		const same = lines.find((line) => line.label === label && line.why === why);
		if (same) same.text = [same.text, record.text].filter(Boolean).join('\n');
		else lines.push({ label, why, text: record.text });
	}
	return lines;
}
