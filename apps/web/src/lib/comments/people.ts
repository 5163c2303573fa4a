/**
 * What comments talk about: the name of a commented record, the kind of record, and who may be mentioned.
 * People's own names are in names.ts (re-exported here).
 */
import {
	selectActions,
	selectBusinessObjectives,
	selectIdeas,
	selectKeyResults,
	selectMarketingObjectives,
	selectMentionableIds,
	selectMixOrientations,
	selectPersonas,
	selectReviewItems,
	selectSwotItems,
	selectWatchEntries,
	type CommentTargetType
} from '@cap/plan-model';
import type * as Y from 'yjs';
import * as m from '#lib/paraglide/messages.js';
import type { PlanSync } from '#lib/sync/plan.svelte.ts';
import { personName } from './names.ts';

export { personName, rememberPeers } from './names.ts';

export interface Person {
	id: string;
	name: string;
}

/** Everyone who may be mentioned (CMT-6), named, members first. */
export function mentionable(sync: PlanSync): Person[] {
	const ids = sync.read((doc) => selectMentionableIds(doc));
	const people = [...ids].map((id) => ({ id, name: personName(sync, id) }));
	const memberIds = new Set(sync.members.map((mbr) => mbr.id));
	return people
		.filter((p) => p.id !== sync.session.participantId)
		.sort(
			(a, b) => Number(memberIds.has(b.id)) - Number(memberIds.has(a.id)) || a.name.localeCompare(b.name)
		);
}

export function targetTypeLabel(type: CommentTargetType): string {
	switch (type) {
		case 'plan':
			return m.cmt_target_plan();
		case 'marketingObjective':
			return m.cmt_target_marketingObjective();
		case 'businessObjective':
			return m.cmt_target_businessObjective();
		case 'keyResult':
			return m.cmt_target_keyResult();
		case 'action':
			return m.cmt_target_action();
		case 'idea':
			return m.cmt_target_idea();
		case 'reviewItem':
			return m.cmt_target_reviewItem();
		case 'persona':
			return m.cmt_target_persona();
		case 'watchEntry':
			return m.cmt_target_watchEntry();
		case 'swotItem':
			return m.cmt_target_swotItem();
		case 'mixOrientation':
			return m.cmt_target_mixOrientation();
		default:
			return m.cmt_target_other();
	}
}

/** The display name of a commented record, or '' when it is gone or unnamed. */
export function targetName(doc: Y.Doc, type: CommentTargetType, id: string): string {
	switch (type) {
		case 'marketingObjective':
			return selectMarketingObjectives(doc).find((o) => o.id === id)?.name ?? '';
		case 'businessObjective':
			return selectBusinessObjectives(doc).find((o) => o.id === id)?.name ?? '';
		case 'keyResult':
			return selectKeyResults(doc).find((o) => o.id === id)?.kpi ?? '';
		case 'action':
			return selectActions(doc).find((o) => o.id === id)?.name ?? '';
		case 'idea':
			return selectIdeas(doc).find((o) => o.id === id)?.title ?? '';
		case 'reviewItem':
			return selectReviewItems(doc).find((o) => o.id === id)?.name ?? '';
		case 'persona':
			return selectPersonas(doc).find((o) => o.id === id)?.name ?? '';
		case 'watchEntry':
			return selectWatchEntries(doc).find((o) => o.id === id)?.subject ?? '';
		case 'swotItem':
			return selectSwotItems(doc).find((o) => o.id === id)?.text ?? '';
		case 'mixOrientation':
			return selectMixOrientations(doc).find((o) => o.id === id)?.text ?? '';
		default:
			return '';
	}
}
