import type { CityData } from '@ankommen/routing';
import type { TypedResponse } from 'hono';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { wegweiserTexts, type Wegweiser } from '@ankommen/routing';
import { SearchQuery } from '@ankommen/search';
import {
  Category,
  Cost,
  IsoDate,
  LanguageCode,
  pickText,
  type LocalizedText,
  TargetGroup,
  TopicField,
  terms,
} from '@ankommen/taxonomy';
import { z } from 'zod';
import { IdParam } from '../params.js';
import { cachedAnswer, cachedJson, jsonType, pathAndQuery } from '../cache.js';
import type { AppEnv } from '../env.js';
import { ProblemError } from '../problem.js';
import { invalid, json, problem } from './answers.js';
import { question } from '../questions.js';
import {
  AgencyDetail,
  AgencyPage,
  CityAnswer,
  CompactRouteAnswer,
  FullRouteAnswer,
  OfferDetail,
  OfferPage,
  QuestionsAnswer,
  RouteTextsAnswer,
  TaxonomyAnswer,
} from '../responses.js';
import { compactRouteAnswer, ProfileBody, RouteBody, routeOf } from '../route-answer.js';
import {
  countCachedAnswer,
  offerSearchEvents,
  tagCachedAnswer,
  type UsageEvent,
} from '../usage.js';
import {
  agencyDetailView,
  agencySummaryView,
  offerAgencyId,
  offerDetailView,
  offerSummaryView,
  openingOf,
} from '../views.js';

const Lang = LanguageCode.default('de').describe(
  'Content language; texts fall back to English, then German, and say so.',
);
// A LocalizedText has at least one language, so a required one always yields a text.
const textIn = (value: LocalizedText, lang: string) => pickText(value, lang)!;
const Flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const Page = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(10),
};
const Point = z
  .string()
  .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, 'must be "lat,lon", e.g. "49.0094,8.4044"')
  .transform((value) => value.split(',').map(Number) as [number, number])
  .refine(([lat, lon]) => Math.abs(lat) <= 90 && Math.abs(lon) <= 180, 'is not a point on Earth');
// Answers are JSON, errors application/problem+json; their schemas document them in the OpenAPI
// document (and so type @ankommen/client). Public GETs come from the response cache.
const routeLimits = {
  413: problem('The body is too large'),
  429: problem('Too many requests; `retryAfter` says how many seconds to wait'),
};

const OffersQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    lang: Lang,
    topic: TopicField.optional(),
    category: Category.optional(),
    targetGroup: TargetGroup.optional(),
    language: LanguageCode.optional().describe('Offers given in this language'),
    cost: z
      .string()
      .transform((value) => value.split(','))
      .pipe(z.array(Cost))
      .optional()
      .describe('One cost or several, comma-separated: free,reduced'),
    openNow: Flag.optional(),
    near: Point.optional(),
    radiusKm: z.coerce.number().positive().max(200).default(5),
    ...Page,
  })
  .strict();

const RouteQuery = z
  .object({
    view: z
      .enum(['compact', 'full'])
      .default('compact')
      .describe(
        'compact: reasons as rule ids, texts from GET /v1/route/texts (cacheable); full: texts inline',
      ),
  })
  .strict();

const QuestionsBody = z
  .object({
    answers: ProfileBody,
    date: IsoDate.optional(),
    lang: LanguageCode.default('de'),
  })
  .strict();

function distanceKm([lat1, lon1]: [number, number], lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 12_742 * Math.asin(Math.sqrt(a));
}

function paged<T>(items: T[], page: number, perPage: number) {
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    page,
    perPage,
    total: items.length,
  };
}

