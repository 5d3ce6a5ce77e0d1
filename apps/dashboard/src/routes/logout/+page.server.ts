import { redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { SESSION_COOKIE } from '$lib/server/session';
import type { Actions } from './$types';

export const actions: Actions = {
  // Ends the session on the server too, so the token is worthless even if it leaked.
  default: async ({ fetch, locals, cookies }) => {
    if (locals.token) await api(fetch, '/v1/admin/logout', { method: 'POST', token: locals.token });
    cookies.delete(SESSION_COOKIE, { path: '/' });
    redirect(303, '/login');
  },
};
