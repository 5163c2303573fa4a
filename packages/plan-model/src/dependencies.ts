/**
 * The effective dependency graph between actions (ACT-3, ACT-4).
 *
 * Commands refuse any edge that would close a cycle, but two replicas can each add one half of a cycle
 * concurrently (A depends on B here, B depends on A there) and both edges merge. Selectors therefore read
 * the stored edges through this deterministic filter: edges to deleted or unknown actions and self-edges
 * are ignored, the rest are taken in (from, to) id order, and an edge is dropped when it would close a
 * cycle with the edges already kept. Every replica holding the same state keeps the same edges, so the
 * graph the UI shows is always acyclic and identical everywhere. The dropped edge stays stored; removing
 * another edge of the cycle brings it back.
 */

/** `stored`: actionId -> ids it depends on (live actions only). Returns the kept edges per action. */
export function effectiveDependencies(stored: Map<string, string[]>): Map<string, string[]> {
	const edges: [string, string][] = [];
	for (const [from, tos] of stored) {
		for (const to of tos) if (to !== from && stored.has(to)) edges.push([from, to]);
	}
	edges.sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
	const kept = new Map<string, string[]>();
	for (const id of stored.keys()) kept.set(id, []);
	for (const [from, to] of edges) {
		if (!reaches(kept, to, from)) kept.get(from)?.push(to);
	}
	for (const list of kept.values()) list.sort();
	return kept;
}

/** True when `target` is reachable from `start` following dependency edges. */
export function reaches(graph: Map<string, string[]>, start: string, target: string): boolean {
	if (start === target) return true;
	const seen = new Set<string>([start]);
	const stack = [start];
	while (stack.length > 0) {
		const node = stack.pop() as string;
		for (const next of graph.get(node) ?? []) {
			if (next === target) return true;
			if (!seen.has(next)) {
				seen.add(next);
				stack.push(next);
			}
		}
	}
	return false;
}
