import { error } from '@sveltejs/kit';
import { api, type Problem } from '$lib/server/api';
import { deskLanguages } from '$lib/server/desk';
import type { PageServerLoad } from './$types';

/** A count as the API gives it: `null` below the threshold; `hidden` when a small month was left out. */
export interface Cell {
  count: number | null;
  hidden: boolean;
}

interface Insights {
  from: string;
  to: string;
  threshold: number;
  completions: {
    languages: string[];
    rows: { need: string; byLang: Record<string, Cell>; total: Cell }[];
    totalsByLang: Record<string, Cell>;
    total: Cell;
  };
  topics: ({ topic: string } & Cell)[];
  emptySearches: ({ query: string; lang: string } & Cell)[];
}

interface Taxonomy {
  terms: { kind: string; value: string; label: { text: string } }[];
}

export const load: PageServerLoad = async ({ fetch, locals, url }) => {
  if (!locals.user || locals.user.role === 'partner') error(403, 'Nur für die Redaktion.');
  const query = new URLSearchParams();
  for (const name of ['from', 'to']) {
    const value = url.searchParams.get(name)?.trim();
    if (value) query.set(name, value);
  }
  const [insights, taxonomy] = await Promise.all([
    api<Insights & Problem>(fetch, `/v1/admin/insights?${query}`, { token: locals.token }),
    api<Taxonomy>(fetch, '/v1/taxonomy?lang=de'),
  ]);
  const labels: Record<string, string> = {};
  for (const term of taxonomy.body.terms) labels[`${term.kind}.${term.value}`] = term.label.text;
  // A period the API refuses is named at its field; the tables then stay empty.
  const errors = Object.fromEntries(
    (insights.status === 200 ? [] : (insights.body.errors ?? [])).map((e) => [
      e.field.replace(/^query\./, ''),
      e.message,
    ]),
  );
  const shown = insights.status === 200 ? insights.body : null;
  return {
    insights: shown,
    languageNames: Object.fromEntries(deskLanguages.map((l) => [l.code, l.german])),
    labels,
    errors,
    filters: {
      from: query.get('from') ?? shown?.from ?? '',
      to: query.get('to') ?? shown?.to ?? '',
    },
  };
};
