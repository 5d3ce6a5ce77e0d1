import { error, fail } from '@sveltejs/kit';
import {
  entityTypeLabels,
  fieldLabel,
  languages,
  reasonLabels,
  requireStaff,
  statusLabels,
  xmlApi,
  type EntityType,
  type ImportReport,
  type ReportEntry,
} from '$lib/server/translations';
import type { Actions, PageServerLoad } from './$types';

function requireImporter(user: App.Locals['user']): void {
  requireStaff(user);
  if (user?.role !== 'admin' && user?.role !== 'editor')
    error(403, 'Einspielen dürfen nur Admins und die Redaktion.');
}

/** A report row as the page shows it: the record linked, the field and reason in German. */
function row(entry: ReportEntry, lang: string) {
  const match = entry.file.match(/^(offer|agency):(.+)$/);
  const entityType = match?.[1] as EntityType | undefined;
  return {
    key: `${entry.file}/${entry.unit}`,
    file: entry.file,
    kind: entityType ? entityTypeLabels[entityType] : null,
    href: entityType ? `/translations/${lang}/${entityType}/${match![2]}` : null,
    field: fieldLabel(entry.unit),
    reason: entry.reason ? (reasonLabels[entry.reason] ?? entry.reason) : null,
    code: entry.reason ?? null,
    status: entry.status
      ? (statusLabels[entry.status as keyof typeof statusLabels] ?? entry.status)
      : null,
  };
}

export const load: PageServerLoad = ({ locals }) => {
  requireImporter(locals.user);
  return {};
};

export const actions: Actions = {
  default: async ({ request, fetch, locals }) => {
    requireImporter(locals.user);
    const file = (await request.formData()).get('file');
    if (!(file instanceof File) || file.size === 0)
      return fail(400, { error: 'Bitte wählen Sie eine XLIFF-Datei.', report: null });
    const answer = await xmlApi(
      fetch,
      '/v1/admin/translations/xliff',
      locals.token,
      await file.text(),
    );
    if (answer.status !== 200) {
      const problem = (await answer.json()) as {
        title: string;
        errors?: { field: string; message: string }[];
      };
      const details = problem.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
      return fail(answer.status, {
        error: `Die Datei wurde nicht eingespielt: ${details ?? problem.title}`,
        report: null,
      });
    }
    const report = (await answer.json()) as ImportReport;
    return {
      error: null,
      report: {
        language: languages[report.trgLang]?.name ?? report.trgLang,
        applied: report.applied.map((entry) => row(entry, report.trgLang)),
        skipped: report.skipped.map((entry) => row(entry, report.trgLang)),
        rejected: report.rejected.map((entry) => row(entry, report.trgLang)),
      },
    };
  },
};
