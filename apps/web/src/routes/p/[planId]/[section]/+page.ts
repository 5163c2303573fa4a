import { error } from '@sveltejs/kit';
import { isSection } from '#lib/sections.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) => {
	if (!isSection(params.section)) error(404, 'Unknown section');
	return { section: params.section };
};
