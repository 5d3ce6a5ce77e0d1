// The load test's mix of public traffic: a pool of realistic requests, drawn from the Karlsruhe
// data and the ids the running API publishes, in fixed proportions and a fixed order (a seeded
// random generator), so that two runs send the same requests.
import { rawData } from '@ankommen/data-karlsruhe';
import {
  Category,
  Cost,
  GermanLevel,
  Need,
  TargetGroup,
  TopicField,
  uiLanguages,
} from '@ankommen/taxonomy';

/** A small, fast, seeded generator (mulberry32): the same seed gives the same pool. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * What newcomers and counsellors type: German compounds, typos, and queries in the site's
 * languages; a few find nothing (they are counted as empty searches, as in real use).
 */
const queries = [
  'Deutschkurs',
  'Integrationskurs',
  'Integrationskurs mit Kinderbetreuung',
  'Sprachkurs für Frauen',
  'Migrationsberatung für erwachsene Zuwanderer',
  'Jugendmigrationsdienst',
  'Anerkennungsberatung',
  'Berufsanerkennung',
  'Schuldnerberatung',
  'Hausaufgabenhilfe',
  'Kinderbetreuung',
  'Wohnungssuche',
  'Ausländerbehörde',
  'Rechtsberatung Aufenthaltsrecht',
  'Psychosoziale Beratung',
  'Gesundheitsversorgung',
  'Frauentreff',
  'Sportverein',
  'Deutchkurs',
  'Integrazionskurs',
  'Migratonsberatung',
  'Wohnugssuche',
  'kindergarten',
  'arbeit suche',
  'German course',
  'job counselling',
  'housing',
  'lawyer',
  'doctor',
  'دورة لغة ألمانية',
  'سكن',
  'курс німецької мови',
  'житло',
  'курсы немецкого',
  'Almanca kursu',
  'iş arama',
  'کلاس زبان آلمانی',
  "cours d'allemand",
  'Xylophonreparatur',
];

/** Content languages asked for: the site's eight and some that fall back to English. */
const languages = [...uiLanguages, 'es', 'pl', 'it', 'ro'];
/** Places in and around Karlsruhe, for "near" searches. */
const places = ['49.0094,8.4044', '49.0069,8.4037', '48.9968,8.4661', '49.0504,8.4318'];

const pick = (random, items) => items[Math.floor(random() * items.length)];
const maybe = (random, probability) => random() < probability;
const json = { 'content-type': 'application/json' };

function offerSearch(random) {
  const query = new URLSearchParams();
  if (maybe(random, 0.8)) query.set('q', pick(random, queries));
  query.set('lang', pick(random, languages));
  if (maybe(random, 0.2)) query.set('topic', pick(random, TopicField.options));
  if (maybe(random, 0.15)) query.set('category', pick(random, Category.options));
  if (maybe(random, 0.15)) query.set('targetGroup', pick(random, TargetGroup.options));
  if (maybe(random, 0.15)) query.set('language', pick(random, uiLanguages));
  if (maybe(random, 0.15)) query.set('cost', pick(random, [...Cost.options, 'free,reduced']));
  if (maybe(random, 0.1)) query.set('openNow', 'true');
  if (maybe(random, 0.1)) {
    query.set('near', pick(random, places));
    query.set('radiusKm', pick(random, ['2', '5', '15']));
  }
  if (maybe(random, 0.2)) query.set('page', pick(random, ['2', '3']));
  if (maybe(random, 0.3)) query.set('perPage', pick(random, ['20', '50', '100']));
  return { method: 'GET', path: `/v1/offers?${query}` };
}

/** A persona's profile, varied the way real answers vary; always a valid profile. */
function variedProfile(random) {
  const profile = { ...pick(random, rawData.personas).profile };
  if (profile.age !== undefined && maybe(random, 0.6))
    profile.age = Math.min(99, Math.max(0, profile.age + Math.floor(random() * 21) - 10));
  if (maybe(random, 0.4)) profile.german_level = pick(random, GermanLevel.options);
  if (maybe(random, 0.4)) {
    profile.needs = Need.options.filter(() => maybe(random, 0.25));
  }
  if (maybe(random, 0.3))
    profile.children = Array.from({ length: Math.floor(random() * 4) }, () =>
      Math.floor(random() * 18),
    );
  if (maybe(random, 0.2)) profile.months_in_germany = Math.floor(random() * 120);
  return profile;
}

