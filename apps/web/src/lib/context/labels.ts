/** Words of the context section: SWOT quadrants, watch kinds, 4P levers and moves, in the reader's language. */
import type { MixLever, MixMove, SwotQuadrant, WatchKind } from '@cap/plan-model';
import * as m from '#lib/paraglide/messages.js';

export function quadrantLabel(quadrant: SwotQuadrant): string {
	return {
		strength: m.ctx_swot_strength,
		weakness: m.ctx_swot_weakness,
		opportunity: m.ctx_swot_opportunity,
		threat: m.ctx_swot_threat
	}[quadrant]();
}

/** One item of a quadrant: "Menace", "Threat". */
export function quadrantItemLabel(quadrant: SwotQuadrant): string {
	return {
		strength: m.ctx_swot_one_strength,
		weakness: m.ctx_swot_one_weakness,
		opportunity: m.ctx_swot_one_opportunity,
		threat: m.ctx_swot_one_threat
	}[quadrant]();
}

export function watchKindLabel(kind: WatchKind): string {
	return kind === 'competitor' ? m.ctx_watch_competitor() : m.ctx_watch_trend();
}

export function leverLabel(lever: MixLever): string {
	return {
		product: m.ctx_mix_product,
		price: m.ctx_mix_price,
		place: m.ctx_mix_place,
		promotion: m.ctx_mix_promotion
	}[lever]();
}

export function moveLabel(move: MixMove): string {
	return {
		launch: m.ctx_mix_launch,
		improve: m.ctx_mix_improve,
		drop: m.ctx_mix_drop,
		enter: m.ctx_mix_enter,
		leave: m.ctx_mix_leave
	}[move]();
}

/** "prix, seniors ,, salon" → ["prix", "seniors", "salon"]: what people type in a tags field. */
export function parseTags(text: string): string[] {
	return [
		...new Set(
			text
				.split(/[,;]/)
				.map((t) => t.trim())
				.filter((t) => t.length > 0)
		)
	];
}
