import { env } from '$env/dynamic/private';
import { withDeadline } from '@ankommen/sveltekit-config/deadline';
import { error } from '@sveltejs/kit';

/** Where the API is; the site reaches everything through it. */
export const apiBase = () => (env.API_URL ?? 'http://127.0.0.1:8787').replace(/\/$/, '');

/** A problem+json answer of the API, for forms that show errors at their field. */
export interface Problem {
  status: number;
  title: string;
  errors?: { field: string; message: string }[];
}

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
  }
}

async function send<T>(fetcher: typeof fetch, path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await withDeadline(10_000, (signal) =>
      fetcher(`${apiBase()}${path}`, { ...init, signal }),
    );
  } catch {
    error(503, 'unavailable');
  }
  if (response.status === 404) error(404, 'notFound');
  if (!response.ok) {
    if (response.status === 400) throw new ApiProblem((await response.json()) as Problem);
    error(503, 'unavailable');
  }
  return (await response.json()) as T;
}

/** GET from the API (its answers are cached there and carry ETags). */
export function apiGet<T>(fetcher: typeof fetch, path: string): Promise<T> {
  return send<T>(fetcher, path);
}

/** POST JSON to the API. The body (a person's answers) is sent, never logged or kept here. */
export function apiPost<T>(fetcher: typeof fetch, path: string, body: unknown): Promise<T> {
  return send<T>(fetcher, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
