/**
 * Pure helpers of the workshop screens: the reader of my private document (laid out by the protocol,
 * `@cap/protocol` workshop.ts: drafts, hidden votes, hidden scores), the agenda steps, the countdown text.
 */
import { WORKSHOP_AGENDA, WORKSHOP_CRITERIA, type WorkshopCriterion } from '@cap/protocol';

export interface Draft {
	id: string;
	title: string;
	detail: string | null;
	levers: string[];
	createdAt: number;
}

export interface PrivateState {
	drafts: Draft[];
	votes: Record<string, number>;
	/** `${ideaId}:${criterion}` → 0..5 */
	scores: Record<string, number>;
}

type Raw = Record<string, unknown>;
const numOr = <T>(v: unknown, fallback: T): number | T =>
	typeof v === 'number' && Number.isFinite(v) ? v : fallback;

export function readPrivate(raw: { drafts?: Raw; votes?: Raw; scores?: Raw }): PrivateState {
	const drafts: Draft[] = [];
	for (const [id, value] of Object.entries(raw.drafts ?? {})) {
		const d = value as Raw | null;
		if (!d || typeof d.title !== 'string') continue;
		const tags = (d.tags ?? {}) as { levers?: unknown };
		drafts.push({
			id,
			title: d.title,
			detail: typeof d.detail === 'string' ? d.detail : null,
			levers: Array.isArray(tags.levers) ? tags.levers.filter((x) => typeof x === 'string') : [],
			createdAt: numOr(d.createdAt, 0)
		});
	}
	drafts.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
	const numbers = (o: Raw | undefined) =>
		Object.fromEntries(
			Object.entries(o ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number')
		);
	return { drafts, votes: numbers(raw.votes), scores: numbers(raw.scores) };
}

/** The agenda as the stepper shows it: 'setup' and 'closed' frame the meeting and are not steps. */
export const AGENDA_STEPS = WORKSHOP_AGENDA.filter((p) => p !== 'setup' && p !== 'closed');

/** Weighted score 0..5 from per-criterion averages, or null. */
export function weighted(
	averages: Partial<Record<WorkshopCriterion, number | null>>,
	weights: Record<WorkshopCriterion, number>
): number | null {
	let sum = 0;
	let w = 0;
	for (const c of WORKSHOP_CRITERIA) {
		const a = averages[c];
		if (a === null || a === undefined) continue;
		sum += a * weights[c];
		w += weights[c];
	}
	return w > 0 ? sum / w : null;
}

/** Countdown text "m:ss" (or "h:mm:ss"), rounding up so 0:00 appears only at the end. */
export function formatCountdown(ms: number): string {
	const total = Math.max(0, Math.ceil(ms / 1000));
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const ss = String(s).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
