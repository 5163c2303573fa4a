// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		// interface Error {}
		// interface Locals {}
		// interface PageData {}
		interface PageState {
			/** Set by the join page: the plan sends a fresh join on to where the meeting is (GATHER-1). */
			joined?: boolean;
		}
		// interface Platform {}
	}
}

export {};
