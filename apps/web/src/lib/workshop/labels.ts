/** Words of the workshop screens: agenda phases, criteria, levers and the server's refusals. */
import type { WorkshopAgendaPhase, WorkshopCriterion } from '@cap/protocol';
import * as m from '#lib/paraglide/messages.js';
import type { Ack } from './client.svelte.ts';

export function phaseLabel(phase: WorkshopAgendaPhase): string {
	return {
		setup: m.ws_phase_setup,
		brief: m.ws_phase_brief,
		silentWriting: m.ws_phase_silentWriting,
		reveal: m.ws_phase_reveal,
		grouping: m.ws_phase_grouping,
		voting: m.ws_phase_voting,
		results: m.ws_phase_results,
		scoring: m.ws_phase_scoring,
		promotion: m.ws_phase_promotion,
		closed: m.ws_phase_closed
	}[phase]();
}

export function phaseHint(phase: WorkshopAgendaPhase): string {
	return {
		setup: m.ws_hint_setup,
		brief: m.ws_hint_brief,
		silentWriting: m.ws_hint_silentWriting,
		reveal: m.ws_hint_reveal,
		grouping: m.ws_hint_grouping,
		voting: m.ws_hint_voting,
		results: m.ws_hint_results,
		scoring: m.ws_hint_scoring,
		promotion: m.ws_hint_promotion,
		closed: m.ws_hint_closed
	}[phase]();
}

export function criterionLabel(c: WorkshopCriterion): string {
	return {
		relevance: m.ws_crit_relevance,
		impact: m.ws_crit_impact,
		skills: m.ws_crit_skills,
		time: m.ws_crit_time,
		budget: m.ws_crit_budget
	}[c]();
}

export const LEVER_FAMILIES = ['savoirFaire', 'savoirOffrir', 'savoirVendre', 'savoirEtre'] as const;
export const MIX_LEVERS = [
	'product',
	'price',
	'place',
	'promotion',
	'people',
	'process',
	'physicalEvidence'
] as const;

export function leverLabel(lever: string): string {
	const labels: Record<string, () => string> = {
		savoirFaire: m.ws_lever_savoirFaire,
		savoirOffrir: m.ws_lever_savoirOffrir,
		savoirVendre: m.ws_lever_savoirVendre,
		savoirEtre: m.ws_lever_savoirEtre,
		product: m.ws_lever_product,
		price: m.ws_lever_price,
		place: m.ws_lever_place,
		promotion: m.ws_lever_promotion,
		people: m.ws_lever_people,
		process: m.ws_lever_process,
		physicalEvidence: m.ws_lever_physicalEvidence
	};
	return labels[lever]?.() ?? lever;
}

export function ackMessage(ack: Ack): string | null {
	if (ack.ok) return null;
	switch (ack.error) {
		case 'forbidden':
			return m.ws_err_forbidden();
		case 'wrong-phase':
			return m.ws_err_wrong_phase();
		case 'locked':
			return m.ws_err_locked();
		case 'over-budget':
			return m.ws_err_over_budget();
		case 'not-found':
			return m.ws_err_not_found();
		case 'not-in-round':
			return m.ws_err_not_in_round();
		case 'rate-limited':
			return m.ws_err_rate_limited();
		case 'store-failed':
			return m.ws_err_store_failed();
		case 'timeout':
		case 'offline':
		case 'unavailable':
			return m.ws_err_offline();
		default:
			return m.ws_err_invalid({ message: ack.message ?? ack.error });
	}
}
