import { env } from '$env/dynamic/private';
import { withDeadline } from '@ankommen/sveltekit-config/deadline';
import { error } from '@sveltejs/kit';
import type { LocalizedText } from './offers';

export type EntityType = 'offer' | 'agency';
export type WorkStatus = 'missing' | 'outdated' | 'machine' | 'reviewed' | 'source';

/** One field in one language, as the API's work list gives it. */
export interface TranslationItem {
  entityType: EntityType;
  entityId: string;
  entityName: string;
  entityVersion: number;
  field: string;
  source: string;
  target: string | null;
  status: WorkStatus;
}

export interface LanguageCoverage {
  lang: string;
  total: number;
  counts: Record<WorkStatus, number>;
  percent: Record<WorkStatus, number>;
}

export interface ReportEntry {
  file: string;
  unit: string;
  reason?: string;
  status?: string;
}

/** What the API answers to an XLIFF import. */
export interface ImportReport {
  trgLang: string;
  applied: ReportEntry[];
  skipped: ReportEntry[];
  rejected: ReportEntry[];
}

/** The languages translated into, with their German names and writing direction. */
export const languages: Record<string, { name: string; dir: 'ltr' | 'rtl' }> = {
  en: { name: 'Englisch', dir: 'ltr' },
  ar: { name: 'Arabisch', dir: 'rtl' },
  tr: { name: 'Türkisch', dir: 'ltr' },
  uk: { name: 'Ukrainisch', dir: 'ltr' },
  ru: { name: 'Russisch', dir: 'ltr' },
  fa: { name: 'Persisch', dir: 'rtl' },
  fr: { name: 'Französisch', dir: 'ltr' },
};

export const statusLabels: Record<WorkStatus, string> = {
  missing: 'fehlt',
  outdated: 'veraltet',
  machine: 'maschinell',
  reviewed: 'geprüft',
  source: 'Original',
};
export const workStatuses = Object.keys(statusLabels) as WorkStatus[];

export const entityTypeLabels: Record<EntityType, string> = {
  offer: 'Angebot',
  agency: 'Einrichtung',
};

export const reasonLabels: Record<string, string> = {
  'unknown-entity': 'Eintrag unbekannt',
  'unknown-field': 'Feld unbekannt oder ohne deutschen Text',
  'stale-source': 'Veraltet: Der deutsche Text wurde seit dem Export geändert',
  'empty-target': 'Keine Übersetzung',
  'invalid-language': 'Falsche Sprache',
  'unsupported-content': 'Nicht unterstütztes Format (Auszeichnungen oder mehrere Segmente)',
  'version-conflict': 'Gleichzeitig geändert, bitte erneut einspielen',
  unchanged: 'Unverändert',
};

const fieldLabels: Record<string, string> = {
  title: 'Titel',
  name: 'Name',
  summary: 'Beschreibung',
  caveat: 'Hinweis',
  'eligibility.description': 'Voraussetzungen',
  'accessibility.note': 'Barrierefreiheit',
};

export function fieldLabel(field: string): string {
  const service = field.match(/^services\.(.+)\.name$/);
  return service ? `Leistung „${service[1]}“` : (fieldLabels[field] ?? field);
}

/** The language of a route, or a 404 for one we do not translate into. */
export function languageOf(lang: string) {
  const language = languages[lang];
  if (!language) error(404, 'In diese Sprache wird nicht übersetzt.');
  return { code: lang, ...language };
}

export function requireStaff(user: App.Locals['user']): void {
  if (!user || user.role === 'partner') error(403, 'Nur für die Redaktion.');
}

/** `?status=…&entityType=…` of a work list, kept to values the API knows. */
export function workFilters(url: URL): { status: WorkStatus | ''; entityType: EntityType | '' } {
  const status = url.searchParams.get('status') ?? '';
  const entityType = url.searchParams.get('entityType') ?? '';
  return {
    status: (workStatuses as string[]).includes(status) ? (status as WorkStatus) : '',
    entityType: entityType === 'offer' || entityType === 'agency' ? entityType : '',
  };
}

const apiBase = () => (env.API_URL ?? 'http://127.0.0.1:8787').replace(/\/$/, '');

/**
 * Calls the API with an XML body or for an XML answer, which `api()` (JSON only) does not
 * carry; the answer comes back unread so that a download can be passed on as it is.
 */
export async function xmlApi(
  fetcher: typeof fetch,
  path: string,
  token: string | null,
  body?: string,
): Promise<Response> {
  try {
    const response = await withDeadline(30_000, (signal) =>
      fetcher(`${apiBase()}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/xliff+xml' }),
        },
        ...(body === undefined ? {} : { body }),
        signal,
      }),
    );
    if (response.status >= 500) error(503, 'The API cannot be reached.');
    return response;
  } catch (cause) {
    if (cause && typeof cause === 'object' && 'status' in cause) throw cause;
    error(503, 'The API cannot be reached.');
  }
}

type Json = Record<string, unknown>;

/** The texts of a field in a record's value; services are addressed by their code. */
export function localizedAt(value: Json, field: string): LocalizedText | undefined {
  let node: unknown = value;
  for (const segment of field.split('.')) {
    if (Array.isArray(node)) node = node.find((element: Json) => element?.['code'] === segment);
    else node = node && typeof node === 'object' ? (node as Json)[segment] : undefined;
  }
  return node && typeof node === 'object' ? (node as LocalizedText) : undefined;
}

/**
 * Puts the translator's texts into the value. A text they changed, or a stored one they
 * confirmed, becomes `reviewed`: a person wrote or checked it. An emptied text is removed.
 * Returns the fields that changed.
 */
export function withTranslations(
  value: Json,
  lang: string,
  texts: Record<string, string>,
  confirmed: ReadonlySet<string>,
): string[] {
  const changed: string[] = [];
  for (const [field, typed] of Object.entries(texts)) {
    const localized = localizedAt(value, field);
    if (!localized) continue;
    const stored = localized[lang];
    const text = typed.trim();
    if (text === '') {
      if (stored) {
        delete localized[lang];
        changed.push(field);
      }
    } else if (text !== stored?.text) {
      localized[lang] = { text, status: 'reviewed' };
      changed.push(field);
    } else if (confirmed.has(field) && stored.status !== 'reviewed' && stored.status !== 'source') {
      localized[lang] = { text, status: 'reviewed' };
      changed.push(field);
    }
  }
  return changed;
}

/**
 * API field errors (`body.value.services.2.name.ar.text`) by field path
 * (`services.beratung.name`); the rest under `form`.
 */
export function translationErrors(
  errors: { field: string; message: string }[] = [],
  value: Json,
  lang: string,
): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const { field, message } of errors) {
    const match = field.match(new RegExp(`^body\\.value\\.(.+)\\.${lang}(?:\\.text)?$`));
    let path = match?.[1];
    const service = path?.match(/^services\.(\d+)\.name$/);
    if (service) {
      const services = Array.isArray(value['services']) ? (value['services'] as Json[]) : [];
      path = `services.${String(services[Number(service[1])]?.['code'])}.name`;
    }
    byField[path ?? 'form'] ??= message;
  }
  return byField;
}
