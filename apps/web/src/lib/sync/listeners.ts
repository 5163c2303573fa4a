/** Callbacks registered with `add` (which returns how to remove one), all called by `call`. */
export class Listeners {
	readonly #all: Array<() => void> = [];

	add(listener: () => void): () => void {
		this.#all.push(listener);
		return () => {
			const i = this.#all.indexOf(listener);
			if (i >= 0) this.#all.splice(i, 1);
		};
	}

	/** Calls each one registered now (one may remove itself or add another meanwhile). */
	call(): void {
		for (const listener of [...this.#all]) listener();
	}
}