/** The public read API: taxonomy, offers, agencies and the Wegweiser. */
export function publicRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/city',
      tags: ['public'],
      summary:
        'The city: its name, region, welcome centre (with its agencies, open now) and legal pages',
      request: { query: z.object({ lang: Lang }).strict() },
      responses: { 200: json('The city whose data this API serves', CityAnswer), ...invalid },
    }),
    (c) => {
      const { lang } = c.req.valid('query');
      const services = c.get('services');
      const { data } = services.readModel();
      const { city } = data;
      const centre = city.welcomeCentre;
      return cachedJson(c, () => ({
        id: city.id,
        name: textIn(city.name, lang),
        defaultLanguage: city.defaultLanguage,
        region: {
          name: city.region.name,
          state: city.region.state,
          timeZone: city.region.timeZone,
        },
        welcomeCentre: centre
          ? {
              name: textIn(centre.name, lang),
              status: centre.status,
              description: textIn(centre.description, lang),
              source: centre.source ?? null,
              agencies: centre.agencies.flatMap((id) => {
                const agency = data.registry.get(id);
                return agency ? [agencySummaryView(agency, data, lang, services.now())] : [];
              }),
            }
          : null,
        legal: city.legal
          ? {
              imprint: textIn(city.legal.imprint, lang),
              privacy: textIn(city.legal.privacy, lang),
            }
          : null,
      }));
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/taxonomy',
      tags: ['public'],
      summary:
        'Topic fields, categories, target groups and all other terms, with labels in every UI language',
      request: { query: z.object({ lang: Lang }).strict() },
      responses: { 200: json('The vocabulary', TaxonomyAnswer), ...invalid },
    }),
    (c) => {
      const { lang } = c.req.valid('query');
      return cachedJson(
        c,
        () => ({
          lang,
          terms: terms.map((term) => ({
            code: term.code,
            kind: term.kind,
            value: term.value,
            label: textIn(term.label, lang),
            labels: Object.fromEntries(Object.entries(term.label).map(([l, t]) => [l, t.text])),
          })),
        }),
        false,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/offers',
      tags: ['public'],
      summary: 'Search and filter offers',
      request: { query: OffersQuery },
      responses: { 200: json('A page of offers', OfferPage), ...invalid },
    }),
    (c) => {
      const query = c.req.valid('query');
      const services = c.get('services');
      let built: UsageEvent[] | undefined;
      const response = cachedJson(c, () => {
        const model = c.get('services').readModel();
        const now = c.get('services').now();
        const { data } = model;
        let restrict: string[] | undefined;
        if (query.openNow !== undefined || query.near) {
          restrict = data.catalog.offers
            .filter((offer) => {
              const agencyId = offerAgencyId(offer, data.registry);
              if (
                query.openNow !== undefined &&
                openingOf(data.registry, agencyId, now).openNow !== query.openNow
              ) {
                return false;
              }
              if (query.near) {
                const agency = agencyId ? data.registry.get(agencyId) : undefined;
                const points = [...offer.locations, ...(agency?.locations ?? [])].flatMap((l) =>
                  l.coordinates ? [l.coordinates] : [],
                );
                return points.some((p) => distanceKm(query.near!, p.lat, p.lon) <= query.radiusKm);
              }
              return true;
            })
            .map((offer) => offer.id);
        }
        const parsed = SearchQuery.parse({
          q: query.q || undefined,
          lang: ['de', 'en', 'ar', 'tr', 'uk', 'ru', 'fa', 'fr'].includes(query.lang)
            ? query.lang
            : undefined,
          topic: query.topic,
          category: query.category,
          targetGroup: query.targetGroup,
          language: query.language,
          cost: query.cost,
          ids: restrict,
        });
        const result = model.search.search(parsed);
        built = offerSearchEvents(query, result.ids.length);
        const page = paged(result.ids, query.page, query.perPage);
        return {
          ...page,
          items: page.items.map((id) =>
            offerSummaryView(data.catalog.get(id)!, data, query.lang, now),
          ),
          matchedTerms: result.matchedTerms,
        };
      });
      // The cached answer carries its planning counts, for when the HTTP server serves it.
      const cached = cachedAnswer(services, pathAndQuery(c));
      if (cached) {
        if (built) tagCachedAnswer(cached, built);
        countCachedAnswer(services, cached);
      }
      return response;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/offers/{id}',
      tags: ['public'],
      summary: 'One offer, with where and when, open now and next opening, and its source',
      request: { params: IdParam, query: z.object({ lang: Lang }).strict() },
      responses: {
        200: json('The offer', OfferDetail),
        ...invalid,
        404: problem('No such offer'),
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const { lang } = c.req.valid('query');
      const { data } = c.get('services').readModel();
      const offer = data.catalog.get(id);
      if (!offer)
        throw new ProblemError(404, 'not-found', 'No such offer', {
          detail: `There is no published offer ${id}.`,
        });
      return cachedJson(c, () => offerDetailView(offer, data, lang, c.get('services').now()));
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/agencies',
      tags: ['public'],
      summary: 'The agency directory',
      request: {
        query: z
          .object({
            lang: Lang,
            kind: z
              .enum(['authority', 'ngo', 'association', 'other', 'network', 'referral', 'site'])
              .optional(),
            openNow: Flag.optional(),
            ...Page,
          })
          .strict(),
      },
      responses: { 200: json('A page of agencies', AgencyPage), ...invalid },
    }),
    (c) => {
      const query = c.req.valid('query');
      return cachedJson(c, () => {
        const { data } = c.get('services').readModel();
        const now = c.get('services').now();
        const views = data.registry.agencies
          .filter((agency) => !query.kind || agency.kind === query.kind)
          .map((agency) => agencySummaryView(agency, data, query.lang, now))
          .filter((view) => query.openNow === undefined || view.openNow === query.openNow)
          .sort((a, b) => (a.name?.text ?? a.id).localeCompare(b.name?.text ?? b.id, 'de'));
        return paged(views, query.page, query.perPage);
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/agencies/{id}',
      tags: ['public'],
      summary: 'One agency with its offices, open now and next opening',
      request: { params: IdParam, query: z.object({ lang: Lang }).strict() },
      responses: {
        200: json('The agency', AgencyDetail),
        ...invalid,
        404: problem('No such agency'),
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const { lang } = c.req.valid('query');
      const { data } = c.get('services').readModel();
      const agency = data.registry.get(id);
      if (!agency)
        throw new ProblemError(404, 'not-found', 'No such agency', {
          detail: `There is no agency ${id}.`,
        });
      return cachedJson(c, () => agencyDetailView(agency, data, lang, c.get('services').now()));
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/route',
      tags: ['public'],
      summary: 'Profile in, Wegweiser out. Nothing of the profile is stored or logged.',
      description:
        'The compact answer (default) names reasons by rule id and refers to `texts`, the ' +
        'cacheable texts of this rule set and language; `revision` tells when to fetch them again.',
      request: {
        query: RouteQuery,
        body: { content: { 'application/json': { schema: RouteBody } }, required: true },
      },
      responses: {
        200: json(
          'The Wegweiser: compact (default) or full (`?view=full`)',
          z.union([CompactRouteAnswer, FullRouteAnswer]),
        ),
        ...invalid,
        ...routeLimits,
      },
    }),
    (c) => {
      const body = c.req.valid('json');
      const { view } = c.req.valid('query');
      const services = c.get('services');
      c.header('Cache-Control', 'no-store');
      if (view === 'compact') {
        // Written by its own serialiser (ADR 0010); the contract tests hold it to the schema.
        const answer = c.body(compactRouteAnswer(services, body).json, 200, {
          'Content-Type': jsonType,
        });
        return answer as unknown as TypedResponse<CompactRouteAnswer, 200, 'json'>;
      }
      const wegweiser = routeOf(services, body);
      return c.json(
        withTargets(wegweiser, services.readModel().data, body.lang, services.now()),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/route/texts',
      tags: ['public'],
      summary:
        'The texts compact Wegweisers refer to: reasons by rule id, document labels, target names',
      request: { query: z.object({ lang: Lang }).strict() },
      responses: {
        200: json(
          'Texts of the published rule set in one language, fallback flagged',
          RouteTextsAnswer,
        ),
        ...invalid,
      },
    }),
    (c) => {
      const { lang } = c.req.valid('query');
      const model = c.get('services').readModel();
      return cachedJson(
        c,
        () => ({ revision: model.revision, ...wegweiserTexts(model.data, lang) }),
        false,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/route/questions',
      tags: ['public'],
      summary: 'The next questions worth asking, given partial answers',
      request: {
        body: { content: { 'application/json': { schema: QuestionsBody } }, required: true },
      },
      responses: {
        200: json('The questions whose answers could change the Wegweiser', QuestionsAnswer),
        ...invalid,
        413: routeLimits[413],
      },
    }),
    (c) => {
      const body = c.req.valid('json');
      const services = c.get('services');
      const date = body.date ?? services.now().toISOString().slice(0, 10);
      const wegweiser = services.readModel().router.route(body.answers, { date, lang: body.lang });
      c.header('Cache-Control', 'no-store');
      return c.json(
        {
          complete: wegweiser.missing.length === 0,
          questions: wegweiser.missing.map((field) => question(field, body.lang)),
        },
        200,
      );
    },
  );
}

/** Adds what a client needs to show the steps: target names, opening state, document labels. */
function withTargets(
  wegweiser: Wegweiser,
  data: CityData,
  lang: string,
  now: Date,
): FullRouteAnswer {
  const ids = new Set([
    ...wegweiser.steps.map((s) => s.target),
    ...wegweiser.excluded.map((e) => e.target),
  ]);
  const targets: FullRouteAnswer['targets'] = {};
  for (const id of ids) {
    const agency = data.registry.get(id);
    const offer = data.catalog.get(id);
    targets[id] = agency
      ? {
          kind: 'agency',
          name: pickText(agency.name, lang) ?? null,
          ...openingOf(data.registry, id, now),
        }
      : {
          kind: 'offer',
          name: pickText(offer?.title, lang) ?? null,
          ...openingOf(data.registry, offer ? offerAgencyId(offer, data.registry) : undefined, now),
        };
  }
  const documents: FullRouteAnswer['documents'] = {};
  for (const step of wegweiser.steps) {
    for (const doc of step.documents)
      documents[doc] = pickText(data.rules.documents[doc]?.label, lang) ?? null;
  }
  return { ...wegweiser, targets, documents };
}
