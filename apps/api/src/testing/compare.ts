import { rawData } from '@ankommen/data-karlsruhe';
import type { TestApi } from './harness.js';

/** One HTTP answer as a client sees it: status, the headers that carry meaning, the bytes. */
export interface Answer {
  status: number;
  contentType: string | null;
  etag: string | null;
  body: string;
}

export interface Request {
  path: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function answerOf(api: TestApi, request: Request): Promise<Answer> {
  const response = await api.request(request.path, {
    method: request.method ?? 'GET',
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(request.headers ? { headers: request.headers } : {}),
  });
  const body = await response.text();
  // The HSDS root names the server's own address (its port differs): the one thing two
  // servers may legitimately answer differently; so does the ETag of that answer.
  const origin = new URL(response.url).origin;
  const local = body.includes(origin);
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    etag: local ? null : response.headers.get('etag'),
    body: local ? body.replaceAll(origin, 'http://api.test') : body,
  };
}

const langs = ['de', 'en', 'ar'];

type Json = Record<string, unknown>;

async function json(api: TestApi, path: string): Promise<Json> {
  const response = await api.request(path);
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as Json;
}

/** Every item of a paged `/v1` list. */
async function allOf(api: TestApi, path: string): Promise<Json[]> {
  const items: Json[] = [];
  for (let page = 1; ; page++) {
    const body = await json(
      api,
      `${path}${path.includes('?') ? '&' : '?'}perPage=100&page=${page}`,
    );
    items.push(...(body['items'] as Json[]));
    if (items.length >= (body['total'] as number)) return items;
  }
}

/** Every item of a paged `/hsds` list. */
async function allHsds(api: TestApi, path: string): Promise<Json[]> {
  const items: Json[] = [];
  for (let page = 1; ; page++) {
    const body = await json(api, `${path}&per_page=50&page=${page}`);
    items.push(...(body['contents'] as Json[]));
    if (body['last_page'] === true) return items;
  }
}

/**
 * The public requests a round trip must answer alike: city, taxonomy, offer lists (filters,
 * search, languages, pages), every offer and agency in three languages, the Wegweiser of every
 * persona, its texts, and every HSDS list and object in two languages (or those asked for). Ids come from `api`
 * (the source side), plus `extraIds` that must answer alike too (e.g. an archived offer: 404).
 */
export async function publicRequests(
  api: TestApi,
  extraIds: { offers?: string[] } = {},
  options: {
    hsdsOnly?: boolean;
    /** The content languages to ask `/hsds` in; default de and ar. */
    hsdsLangs?: readonly string[];
    /** Every taxonomy term's own answer, not only the first 20 of each language. */
    allTerms?: boolean;
  } = {},
): Promise<Request[]> {
  const requests: Request[] = [];
  const get = (path: string) => requests.push({ path });
  const hsdsLangs = options.hsdsLangs ?? ['de', 'ar'];
  for (const lang of hsdsLangs) {
    get(`/hsds?lang=${lang}`);
    for (const list of ['services', 'organizations', 'service_at_locations', 'taxonomies']) {
      get(`/hsds/${list}?lang=${lang}`);
      get(`/hsds/${list}?lang=${lang}&page=2&per_page=7`);
      for (const item of await allHsds(api, `/hsds/${list}?lang=${lang}`))
        get(`/hsds/${list}/${String(item['id'])}?lang=${lang}`);
    }
    get(`/hsds/taxonomy_terms?lang=${lang}&per_page=200`);
    get(`/hsds/services?lang=${lang}&search=deutsch`);
    const terms = await allHsds(api, `/hsds/taxonomy_terms?lang=${lang}`);
    for (const term of options.allTerms ? terms : terms.slice(0, 20))
      get(`/hsds/taxonomy_terms/${String(term['id'])}?lang=${lang}`);
  }
  if (options.hsdsOnly) return requests;

  const offerIds = (await allOf(api, '/v1/offers?lang=de')).map((offer) => String(offer['id']));
  const agencyIds = (await allOf(api, '/v1/agencies?lang=de')).map((a) => String(a['id']));
  for (const lang of langs) {
    get(`/v1/city?lang=${lang}`);
    get(`/v1/taxonomy?lang=${lang}`);
    get(`/v1/offers?lang=${lang}`);
    get(`/v1/offers?lang=${lang}&page=2`);
    get(`/v1/offers?lang=${lang}&perPage=100`);
    get(`/v1/offers?lang=${lang}&q=deutsch`);
    get(`/v1/offers?lang=${lang}&q=beratung&page=2&perPage=5`);
    get(`/v1/offers?lang=${lang}&topic=language`);
    get(`/v1/offers?lang=${lang}&cost=free,reduced`);
    get(`/v1/offers?lang=${lang}&language=ar`);
    get(`/v1/offers?lang=${lang}&openNow=true`);
    get(`/v1/offers?lang=${lang}&near=49.0094,8.4044&radiusKm=3`);
    get(`/v1/agencies?lang=${lang}`);
    get(`/v1/agencies?lang=${lang}&perPage=100`);
    for (const id of [...offerIds, ...(extraIds.offers ?? [])])
      get(`/v1/offers/${id}?lang=${lang}`);
    for (const id of agencyIds) get(`/v1/agencies/${id}?lang=${lang}`);
    get(`/v1/route/texts?lang=${lang}`);
  }
  for (const persona of rawData.personas as { profile: unknown }[]) {
    for (const lang of ['de', 'ar']) {
      const body = { profile: persona.profile, date: '2026-11-25', lang };
      requests.push({ path: '/v1/route', method: 'POST', body });
      requests.push({ path: '/v1/route?view=full', method: 'POST', body });
    }
  }
  return requests;
}

/** The requests whose answers differ between the two APIs (empty when they agree). */
export async function differences(
  a: TestApi,
  b: TestApi,
  requests: readonly Request[],
): Promise<{ request: string; a: Answer; b: Answer }[]> {
  const found: { request: string; a: Answer; b: Answer }[] = [];
  for (const request of requests) {
    const [left, right] = [await answerOf(a, request), await answerOf(b, request)];
    if (JSON.stringify(left) !== JSON.stringify(right))
      found.push({ request: `${request.method ?? 'GET'} ${request.path}`, a: left, b: right });
  }
  return found;
}
