import { error, fail } from '@sveltejs/kit';
import { api, type Problem } from '$lib/server/api';
import {
  agencyErrors,
  agencyForm,
  agencyKinds,
  formFields,
  formOf,
  locationCount,
  withAgencyForm,
  type AgencyForm,
  type AgencyRecord,
} from '$lib/server/agencies';
import { confirmChecked } from '$lib/server/checked';
import { statusLabels, workflowSteps } from '$lib/server/offers';
import { asOfParameter, clockOf, previewHours, todayOf } from '$lib/server/opening-hours';
import type { Actions, PageServerLoad } from './$types';

const path = (id: string) => `/v1/admin/agencies/${encodeURIComponent(id)}`;
const steps = ['approve', 'reject', 'publish', 'archive'];

function staffOnly(locals: App.Locals) {
  if (!locals.user || locals.user.role === 'partner') error(403, 'Nur für die Redaktion.');
}

async function record(fetcher: typeof fetch, token: string | null, id: string) {
  const answer = await api<AgencyRecord>(fetcher, path(id), { token });
  if (answer.status === 404) error(404, 'Diese Einrichtung gibt es nicht.');
  return answer.body;
}

/** The preview of every location's typed opening hours, by location index. */
const previewsOf = (form: AgencyForm, locations: number, clock: Date) =>
  Array.from({ length: locations }, (_, index) =>
    previewHours(form[`locations.${index}.openingHours.osm`] ?? '', clock),
  );

export const load: PageServerLoad = async ({ fetch, locals, params, url }) => {
  staffOnly(locals);
  const agency = await record(fetch, locals.token, params.id);
  const form = agencyForm(agency.value);
  const locations = locationCount(agency.value);
  return {
    agency: {
      id: agency.id,
      version: agency.version,
      status: agency.status,
      verifiedAt: agency.value.verifiedAt,
      lastCheck: agency.lastCheck ?? null,
      lastReview: agency.lastReview ?? null,
    },
    form,
    locations,
    previews: previewsOf(form, locations, clockOf(url)),
    asOf: asOfParameter(url),
    kinds: agencyKinds,
    statusLabels,
    steps: workflowSteps(agency.status, locals.user?.role, { submit: false }),
  };
};

export const actions: Actions = {
  /**
   * Saves onto the version the editor loaded. On 409 the typed values stay in the form beside
   * a notice; saving again puts them over the newer version knowingly.
   */
  save: async ({ request, fetch, locals, params, url }) => {
    staffOnly(locals);
    const data = await request.formData();
    const version = Number(data.get('version'));
    const current = await record(fetch, locals.token, params.id);
    const locations = locationCount(current.value);
    const form = formOf(data, locations);
    const clock = clockOf(url);
    const previews = previewsOf(form, locations, clock);
    const answer = await api<AgencyRecord | Problem>(fetch, path(params.id), {
      method: 'PUT',
      token: locals.token,
      ifMatch: `"v${version}"`,
      body: { value: withAgencyForm(current.value, form, todayOf(clock)) },
    });
    // After a conflict the next save goes onto the newer version, knowingly.
    if (answer.status === 409)
      return fail(409, { form, previews, version: current.version, conflict: true, errors: {} });
    if (answer.status !== 200) {
      const problem = answer.body as Problem;
      const errors = agencyErrors(problem.errors, formFields(locations));
      if (Object.keys(errors).length === 0) errors.form = problem.detail ?? problem.title;
      return fail(answer.status, { form, previews, version, conflict: false, errors });
    }
    return { saved: true };
  },

  /** Shows the preview of the typed opening hours without saving anything (works without JS). */
  preview: async ({ request, fetch, locals, params, url }) => {
    staffOnly(locals);
    const data = await request.formData();
    const current = await record(fetch, locals.token, params.id);
    const locations = locationCount(current.value);
    const form = formOf(data, locations);
    return {
      form,
      previews: previewsOf(form, locations, clockOf(url)),
      // The version the editor loaded, so a later save still detects others' changes.
      version: Number(data.get('version')),
      conflict: false,
      errors: {},
    };
  },

  /** "Angaben geprüft (heute)": the date and the person go to the record and the audit log. */
  check: async ({ request, fetch, locals, params, url }) => {
    const role = locals.user?.role;
    if (role !== 'admin' && role !== 'editor') error(403, 'Nur für die Redaktion.');
    const data = await request.formData();
    return confirmChecked(fetch, locals.token, path(params.id), {
      version: Number(data.get('version')),
      today: todayOf(clockOf(url)),
    });
  },

  /** A workflow step (approve, reject, publish, archive) on the version shown. */
  workflow: async ({ request, fetch, locals, params }) => {
    staffOnly(locals);
    const data = await request.formData();
    const step = String(data.get('step') ?? '');
    if (!steps.includes(step)) error(400, 'Unbekannter Schritt');
    const comment = String(data.get('comment') ?? '').trim();
    const answer = await api<Problem>(fetch, `${path(params.id)}/${step}`, {
      method: 'POST',
      token: locals.token,
      ifMatch: `"v${Number(data.get('version'))}"`,
      body: comment ? { comment } : {},
    });
    if (answer.status !== 200)
      return fail(answer.status, { workflowError: answer.body.detail ?? answer.body.title });
    return { moved: step };
  },
};
