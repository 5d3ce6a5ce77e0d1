import type { Handle, HandleFetch } from '@sveltejs/kit';
import { apiBase } from '$lib/server/api';
import { isSiteLanguage, negotiate, rtl } from '$lib/i18n/messages';

/**
 * Sets the page language and direction from the URL (`/ar/…` is Arabic, right to left).
 * Nothing about the visitor is logged.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const first = event.url.pathname.split('/')[1] ?? '';
  const lang = isSiteLanguage(first)
    ? first
    : negotiate(event.request.headers.get('accept-language'));
  event.locals.lang = lang;
  const response = await resolve(event, {
    transformPageChunk: ({ html }) =>
      html
        .replace('%ankommen.lang%', lang)
        .replace('%ankommen.dir%', rtl.has(lang) ? 'rtl' : 'ltr'),
  });
  // The Wegweiser's pages hold a person's answers: no cache may keep them.
  if (event.url.pathname.endsWith('/guide')) response.headers.set('Cache-Control', 'no-store');
  // The security headers (CSP, nosniff, Referrer-Policy, HSTS over TLS) are set by the server
  // on every answer, static files included: @ankommen/sveltekit-config/serve.
  return response;
};

/**
 * Calls to the API name the visitor (X-Forwarded-For, which the API trusts from this server),
 * so that its limits count each person, not the site as one client. The address is neither
 * kept nor logged here.
 */
export const handleFetch: HandleFetch = ({ event, request, fetch }) => {
  if (request.url.startsWith(`${apiBase()}/`))
    request.headers.set('x-forwarded-for', event.getClientAddress());
  return fetch(request);
};
