/**
 * Names of the people comments talk about. Comments store participant ids only; a name comes from the team
 * list (members), from who is here now (awareness), or from what this browser saw before (a small cache in
 * localStorage), so an author who left still reads as a name.
 */
import {
	selectActions,
	selectBusinessObjectives,
	selectIdeas,
	selectKeyResults,
	selectMarketingObjectives,
	selectMentionableIds,
	selectReviewItems,
	type CommentTargetType
} from '@cap/plan-model';
import type * as Y from 'yjs';
import * as m from '#lib/paraglide/messages.js';
import type { PlanSync } from '#lib/sync/plan.svelte.ts';

const CACHE = 'cap.names';

function cache(): Record<string, string> {
	try {
		return JSON.parse(localStorage.getItem(CACHE) ?? '{}') as Record<string, string>;
	} catch {
		return {};
	}
}

/** Remembers the names of everyone present, for later. */
export function rememberPeers(sync: PlanSync): void {
	const known = cache();
	let changed = false;
	for (const peer of sync.peers) {
		if (known[peer.participantId] !== peer.name) {
			known[peer.participantId] = peer.name;
			changed = true;
		}
	}
	if (changed) localStorage.setItem(CACHE, JSON.stringify(known));
}

export function personName(sync: PlanSync, id: string): string {
	const member = sync.members.find((mbr) => mbr.id === id);
	if (member) return member.name;
	const peer = sync.peers.find((p) => p.participantId === id);
	if (peer) return peer.name;
	return cache()[id] ?? m.cmt_someone();
}

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
		default:
			return '';
	}
}