function route(random) {
  const full = maybe(random, 0.15);
  return {
    method: 'POST',
    path: full ? '/v1/route?view=full' : '/v1/route',
    headers: json,
    body: JSON.stringify({ profile: variedProfile(random), lang: pick(random, languages) }),
  };
}

function questions(random) {
  // Part of a profile: a newcomer half-way through the questions.
  const answers = Object.fromEntries(
    Object.entries(variedProfile(random)).filter(() => maybe(random, 0.5)),
  );
  return {
    method: 'POST',
    path: '/v1/route/questions',
    headers: json,
    body: JSON.stringify({ answers, lang: pick(random, languages) }),
  };
}

/**
 * The request pool: `size` requests in these proportions. `ids` are what the API publishes
 * (offers, agencies and the HSDS feed's items by list), so that no request asks for nothing.
 */
export function trafficPool(ids, { size = 5_000, seed = 20261125 } = {}) {
  const random = seededRandom(seed);
  const lang = () => pick(random, languages);
  const hsdsKinds = Object.keys(ids.hsds);
  const mix = [
    [30, () => offerSearch(random)],
    [14, () => ({ method: 'GET', path: `/v1/offers/${pick(random, ids.offers)}?lang=${lang()}` })],
    [
      8,
      () => ({ method: 'GET', path: `/v1/agencies/${pick(random, ids.agencies)}?lang=${lang()}` }),
    ],
    [2, () => ({ method: 'GET', path: `/v1/agencies?lang=${lang()}&perPage=50` })],
    [22, () => route(random)],
    [6, () => questions(random)],
    [2, () => ({ method: 'GET', path: `/v1/route/texts?lang=${lang()}` })],
    [
      5,
      () => {
        const kind = pick(random, hsdsKinds);
        const page = 1 + Math.floor(random() * 3);
        return { method: 'GET', path: `/hsds/${kind}?lang=${lang()}&page=${page}&per_page=20` };
      },
    ],
    [
      9,
      () => {
        const kind = pick(random, hsdsKinds);
        return {
          method: 'GET',
          path: `/hsds/${kind}/${pick(random, ids.hsds[kind])}?lang=${lang()}`,
        };
      },
    ],
    [2, () => ({ method: 'GET', path: `/v1/taxonomy?lang=${lang()}` })],
  ];
  const total = mix.reduce((sum, [weight]) => sum + weight, 0);
  return Array.from({ length: size }, () => {
    let draw = random() * total;
    for (const [weight, make] of mix) {
      draw -= weight;
      if (draw < 0) return make();
    }
    return mix[0][1]();
  });
}

/** Every id a list endpoint publishes, page by page (`items` or HSDS's `contents`). */
async function listIds(origin, path, perPageName) {
  const ids = [];
  for (let page = 1; ; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const response = await fetch(`${origin}${path}${separator}page=${page}&${perPageName}=100`);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    const body = await response.json();
    const items = body.items ?? body.contents ?? [];
    ids.push(...items.map((item) => item.id));
    if (items.length < 100) return ids;
  }
}

/** The ids the running API publishes, for detail requests that find what they ask for. */
export async function publishedIds(origin) {
  const hsdsKinds = ['services', 'organizations', 'service_at_locations', 'taxonomy_terms'];
  const hsds = {};
  for (const kind of hsdsKinds) hsds[kind] = await listIds(origin, `/hsds/${kind}`, 'per_page');
  return {
    offers: await listIds(origin, '/v1/offers?lang=de', 'perPage'),
    agencies: await listIds(origin, '/v1/agencies?lang=de', 'perPage'),
    hsds,
  };
}

/** A request's kind, for the table by kind: its method and route, e.g. `GET /v1/offers/{id}`. */
export function kindOf({ method, path }) {
  const [route, query = ''] = path.split('?');
  const shape = route
    .replace(/^\/v1\/(offers|agencies)\/.+$/, '/v1/$1/{id}')
    .replace(/^\/hsds\/[a-z_]+\/.+$/, '/hsds/{list}/{id}')
    .replace(/^\/hsds\/[a-z_]+$/, '/hsds/{list}');
  return `${method} ${shape}${query.includes('view=full') ? '?view=full' : ''}`;
}
