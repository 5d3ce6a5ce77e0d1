import { api, type Problem } from '$lib/server/api';
import type { PageServerLoad } from './$types';

interface Entry {
  id: number | string;
  at: string;
  userId: string | null;
  action: string;
  entityType: string;
  entityId: string;
}

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  const query = new URLSearchParams();
  for (const name of ['entityType', 'entityId', 'userId', 'from', 'to']) {
    const value = url.searchParams.get(name)?.trim();
    if (value) query.set(name, value);
  }
  const { status, body } = await api<{ items: Entry[] } & Problem>(
    fetch,
    `/v1/admin/audit?${query}`,
    {
      token: locals.token,
    },
  );
  // A filter the API refuses (say, a malformed person id) is named, not silently ignored.
  const invalid =
    status === 200 ? [] : (body.errors ?? []).map((e) => e.field.replace(/^query\./, ''));
  return { entries: status === 200 ? body.items : [], invalid, filters: Object.fromEntries(query) };
};
