import { env } from '$env/dynamic/private';
import { withDeadline } from '@ankommen/sveltekit-config/deadline';
import { fail, redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { keepSession, tokenOf } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
  if (locals.user) redirect(303, '/');
};

export const actions: Actions = {
  default: async ({ request, cookies, url, getClientAddress, fetch, locals }) => {
    const form = await request.formData();
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password)
      return fail(400, { email, error: 'Bitte E-Mail und Passwort eingeben.' });
    let response: Response;
    try {
      // A server-to-server call, so the global fetch: SvelteKit's would add this page's Origin,
      // and the API refuses a write from another origin that is not sent with a bearer token.
      // The client's address lets the API count sign-ins per client (with its TRUST_PROXY).
      response = await withDeadline(10_000, (signal) =>
        globalThis.fetch(
          `${(env.API_URL ?? 'http://127.0.0.1:8787').replace(/\/$/, '')}/v1/admin/login`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': getClientAddress() },
            body: JSON.stringify({ email, password }),
            signal,
          },
        ),
      );
    } catch {
      return fail(503, { email, error: 'Die API ist nicht erreichbar.' });
    }
    if (response.status === 429)
      return fail(429, {
        email,
        error: 'Zu viele Versuche. Bitte warten Sie und versuchen Sie es dann noch einmal.',
      });
    const token = tokenOf(response.headers.get('set-cookie'));
    if (response.status !== 200 || !token)
      return fail(401, { email, error: 'E-Mail oder Passwort ist falsch.' });
    const { expiresInSeconds } = (await response.json()) as { expiresInSeconds: number };
    // Signing in again (another account) ends the session this browser held before.
    if (locals.token) await api(fetch, '/v1/admin/logout', { method: 'POST', token: locals.token });
    keepSession(cookies, token, expiresInSeconds, url.protocol === 'https:');
    redirect(303, '/');
  },
};
