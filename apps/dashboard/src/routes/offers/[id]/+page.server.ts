import { error, fail } from '@sveltejs/kit';
import { api, type Problem } from '$lib/server/api';
import { confirmChecked } from '$lib/server/checked';
import { asOfParameter, clockOf, todayOf } from '$lib/server/opening-hours';
import {
  editableFields,
  errorsByField,
  fieldValue,
  withTexts,
  workflowSteps,
  type EditableField,
  type OfferRecord,
} from '$lib/server/offers';
import type { Actions, PageServerLoad } from './$types';

async function record(fetcher: typeof fetch, token: string | null, id: string) {
  const answer = await api<OfferRecord>(fetcher, `/v1/admin/offers/${encodeURIComponent(id)}`, {
    token,
  });
  if (answer.status === 404)
    error(404, 'Dieses Angebot gibt es nicht, oder Sie dürfen es nicht sehen.');
  return answer.body;
}

const textsOf = (offer: OfferRecord) =>
  Object.fromEntries(
    editableFields.map((field) => [field, fieldValue(offer.value, field)]),
  ) as Record<EditableField, string>;

export const load: PageServerLoad = async ({ fetch, locals, params, url }) => {
  const offer = await record(fetch, locals.token, params.id);
  return {
    offer: {
      id: offer.id,
      version: offer.version,
      status: offer.status,
      verifiedAt: offer.value.verifiedAt ?? null,
      lastCheck: offer.lastCheck ?? null,
      lastReview: offer.lastReview ?? null,
    },
    texts: textsOf(offer),
    asOf: asOfParameter(url),
    steps: workflowSteps(offer.status, locals.user?.role),
  };
};

export const actions: Actions = {
  /**
   * Saves the texts onto the version the editor loaded. If someone saved in between, the API
   * refuses (409): the editor's texts stay in the form, beside the newer ones, and saving
   * again puts them over the newer version knowingly. Nothing is lost silently.
   */
  save: async ({ request, fetch, locals, params }) => {
    const form = await request.formData();
    const version = Number(form.get('version'));
    const texts = Object.fromEntries(
      editableFields.map((field) => [field, String(form.get(field) ?? '')]),
    ) as Record<EditableField, string>;
    const current = await record(fetch, locals.token, params.id);
    const answer = await api<OfferRecord | Problem>(
      fetch,
      `/v1/admin/offers/${encodeURIComponent(params.id)}`,
      {
        method: 'PUT',
        token: locals.token,
        ifMatch: `"v${version}"`,
        body: { value: withTexts(current.value, texts) },
      },
    );
    if (answer.status === 409)
      return fail(409, {
        texts,
        conflict: { version: current.version, texts: textsOf(current) },
        errors: {},
      });
    if (answer.status !== 200)
      return fail(answer.status, {
        texts,
        conflict: null,
        errors: errorsByField((answer.body as Problem).errors),
      });
    return { saved: true, texts: textsOf(answer.body as OfferRecord), conflict: null, errors: {} };
  },

  /** "Angaben geprüft (heute)": the date and the person go to the record and the audit log. */
  check: async ({ request, fetch, locals, params, url }) => {
    const role = locals.user?.role;
    if (role !== 'admin' && role !== 'editor') error(403, 'Nur für die Redaktion.');
    const form = await request.formData();
    return confirmChecked(
      fetch,
      locals.token,
      `/v1/admin/offers/${encodeURIComponent(params.id)}`,
      { version: Number(form.get('version')), today: todayOf(clockOf(url)) },
    );
  },

  /** A workflow step (submit, approve, reject, publish, archive) on the version shown. */
  workflow: async ({ request, fetch, locals, params }) => {
    const form = await request.formData();
    const step = String(form.get('step') ?? '');
    if (!['submit', 'approve', 'reject', 'publish', 'archive'].includes(step))
      error(400, 'Unknown step');
    const comment = String(form.get('comment') ?? '').trim();
    const answer = await api<Problem>(
      fetch,
      `/v1/admin/offers/${encodeURIComponent(params.id)}/${step}`,
      {
        method: 'POST',
        token: locals.token,
        ifMatch: `"v${Number(form.get('version'))}"`,
        body: comment ? { comment } : {},
      },
    );
    if (answer.status !== 200)
      return fail(answer.status, { workflowError: answer.body.detail ?? answer.body.title });
    return { moved: step };
  },
};
