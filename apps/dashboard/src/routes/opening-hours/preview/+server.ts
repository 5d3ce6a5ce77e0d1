import { error } from '@sveltejs/kit';
import { render } from 'svelte/server';
import { clockOf, previewHours } from '$lib/server/opening-hours';
import OpeningHoursPreview from '../OpeningHoursPreview.svelte';
import type { RequestHandler } from './$types';

/**
 * The live preview's fragment: the same markup the page renders after "Vorschau", for the
 * script that updates it while a person types. Nothing is saved.
 */
export const GET: RequestHandler = ({ url, locals }) => {
  if (!locals.user || locals.user.role === 'partner') error(403, 'Nur für die Redaktion.');
  const value = url.searchParams.get('value') ?? '';
  if (value.length > 2000) error(400, 'Öffnungszeiten sind höchstens 2000 Zeichen lang.');
  const { body } = render(OpeningHoursPreview, {
    props: { preview: previewHours(value, clockOf(url)) },
  });
  return new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' } });
};
