import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** The bare address sends each visitor to the language their browser asks for first. */
export const load: PageServerLoad = ({ locals, setHeaders }) => {
  setHeaders({ Vary: 'Accept-Language' });
  redirect(307, `/${locals.lang}`);
};
