import type { CompactRouteAnswer, FullRouteAnswer, Paths, Profile } from './api.generated.js';
import { ApiHttpError, ApiProblemError } from './errors.js';

/** How to reach the API. */
export interface ClientOptions {
  /** The API's origin, e.g. `https://api.example.org` or `http://localhost:8787`. */
  baseUrl: string;
  /** The fetch to use: the global one by default; pass one for tests, retries or logging. */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** An API token, sent as `Authorization: Bearer …`. */
  token?: string;
}

/** The HTTP methods the typed surface has. */
export type Method = 'get' | 'post';

/** The paths that answer a method, e.g. `PathsOf<'post'>` is `'/v1/route' | …`. */
export type PathsOf<M extends Method> = {
  [P in keyof Paths]: M extends keyof Paths[P] ? P : never;
}[keyof Paths];

/** What an operation takes and gives: `path`, `query`, `body` and `response`. */
export type Operation<P extends keyof Paths, M extends Method> = M extends keyof Paths[P]
  ? Paths[P][M]
  : never;

type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
type Part<Op, Name extends string, Key extends string> =
  Op extends Record<Name, infer T>
    ? [RequiredKeys<T>] extends [never]
      ? { [K in Key]?: T }
      : { [K in Key]: T }
    : { [K in Key]?: never };

/**
 * The options of a call: its `path` parameters, `query` and `body` as the API documents them
 * (required where the API requires them), an `AbortSignal`, and headers for this call.
 */
export type RequestOptions<Op> = Part<Op, 'path', 'path'> &
  Part<Op, 'query', 'query'> &
  (Op extends Record<'body', infer B> ? { body: B } : { body?: never }) & {
    signal?: AbortSignal;
    headers?: Record<string, string>;
  };

/** The options argument may be left out when nothing in it is required. */
type Args<Op> = [RequiredKeys<RequestOptions<Op>>] extends [never]
  ? [options?: RequestOptions<Op>]
  : [options: RequestOptions<Op>];

/** The answer of an operation. */
export type ResponseOf<Op> = Op extends Record<'response', infer R> ? R : never;

/** Options of {@link Client.route}. */
export interface RouteOptions<V extends 'compact' | 'full'> {
  /** The language of the texts; default German. */
  lang?: string;
  /** The evaluation date, `YYYY-MM-DD`; default: today where the API runs. */
  date?: string;
  /** `compact` (default): reasons as rule ids, texts from `GET /v1/route/texts`. */
  view?: V;
  signal?: AbortSignal;
}

/** A typed client of the Ankommen API. */
export interface Client {
  /** `GET` a path of the API, e.g. `client.get('/v1/offers', { query: { q: 'Deutschkurs' } })`. */
  get<P extends PathsOf<'get'>>(
    path: P,
    ...args: Args<Operation<P, 'get'>>
  ): Promise<ResponseOf<Operation<P, 'get'>>>;
  /** `POST` to a path of the API with a JSON body. */
  post<P extends PathsOf<'post'>>(
    path: P,
    ...args: Args<Operation<P, 'post'>>
  ): Promise<ResponseOf<Operation<P, 'post'>>>;
  /**
   * The Wegweiser for a profile (`POST /v1/route`): compact by default, or with `view: 'full'`
   * the whole Wegweiser with its texts inline.
   */
  route<V extends 'compact' | 'full' = 'compact'>(
    profile: Profile,
    options?: RouteOptions<V>,
  ): Promise<V extends 'full' ? FullRouteAnswer : CompactRouteAnswer>;
}

/** A loose view of any operation's options, for the one function that sends them all. */
interface AnyOptions {
  path?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/**
 * Creates a client. It needs nothing but `fetch` (browsers, Node 20 and later, workers);
 * answers outside 2xx throw {@link ApiProblemError} or {@link ApiHttpError}; network errors
 * and aborts (the fetch's `AbortError`) propagate unchanged.
 */
export function createClient(options: ClientOptions): Client {
  const base = options.baseUrl.replace(/\/+$/, '');
  const fetcher = options.fetch ?? globalThis.fetch;
  const common: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...options.headers,
  };

  async function send(method: string, path: string, call: AnyOptions = {}): Promise<unknown> {
    const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = call.path?.[name];
      if (value === undefined) throw new TypeError(`missing path parameter ${name} of ${path}`);
      return encodeURIComponent(value);
    });
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(call.query ?? {}))
      if (value !== undefined) search.set(name, String(value));
    const query = search.toString();
    const url = `${base}${filled}${query ? `?${query}` : ''}`;
    const response = await fetcher(url, {
      method: method.toUpperCase(),
      headers: {
        ...common,
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...call.headers,
      },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      ...(call.signal ? { signal: call.signal } : {}),
    });
    if (response.ok) return response.status === 204 ? undefined : response.json();
    const type = response.headers.get('content-type') ?? '';
    if (/^application\/problem\+json/i.test(type))
      throw new ApiProblemError(await response.json(), url);
    throw new ApiHttpError(response.status, response.statusText, await response.text(), url);
  }

  return {
    get: (path, ...[call]) => send('get', path, call as AnyOptions) as never,
    post: (path, ...[call]) => send('post', path, call as AnyOptions) as never,
    route: (profile, { lang, date, view, signal } = {}) =>
      send('post', '/v1/route', {
        query: { view },
        body: { profile, lang, date },
        signal,
      }) as never,
  };
}
