import { error } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { freshness, type Sourced } from '$lib/server/freshness';
import type { PageServerLoad } from './$types';

interface Entry {
  id: string;
  status: string;
  value: Sourced & { title?: { de?: { text: string } }; name?: { de?: { text: string } } };
}

const named = (entry: Entry) => ({
  id: entry.id,
  name: entry.value.title?.de?.text ?? entry.value.name?.de?.text ?? entry.id,
  verifiedAt: entry.value.verifiedAt ?? null,
});

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  if (!locals.user || locals.user.role === 'partner') error(403, 'Nur für die Redaktion.');
  // The day to judge from: today, or `?asOf=YYYY-MM-DD` to look at another day.
  const asOf = url.searchParams.get('asOf');
  const today =
    asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : new Date().toISOString().slice(0, 10);
  const [offers, agencies] = await Promise.all(
    ['offers', 'agencies'].map(async (kind) => {
      const { body } = await api<{ items: Entry[] }>(fetch, `/v1/admin/${kind}`, {
        token: locals.token,
      });
      const live = body.items.filter((entry) => entry.status !== 'archived');
      const found = freshness(
        live.map((entry) => ({ ...entry.value, entry })),
        today,
      );
      return {
        unchecked: found.unchecked.map((e) => named(e.entry)),
        withoutSource: found.withoutSource.map((e) => named(e.entry)),
      };
    }),
  );
  return { today, offers: offers!, agencies: agencies! };
};
