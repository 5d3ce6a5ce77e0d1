import { apiGet } from '$lib/server/api';
import type { City } from '$lib/types';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ fetch, locals }) => {
  const city = await apiGet<City>(fetch, `/v1/city?lang=${locals.lang}`);
  return { lang: locals.lang, city };
};
