/**
 * What comments talk about: the name of a commented record, the kind of record, and who may be mentioned.
 * People's own names are in names.ts (re-exported here).
 */
import {
	MENTION_ROLES,
	mentionedRole,
	roleMentionId,
	sameName,
	selectActions,
	selectBusinessObjectives,
	selectIdeas,
	selectKeyResults,
	selectMarketingObjectives,
	selectMembers,
	selectMentionableIds,
	selectMixOrientations,
	selectPeople,
	selectPersonas,
	selectReviewItems,
	selectSwotItems,
	selectWatchEntries,
	type CommentTargetType
} from '@cap/plan-model';
import type * as Y from 'yjs';
import * as m from '#lib/paraglide/messages.js';
import type { PlanSync } from '#lib/sync/plan.svelte.ts';
import { personName, roleMentionName } from './names.ts';

export { personName, rememberPeers } from './names.ts';

export interface Person {
	id: string;
	name: string;
	/** For a role (CMT-11): who it reaches, in words. */
	hint?: string;
}

/**
 * Everyone who may be mentioned (CMT-6), by name: the people who joined the plan (PPL-1), the team-list
 * members who have not joined under their name (a member who has is offered once, as the person), whoever
 * wrote before the plan kept its roster; then the roles (CMT-11). Never oneself.
 */
export function mentionable(sync: PlanSync): Person[] {
	const me = sync.session.participantId;
	return sync.read((doc) => {
		const joined = selectPeople(doc);
		const myName = joined.find((p) => p.id === me)?.name ?? sync.session.name;
		const people: Person[] = joined.filter((p) => p.id !== me).map((p) => ({ id: p.id, name: p.name }));
		const taken = new Set([me, ...people.map((p) => p.id)]);
		for (const member of selectMembers(doc)) {
			taken.add(member.id);
			if (sameName(member.name, myName) || joined.some((p) => sameName(p.name, member.name))) continue;
			people.push({ id: member.id, name: member.name });
		}
		for (const id of selectMentionableIds(doc)) {
			if (taken.has(id) || mentionedRole(id) !== null) continue;
			people.push({ id, name: personName(sync, id) });
		}
		people.sort((a, b) => a.name.localeCompare(b.name));
		const roles = MENTION_ROLES.map((role) => ({
			id: roleMentionId(role),
			name: roleMentionName(role),
			hint: roleHint(role)
		}));
		return [...people, ...roles];
	});
}

function roleHint(role: (typeof MENTION_ROLES)[number]): string {
	switch (role) {
		case 'facilitator':
			return m.cmt_role_mention_facilitator_hint();
		case 'editor':
			return m.cmt_role_mention_editor_hint();
		default:
			return m.cmt_role_mention_commenter_hint();
	}
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
