import { redirect, type Handle } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { SESSION_COOKIE } from '$lib/server/session';

/**
 * Who is signed in: the dashboard's cookie holds the API token; the API says whose it is
 * (and whether it is still valid, so sign-out and expiry on the server take effect at once).
 */
export const handle: Handle = async ({ event, resolve }) => {
  event.locals.token = event.cookies.get(SESSION_COOKIE) ?? null;
  event.locals.user = null;
  if (event.locals.token) {
    const me = await api<{ user: App.Locals['user'] }>(event.fetch, '/v1/admin/me', {
      token: event.locals.token,
    });
    if (me.status === 200) event.locals.user = me.body.user;
    else event.cookies.delete(SESSION_COOKIE, { path: '/' });
  }
  if (!event.locals.user && event.url.pathname !== '/login') redirect(303, '/login');
  const response = await resolve(event);
  // The security headers (CSP, nosniff, Referrer-Policy, HSTS over TLS) are set by the server
  // on every answer, static files included: @ankommen/sveltekit-config/serve.
  response.headers.set('Cache-Control', 'no-store');
  return response;
};
