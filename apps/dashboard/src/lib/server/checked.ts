import { fail } from '@sveltejs/kit';
import { api, type Problem } from './api';

interface Checkable {
  status: string;
  value: { verifiedAt?: string | null; needsRecheck?: boolean };
}

/**
 * Confirms an offer or agency against its source on `today`: `verifiedAt` through the normal
 * PUT on the version the person saw (so it is versioned and audited). A published record is
 * published again (only admins and editors confirm, and they may publish): a staff edit of a
 * published record would otherwise wait as a draft although only the date changed.
 */
async function confirm(
  fetcher: typeof fetch,
  token: string | null,
  path: string,
  { version, today }: { version: number; today: string },
): Promise<{ status: number; problem?: Problem }> {
  const current = await api<Checkable | Problem>(fetcher, path, { token });
  if (current.status !== 200) return { status: current.status, problem: current.body as Problem };
  const record = current.body as Checkable;
  const value = { ...record.value, verifiedAt: today, needsRecheck: false };
  const saved = await api<Checkable | Problem>(fetcher, path, {
    method: 'PUT',
    token,
    ifMatch: `"v${version}"`,
    body: { value },
  });
  if (saved.status !== 200) return { status: saved.status, problem: saved.body as Problem };
  if (record.status === 'published') {
    const published = await api<Problem>(fetcher, `${path}/publish`, {
      method: 'POST',
      token,
      ifMatch: saved.etag ?? undefined,
      body: {},
    });
    if (published.status !== 200) return { status: published.status, problem: published.body };
  }
  return { status: 200 };
}

/** The form action's answer to "Angaben geprüft (heute)" on an offer or agency at `path`. */
export async function confirmChecked(
  fetcher: typeof fetch,
  token: string | null,
  path: string,
  options: { version: number; today: string },
) {
  const result = await confirm(fetcher, token, path, options);
  if (result.status === 409)
    return fail(409, {
      workflowError: 'Inzwischen hat jemand den Eintrag geändert. Bitte laden Sie die Seite neu.',
    });
  if (result.status !== 200)
    return fail(result.status, {
      workflowError: result.problem?.detail ?? result.problem?.title ?? 'Fehler',
    });
  return { checked: true };
}
