import { MIN_SHOWN_COUNT, UsagePeriod, type SuppressedCount } from '@ankommen/db';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../../env.js';
import { access, staff } from './access.js';

const InsightsQuery = z
  .object({
    from: UsagePeriod.optional().describe('First month, YYYY-MM; default: this month'),
    to: UsagePeriod.optional().describe('Last month, YYYY-MM; default: this month'),
  })
  .strict()
  .refine(({ from, to }) => !from || !to || from <= to, {
    message: 'must not be after to',
    path: ['from'],
  });

/**
 * A count after suppression: `count` sums only months that reached the threshold (`null`
 * when none did, shown as "< 5"); `hidden` says a smaller month was left out of it.
 */
interface Cell {
  count: number | null;
  hidden: boolean;
}

const cellOf = (row: SuppressedCount): Cell => ({ count: row.count, hidden: row.hidden });

/** A total made only of what may be shown, so that no hidden count follows from it. */
function sumOf(cells: readonly Cell[]): Cell {
  const shown = cells.flatMap((cell) => (cell.count === null ? [] : [cell.count]));
  return {
    count: shown.length === 0 ? null : shown.reduce((a, b) => a + b, 0),
    hidden: cells.some((cell) => cell.hidden),
  };
}

const byCount = (a: Cell, b: Cell) => (b.count ?? -1) - (a.count ?? -1);

/** Groups rows by key, keeping each language's cell. */
function byKey(rows: readonly SuppressedCount[]) {
  const groups = new Map<string, Record<string, Cell>>();
  for (const row of rows) {
    const group = groups.get(row.key) ?? {};
    group[row.lang] = cellOf(row);
    groups.set(row.key, group);
  }
  return [...groups].map(([key, byLang]) => ({ key, byLang, total: sumOf(Object.values(byLang)) }));
}

function insights(rows: readonly SuppressedCount[]) {
  const of = (kind: SuppressedCount['kind']) => rows.filter((row) => row.kind === kind);
  const completions = of('wegweiser_completion');
  const languages = [...new Set(completions.map((row) => row.lang))].sort();
  const needs = byKey(completions).sort((a, b) => byCount(a.total, b.total));
  return {
    threshold: MIN_SHOWN_COUNT,
    completions: {
      languages,
      rows: needs.map(({ key, byLang, total }) => ({ need: key, byLang, total })),
      totalsByLang: Object.fromEntries(
        languages.map((lang) => [
          lang,
          sumOf(completions.filter((row) => row.lang === lang).map(cellOf)),
        ]),
      ),
      total: sumOf(completions.map(cellOf)),
    },
    topics: byKey(of('topic_request'))
      .sort((a, b) => byCount(a.total, b.total))
      .map(({ key, total }) => ({ topic: key, ...total })),
    // Free text may name a person: a query is listed only once a month of it reached the threshold.
    emptySearches: of('empty_search')
      .filter((row) => row.count !== null)
      .sort((a, b) => byCount(a, b))
      .map((row) => ({ query: row.key, lang: row.lang, count: row.count, hidden: row.hidden })),
  };
}

/** Planning insight: aggregated counts with small numbers suppressed here, in the API (ADR 0014). */
export function insightsRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/admin/insights',
      tags: ['staff'],
      summary:
        'Wegweiser completions by need and language, requested topics, searches that found nothing; counts below 5 suppressed',
      middleware: [access('get', '/v1/admin/insights', staff)],
      request: { query: InsightsQuery },
      responses: { 200: { description: 'Aggregated counts, suppressed' } },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const services = c.get('services');
      const thisMonth = services.now().toISOString().slice(0, 7);
      const to = query.to ?? (query.from && query.from > thisMonth ? query.from : thisMonth);
      const from = query.from ?? (to < thisMonth ? to : thisMonth);
      // Counts still in memory belong in the answer: staff expect what just happened.
      await services.usage?.flush();
      const rows = await services.database!.usage.report({ from, to });
      c.header('Cache-Control', 'no-store');
      return c.json({ from, to, ...insights(rows) });
    },
  );
}
