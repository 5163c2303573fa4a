/** Filtering ideas by their tags (levers, channels, targets, objectives); '' in a field means "any". */
import type { IdeaTags } from '@cap/plan-model';

export interface TagFilter {
	lever: string;
	channel: string;
	target: string;
	objective: string;
}

export function matchesTags(
	tags: Pick<IdeaTags, 'levers' | 'channelIds' | 'targetIds' | 'objectiveIds'>,
	filter: TagFilter
): boolean {
	return (
		(filter.lever === '' || tags.levers.includes(filter.lever)) &&
		(filter.channel === '' || tags.channelIds.includes(filter.channel)) &&
		(filter.target === '' || tags.targetIds.includes(filter.target)) &&
		(filter.objective === '' || tags.objectiveIds.includes(filter.objective))
	);
}
