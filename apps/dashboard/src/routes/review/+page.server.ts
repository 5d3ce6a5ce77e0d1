import { error, fail } from '@sveltejs/kit';
import { api, type Problem } from '$lib/server/api';
import type { OfferRecord } from '$lib/server/offers';
import { diff } from '$lib/server/review';
import type { Actions, PageServerLoad } from './$types';

const reviewers = ['admin', 'reviewer'];

export const load: PageServerLoad = async ({ fetch, locals }) => {
  if (!locals.user || locals.user.role === 'partner') error(403, 'Nur für die Redaktion.');
  const { body } = await api<{ items: OfferRecord[] }>(fetch, '/v1/admin/offers?status=in_review', {
    token: locals.token,
  });
  return {
    mayDecide: reviewers.includes(locals.user.role),
    offers: body.items.map((offer) => ({
      id: offer.id,
      version: offer.version,
      title: offer.value.title.de?.text ?? offer.id,
      isNew: offer.published === null,
      changes: diff(offer.published, offer.value),
    })),
  };
};

export const actions: Actions = {
  /** Approve or reject a submission; the comment goes to the partner with the decision. */
  decide: async ({ request, fetch, locals }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const step = String(form.get('step') ?? '');
    if (step !== 'approve' && step !== 'reject') error(400, 'Unbekannter Schritt');
    const comment = String(form.get('comment') ?? '').trim();
    const answer = await api<Problem>(fetch, `/v1/admin/offers/${encodeURIComponent(id)}/${step}`, {
      method: 'POST',
      token: locals.token,
      ifMatch: `"v${Number(form.get('version'))}"`,
      body: comment ? { comment } : {},
    });
    if (answer.status === 200) return { decided: { id, step } };
    const commentError = answer.body.errors?.find((e) => e.field === 'body.comment');
    return fail(answer.status, {
      id,
      comment,
      error: commentError
        ? 'Bitte begründen Sie die Zurückweisung: der Kommentar geht an den Partner.'
        : answer.status === 409
          ? 'Die Einreichung hat sich inzwischen geändert. Bitte laden Sie die Seite neu.'
          : (answer.body.detail ?? answer.body.title),
      commentError: Boolean(commentError),
    });
  },
};
