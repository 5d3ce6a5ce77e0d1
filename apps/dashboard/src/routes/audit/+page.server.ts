import { api } from '$lib/server/api';
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
  for (const name of ['entityType', 'entityId', 'userId']) {
    const value = url.searchParams.get(name)?.trim();
    if (value) query.set(name, value);
  }
  const { status, body } = await api<{ items: Entry[] }>(fetch, `/v1/admin/audit?${query}`, {
    token: locals.token,
  });
  return { entries: status === 200 ? body.items : [], filters: Object.fromEntries(query) };
};
