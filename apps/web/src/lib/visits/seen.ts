/**
 * "Depuis votre dernière visite": what this person last had on screen, kept on this device per plan and
 * participant (plan-model SINCE-1), and read back through a valibot schema (storage is a boundary).
 */
import type { VisitSnapshot } from '@cap/plan-model';
import * as v from 'valibot';

const nullableString = v.nullable(v.string());
const snapshotSchema = v.object({
	at: v.number(),
	actions: v.record(
		v.string(),
		v.object({
			name: v.string(),
			status: v.string(),
			start: nullableString,
			end: nullableString,
			periodId: nullableString
		})
	),
	measurements: v.array(v.string()),
	budget: v.record(v.string(), v.number()),
	comments: v.array(v.string())
});

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

const key = (planId: string, participantId: string) => `cap.seen.${planId}.${participantId}`;

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

/** The snapshot of this person's last visit on this device, or null (none, or unreadable). */
export function loadSeen(planId: string, participantId: string, store = storage()): VisitSnapshot | null {
	const raw = store?.getItem(key(planId, participantId));
	if (!raw) return null;
	try {
		const result = v.safeParse(snapshotSchema, JSON.parse(raw));
		return result.success ? result.output : null;
	} catch {
		return null;
	}
}

export function saveSeen(
	planId: string,
	participantId: string,
	seen: VisitSnapshot,
	store = storage()
): void {
	try {
		store?.setItem(key(planId, participantId), JSON.stringify(seen));
	} catch {
		// A full storage only means the next visit lists nothing.
	}
}
