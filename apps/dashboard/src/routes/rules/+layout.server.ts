import { requireStaff } from '$lib/server/rules';
import type { LayoutServerLoad } from './$types';

// Partners see nothing of the rules; the actions check this again (layouts do not guard them).
export const load: LayoutServerLoad = ({ locals }) => {
  requireStaff(locals.user);
};
