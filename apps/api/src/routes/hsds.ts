import type { Context } from 'hono';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  apiRoot,
  documentKinds,
  filterServices,
  paginate,
  PageQuery,
  ServicesQuery,
  toServiceListItem,
} from '@ankommen/hsds';
import { LanguageCode } from '@ankommen/taxonomy';
import { z } from 'zod';
import { cachedJson } from '../cache.js';
import type { AppEnv } from '../env.js';
import { ProblemError } from '../problem.js';
import { invalid, json, problem } from './answers.js';

const Lang = {
  lang: LanguageCode.default('de').describe(
    'The feed’s content language: one feed per language some text is in; another code gets the English feed',
  ),
};
// Answers are JSON, documented by the schemas HSDS conformance is tested with (@ankommen/hsds),
// errors application/problem+json; public GETs come from the response cache.
type Kind = keyof typeof documentKinds;
const ok = <S extends z.ZodType>(description: string, schema: S) => ({
  200: json(description, schema),
  ...invalid,
});
const IdParam = z.object({ id: z.uuid() });

/**
 * Open Referral HSDS 3.0, one feed per content language: the spec's paths, page wrapper and
 * query parameters, with UUIDs that stay stable across restarts.
 */
export function hsdsRoutes(app: OpenAPIHono<AppEnv>): void {
  const feed = (c: Context<AppEnv>, lang: string) => c.get('services').readModel().hsds(lang);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/hsds',
      tags: ['hsds'],
      summary: 'HSDS version, profile and OpenAPI document',
      request: { query: z.object(Lang).strict() },
      responses: ok('The API root', documentKinds.root),
    }),
    (c) => {
      const { lang } = c.req.valid('query');
      const origin = new URL(c.req.url).origin;
      return cachedJson(
        c,
        () => apiRoot({ profile: feed(c, lang).profile, openapiUrl: `${origin}/openapi.json` }),
        false,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/hsds/services',
      tags: ['hsds'],
      summary: 'Services, with search, taxonomy_term_id and modified_after',
      request: { query: ServicesQuery.extend(Lang).strict() },
      responses: ok('A page of services', documentKinds.services),
    }),
    (c) => {
      const query = c.req.valid('query');
      return cachedJson(
        c,
        () => {
          const services = filterServices(feed(c, query.lang), {
            search: query.search,
            taxonomyTermId: query.taxonomy_term_id,
            taxonomyId: query.taxonomy_id,
            organizationId: query.organization_id,
            modifiedAfter: query.modified_after,
          });
          return paginate(services.map(toServiceListItem), {
            page: query.page,
            perPage: query.per_page,
          });
        },
        false,
      );
    },
  );

  // Checked against their schemas by the HSDS tests, not by the handlers' types.
  const documented = (kind: Kind): z.ZodType => documentKinds[kind];
  const one = <T extends { id: string }>(
    name: Kind,
    path: string,
    pick: (lang: string, c: Context<AppEnv>) => readonly T[],
  ) =>
    app.openapi(
      createRoute({
        method: 'get',
        path,
        tags: ['hsds'],
        summary: `One ${name}, fully nested`,
        request: { params: IdParam, query: z.object(Lang).strict() },
        responses: { ...ok(`The ${name}`, documented(name)), 404: problem(`No such ${name}`) },
      }),
      (c) => {
        const { id } = c.req.valid('param');
        const { lang } = c.req.valid('query');
        const found = pick(lang, c).find((item) => item.id === id);
        if (!found) throw new ProblemError(404, 'not-found', `No such ${name}`);
        return cachedJson(c, () => found, false);
      },
    );
  const list = <T>(
    name: Kind,
    path: string,
    pick: (lang: string, c: Context<AppEnv>) => readonly T[],
  ) =>
    app.openapi(
      createRoute({
        method: 'get',
        path,
        tags: ['hsds'],
        summary: `All ${name}, paged`,
        request: { query: PageQuery.extend(Lang).strict() },
        responses: ok(`A page of ${name}`, documented(name)),
      }),
      (c) => {
        const { lang, page, per_page } = c.req.valid('query');
        return cachedJson(c, () => paginate(pick(lang, c), { page, perPage: per_page }), false);
      },
    );

  one('service', '/hsds/services/{id}', (lang, c) => feed(c, lang).services);
  list('organizations', '/hsds/organizations', (lang, c) => feed(c, lang).organizations);
  one('organization', '/hsds/organizations/{id}', (lang, c) => feed(c, lang).organizations);
  list(
    'service_at_locations',
    '/hsds/service_at_locations',
    (lang, c) => feed(c, lang).serviceAtLocations,
  );
  one(
    'service_at_location',
    '/hsds/service_at_locations/{id}',
    (lang, c) => feed(c, lang).serviceAtLocations,
  );
  list('taxonomies', '/hsds/taxonomies', (lang, c) => feed(c, lang).taxonomies);
  one('taxonomy', '/hsds/taxonomies/{id}', (lang, c) => feed(c, lang).taxonomies);
  list('taxonomy_terms', '/hsds/taxonomy_terms', (lang, c) => feed(c, lang).taxonomyTerms);
  one('taxonomy_term', '/hsds/taxonomy_terms/{id}', (lang, c) => feed(c, lang).taxonomyTerms);
}
