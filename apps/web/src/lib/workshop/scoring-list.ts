/**
 * Which ideas a participant scores (issue #25: a phone walked every idea × 5 criteria). Once the votes are
 * revealed, the default is the most voted ideas (the top {@link TOP_VOTED} with at least one vote, ties at
 * the edge included, in ballot order), and everyone can still choose to score them all. Before a reveal,
 * or when no idea got a vote, every idea of the ballot is scored.
 */
export const TOP_VOTED = 5;

export function ideasToScore<T extends { id: string }>(
	ballot: readonly T[],
	votesByIdea: Readonly<Record<string, number>>,
	votesRevealed: boolean,
	all: boolean,
	n = TOP_VOTED
): T[] {
	if (all || !votesRevealed) return [...ballot];
	const voted = ballot.filter((idea) => (votesByIdea[idea.id] ?? 0) > 0);
	if (voted.length <= n) return voted.length > 0 ? voted : [...ballot];
	const counts = voted.map((idea) => votesByIdea[idea.id] ?? 0).sort((a, b) => b - a);
	const edge = counts[n - 1]!;
	return voted.filter((idea) => (votesByIdea[idea.id] ?? 0) >= edge);
}
