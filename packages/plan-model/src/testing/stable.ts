/** JSON with object keys sorted, so replicas whose maps were filled in different orders compare equal. */
export function stableStringify(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) => {
		if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)) {
			return Object.fromEntries(
				Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			);
		}
		if (v instanceof Uint8Array) return Array.from(v);
		return v;
	});
}

/** The first index where two strings differ, with a little context, for readable assertion messages. */
export function firstDifference(a: string, b: string): string {
	let i = 0;
	while (i < a.length && i < b.length && a[i] === b[i]) i++;
	return `at ${i}: ...${a.slice(Math.max(0, i - 80), i + 80)}... vs ...${b.slice(Math.max(0, i - 80), i + 80)}...`;
}
