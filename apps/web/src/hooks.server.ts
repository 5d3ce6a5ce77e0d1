import type { Handle } from '@sveltejs/kit';
import { isSiteLanguage, negotiate, rtl } from '$lib/i18n/messages';

/**
 * Sets the page language and direction from the URL (`/ar/…` is Arabic, right to left), and
 * the headers every answer carries. Nothing about the visitor is logged.
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
  response.headers.set('X-Content-Type-Options', 'nosniff');
  // Nothing leaves for other sites; same-origin requests keep their Origin (no-referrer would
  // send `Origin: null` with our own forms, which the cross-site form check then refuses).
  response.headers.set('Referrer-Policy', 'same-origin');
  if (event.url.protocol === 'https:')
    response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  return response;
};
