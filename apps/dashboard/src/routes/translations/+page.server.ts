import { api } from '$lib/server/api';
import {
  languages,
  requireStaff,
  statusLabels,
  type LanguageCoverage,
  type WorkStatus,
} from '$lib/server/translations';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals }) => {
  requireStaff(locals.user);
  const { body } = await api<{ languages: LanguageCoverage[] }>(
    fetch,
    '/v1/admin/translations/coverage',
    { token: locals.token },
  );
  return {
    coverage: body.languages
      .filter((entry) => languages[entry.lang])
      .map((entry) => ({ ...entry, name: languages[entry.lang]!.name })),
    // Done first: written by a person, as a checked translation or an original.
    columns: (['reviewed', 'source', 'machine', 'outdated', 'missing'] as WorkStatus[]).map(
      (status) => ({ status, label: statusLabels[status] }),
    ),
    canImport: locals.user?.role === 'admin' || locals.user?.role === 'editor',
  };
};
