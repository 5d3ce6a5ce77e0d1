import { env } from '$env/dynamic/private';
import { withDeadline } from '@ankommen/sveltekit-config/deadline';
import { error } from '@sveltejs/kit';

const base = () => (env.API_URL ?? 'http://127.0.0.1:8787').replace(/\/$/, '');

/** An API answer: its status, body (the problem for 4xx) and ETag. */
export interface Answer<T> {
  status: number;
  body: T;
  etag: string | null;
}

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/**
 * Calls the staff API with the person's token. 4xx answers come back for the form to show
 * (field errors, version conflicts); an unreachable API is a 503 page.
 */
export async function api<T>(
  fetcher: typeof fetch,
  path: string,
  {
    method = 'GET',
    token,
    body,
    ifMatch,
  }: { method?: string; token?: string | null; body?: unknown; ifMatch?: string } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (ifMatch) headers['if-match'] = ifMatch;
  let response: Response;
  try {
    response = await withDeadline(10_000, (signal) =>
      fetcher(`${base()}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
      }),
    );
  } catch {
    error(503, 'The API cannot be reached.');
  }
  if (response.status >= 500) error(503, 'The API cannot be reached.');
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : null) as T,
    etag: response.headers.get('etag'),
  };
}
