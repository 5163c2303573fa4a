/** A period's actions grouped by workstream for the report (list order, no workstream last, none dropped). */
import type { LoadEntry } from '@cap/plan-model';

export function byWorkstream(
	entries: readonly LoadEntry[],
	order: readonly string[]
): { workstreamId: string | null; entries: LoadEntry[] }[] {
	const groups = new Map<string | null, LoadEntry[]>();
	for (const e of entries) {
		const key =
			e.action.workstreamId !== null && order.includes(e.action.workstreamId) ? e.action.workstreamId : null;
		groups.set(key, [...(groups.get(key) ?? []), e]);
	}
	return [...order.filter((id) => groups.has(id)), ...(groups.has(null) ? [null] : [])].map(
		(workstreamId) => ({
			workstreamId,
			entries: groups.get(workstreamId) ?? []
		})
	);
}
