/** A tiny seeded PRNG (mulberry32) so that a failing fuzz seed replays exactly. */

export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class Prng {
	readonly next: () => number;

	constructor(seed: number) {
		this.next = mulberry32(seed);
	}

	/** Integer in [min, max] inclusive. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	bool(probability = 0.5): boolean {
		return this.next() < probability;
	}

	/** A random element; throws on an empty array. */
	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('Prng.pick: empty array');
		return items[this.int(0, items.length - 1)] as T;
	}

	/** A random element, or undefined for an empty array. */
	maybePick<T>(items: readonly T[]): T | undefined {
		return items.length === 0 ? undefined : items[this.int(0, items.length - 1)];
	}
}
