/** What `npm run bench` measures (bench/run.ts); BENCH_QUICK=1 shrinks every parameter for a smoke run. */
const quick = Boolean(process.env.BENCH_QUICK);
export const params = {
	room: {
		sizes: quick ? [10, 30] : [20, 100, 300],
		/** Rounds per room size (every server once a round, bench/room.ts): fewer for the big room, which is slow to set up. */
		repeats: quick ? 1 : 5,
		repeatsLarge: quick ? 1 : 3,
		largeFrom: 300,
		seconds: quick ? 6 : 12,
		warmupMs: quick ? 1_000 : 2_000,
		drainMs: quick ? 2_000 : 4_000
	},
	/** `repeats` bursts per server, taking turns; the report gives their median (and the fewest kept). */
	burst: { updates: 1_000, repeats: quick ? 1 : 3 },
	perUpdate: { records: quick ? [0, 2_000] : [0, 2_000, 10_000], count: quick ? 100 : 300 },
	latency: { ops: quick ? 50 : 300, warmup: quick ? 5 : 25, maxMs: 20_000 },
	coldLoad: { updates: quick ? 500 : 5_000, repeats: quick ? 2 : 5 }
};

/** Rounds of a room of `clients`. */
export const roomRepeats = (clients: number) =>
	clients >= params.room.largeFrom ? params.room.repeatsLarge : params.room.repeats;
