import { error, fail, redirect } from '@sveltejs/kit';
import { api, type Problem } from '$lib/server/api';
import { agencyErrors, agencyKinds, type AgencyRecord } from '$lib/server/agencies';
import { statusLabels } from '$lib/server/offers';
import { clockOf, todayOf } from '$lib/server/opening-hours';
import type { Actions, PageServerLoad } from './$types';

const createFields = ['id', 'name.de', 'kind', 'source.url'];

function staffOnly(locals: App.Locals) {
  if (!locals.user || locals.user.role === 'partner') error(403, 'Nur für die Redaktion.');
}

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  staffOnly(locals);
  const status = url.searchParams.get('status') ?? '';
  const query = (url.searchParams.get('q') ?? '').trim();
  const { body } = await api<{ items: AgencyRecord[] }>(
    fetch,
    `/v1/admin/agencies${Object.hasOwn(statusLabels, status) ? `?status=${status}` : ''}`,
    { token: locals.token },
  );
  const needle = query.toLocaleLowerCase('de');
  const agencies = body.items
    .map((agency) => ({
      id: agency.id,
      name: agency.value.name.de?.text ?? agency.value.name.en?.text ?? agency.id,
      nameEn: agency.value.name.en?.text ?? '',
      status: agency.status,
      version: agency.version,
      verifiedAt: agency.value.verifiedAt,
    }))
    .filter(
      (agency) =>
        !needle ||
        [agency.name, agency.nameEn, agency.id].some((text) =>
          text.toLocaleLowerCase('de').includes(needle),
        ),
    )
    .sort((a, b) => a.name.localeCompare(b.name, 'de'));
  return { agencies, status, query, kinds: agencyKinds, statusLabels };
};

export const actions: Actions = {
  /** "Neue Einrichtung": a draft with the essentials; the rest is filled in on its page. */
  create: async ({ request, fetch, locals, url }) => {
    staffOnly(locals);
    const data = await request.formData();
    const input = Object.fromEntries(
      createFields.map((field) => [field, String(data.get(field) ?? '').trim()]),
    );
    const sourceUrl = input['source.url'];
    const answer = await api<AgencyRecord | Problem>(fetch, '/v1/admin/agencies', {
      method: 'POST',
      token: locals.token,
      body: {
        value: {
          id: input.id,
          name: input['name.de'] ? { de: { text: input['name.de'], status: 'source' } } : {},
          kind: input.kind,
          // How sure the source is stays for a person to judge; "medium" until then.
          ...(sourceUrl
            ? {
                source: {
                  url: sourceUrl,
                  additional: [],
                  asOf: todayOf(clockOf(url)),
                  confidence: 'medium',
                },
              }
            : {}),
          verifiedAt: null,
        },
      },
    });
    if (answer.status === 201) redirect(303, `/agencies/${encodeURIComponent(input.id!)}`);
    const problem = answer.body as Problem;
    const errors =
      answer.status === 409
        ? { id: 'Diese Kennung ist schon vergeben.' }
        : agencyErrors(problem.errors, createFields);
    if (Object.keys(errors).length === 0) errors.form = problem.detail ?? problem.title;
    return fail(answer.status, { input, errors });
  },
};
