import { api } from '$lib/server/api';
import {
  entityTypeLabels,
  fieldLabel,
  languageOf,
  requireStaff,
  statusLabels,
  workFilters,
  workStatuses,
  type TranslationItem,
} from '$lib/server/translations';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals, params, url }) => {
  requireStaff(locals.user);
  const language = languageOf(params.lang);
  const filters = workFilters(url);
  const query = new URLSearchParams({ lang: language.code });
  if (filters.status) query.set('status', filters.status);
  if (filters.entityType) query.set('entityType', filters.entityType);
  const { body } = await api<{ items: TranslationItem[] }>(
    fetch,
    `/v1/admin/translations?${query}`,
    {
      token: locals.token,
    },
  );
  query.delete('lang');
  return {
    language,
    filters,
    exportQuery: query.toString(),
    statuses: workStatuses.map((value) => ({ value, label: statusLabels[value] })),
    items: body.items.map((item) => ({
      ...item,
      kind: entityTypeLabels[item.entityType],
      label: fieldLabel(item.field),
      statusLabel: statusLabels[item.status],
    })),
  };
};
