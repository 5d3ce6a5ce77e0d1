import { labels } from '$lib/server/taxonomy';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals }) => ({
  topics: (await labels(fetch, locals.lang)).topics,
});
