/**
 * Where the impact/effort matrix draws each idea's numbered dot. Ideas often share a spot (same averages),
 * so each dot, in rank order, takes the free place nearest its true position: rings of places one dot
 * apart around it, clamped to the plot. Two dots are at least `step` apart on x or on y, so their square
 * boxes never intersect, whatever the number of ideas or the length of their titles (the titles go in a
 * legend, not on the chart).
 */

export interface Spot {
	x: number;
	y: number;
}

export interface Bounds {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

/** Whether a dot at `a` and one at `b` keep apart: `step` or more on either axis. */
function apart(a: Spot, b: Spot, step: number): boolean {
	return Math.abs(a.x - b.x) >= step - 1e-9 || Math.abs(a.y - b.y) >= step - 1e-9;
}

/**
 * One spot per target, in the same order: the target itself when free, else the nearest free spot in the
 * rings around it (ties broken by ring order, so the layout is the same on every screen).
 */
export function placeDots(targets: Spot[], bounds: Bounds, step: number): Spot[] {
	const placed: Spot[] = [];
	const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
	const maxRing = Math.ceil(Math.max(bounds.right - bounds.left, bounds.bottom - bounds.top) / step) + 1;
	for (const t of targets) {
		let spot: Spot | null = null;
		for (let ring = 0; ring <= maxRing && !spot; ring++) {
			const candidates: Spot[] = [];
			for (let i = -ring; i <= ring; i++) {
				for (let j = -ring; j <= ring; j++) {
					if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
					candidates.push({
						x: clamp(t.x + i * step, bounds.left, bounds.right),
						y: clamp(t.y + j * step, bounds.top, bounds.bottom)
					});
				}
			}
			const dist = (c: Spot) => (c.x - t.x) ** 2 + (c.y - t.y) ** 2;
			spot =
				candidates
					.filter((c) => placed.every((p) => apart(p, c, step)))
					.sort((a, b) => dist(a) - dist(b))[0] ?? null;
		}
		// A plot too small for every dot (never at the sizes drawn): the dot keeps its true place.
		placed.push(spot ?? t);
	}
	return placed;
}
