/**
 * Workshop authority over client updates of the PLAN document (WS-2, for every role, facilitator
 * included: the facilitator's browser also goes through commands):
 *
 * - `workshop`, `votes`, `scores` are written by the server only: any client change to them is refused
 *   (phase, timer, lock, anonymity, reveal flags, vote totals, ready flags, published votes and scores);
 * - while ideas are hidden (phase 'silentWriting' before reveal) or the workshop is anonymous, a client may
 *   not create an idea record itself (it would reach every browser, or carry its author): ideas are added
 *   with the `addIdea` command; nobody ever changes an idea's `authorId`;
 * - while the workshop is locked, only the facilitator changes ideas and groups.
 *
 * Same technique as the comments extension: the update is applied to a scratch copy of the live document
 * and the transaction's `changed` map tells which root maps, records and fields it touches. Cost: one
 * encode of the document per non-empty client update of the plan.
 */
import { selectWorkshop } from '@cap/plan-model';
import * as Y from 'yjs';
import { inspectUpdate, pathOf } from '../extensions/scratch-diff.ts';

const SERVER_ONLY_ROOTS = new Set(['workshop', 'votes', 'scores']);
const BOARD_ROOTS = new Set(['ideas', 'ideaGroups']);

/** Why this client update of the plan is not allowed by the workshop rules, or null. */
export function workshopViolation(
	live: Y.Doc,
	update: Uint8Array,
	sender: { participantId: string; isFacilitator: boolean }
): string | null {
	const workshop = selectWorkshop(live);
	return inspectUpdate(live, update, (scratch, changes) => {
		const hidden = workshop.phase === 'silentWriting' && !workshop.ideasRevealed;
		const ideasBefore = live.getMap('ideas');
		for (const [type, keys] of changes) {
			const path = pathOf(type, scratch);
			const root = path?.[0];
			if (root === undefined || path === null) continue; // inside rich text: not a workshop structure
			if (SERVER_ONLY_ROOTS.has(root)) return `only the server writes ${root}`;
			if (!BOARD_ROOTS.has(root)) continue;
			if (workshop.locked && !sender.isFacilitator) return 'the workshop is locked';
			if (root !== 'ideas') continue;
			for (const key of keys) {
				if (path.length === 1 && key !== null && !ideasBefore.has(key)) {
					if (hidden) return 'ideas are hidden: add them with the addIdea command';
					if (workshop.anonymous) return 'the workshop is anonymous: add ideas with the addIdea command';
					const rec = scratch.getMap('ideas').get(key);
					const author = rec instanceof Y.Map ? rec.get('authorId') : undefined;
					if (author !== undefined && author !== sender.participantId)
						return 'an idea is authored by its sender';
				}
				if (path.length === 2 && key === 'authorId') return 'an idea’s author never changes';
			}
		}
		return null;
	});
}
