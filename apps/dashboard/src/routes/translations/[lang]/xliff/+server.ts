import { error } from '@sveltejs/kit';
import { languageOf, requireStaff, xmlApi } from '$lib/server/translations';
import type { RequestHandler } from './$types';

/** Passes the API's XLIFF file on as a download; the token stays on the server. */
export const GET: RequestHandler = async ({ fetch, locals, params, url }) => {
  requireStaff(locals.user);
  const query = new URLSearchParams({ lang: languageOf(params.lang).code });
  for (const name of ['status', 'entityType', 'entityId']) {
    const value = url.searchParams.get(name);
    if (value) query.set(name, value);
  }
  const answer = await xmlApi(fetch, `/v1/admin/translations/xliff?${query}`, locals.token);
  if (answer.status !== 200) {
    const problem = (await answer.json()) as { errors?: { field: string; message: string }[] };
    error(
      answer.status,
      problem.errors?.map((e) => `${e.field} ${e.message}`).join('; ') ?? 'Export nicht möglich.',
    );
  }
  return new Response(answer.body, {
    headers: {
      'content-type': answer.headers.get('content-type') ?? 'application/xliff+xml',
      'content-disposition': answer.headers.get('content-disposition') ?? 'attachment',
    },
  });
};
