import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

// Settings is where a new plan starts (team, periods...), so a bare plan link opens it.
export const load: PageLoad = ({ params }) => {
	redirect(307, `/p/${params.planId}/settings`);
};
