/**
 * How a domain object is split into its stored parts and put back together: the working copy
 * (`data`), one translation row per field and language, and its locations.
 */
import { createHash } from 'node:crypto';
import type { LocalizedText, TranslationStatus } from '@ankommen/taxonomy';
import type { EntityType } from './schema.js';

type Json = Record<string, unknown>;

/**
 * The translatable fields as paths into the domain object. Elements of `services` are
 * addressed by their `code`, not their position, so that reordering them keeps their
 * translations. Texts inside locations (an accessibility note) stay with the location.
 */
export function textFields(entityType: EntityType, value: Json): string[] {
  if (entityType === 'offer') {
    return ['title', 'summary', 'caveat', 'eligibility.description', 'accessibility.note'];
  }
  const services = Array.isArray(value['services']) ? (value['services'] as Json[]) : [];
  return [
    'name',
    'summary',
    'caveat',
    ...services.map((service) => `services.${String(service['code'])}.name`),
  ];
}

function child(container: unknown, segment: string): unknown {
  if (Array.isArray(container)) {
    return container.find((element: Json | undefined) => element?.['code'] === segment);
  }
  if (container && typeof container === 'object') return (container as Json)[segment];
  return undefined;
}

/** The object that holds the last segment of `path`, and that segment. */
function parentOf(root: Json, path: string): [Json | undefined, string] {
  const segments = path.split('.');
  const last = segments.pop() as string;
  let current: unknown = root;
  for (const segment of segments) current = child(current, segment);
  return [current && typeof current === 'object' ? (current as Json) : undefined, last];
}

export interface SplitEntity {
  /** The working copy without texts and locations. */
  data: Json;
  texts: Map<string, LocalizedText>;
  locations: Json[];
}

export function splitEntity(entityType: EntityType, value: Json): SplitEntity {
  const data = structuredClone(value);
  const texts = new Map<string, LocalizedText>();
  for (const field of textFields(entityType, value)) {
    const [parent, key] = parentOf(data, field);
    const text = parent?.[key];
    if (parent && text !== undefined) {
      texts.set(field, text as LocalizedText);
      delete parent[key];
    }
  }
  const locations = Array.isArray(data['locations']) ? (data['locations'] as Json[]) : [];
  delete data['locations'];
  return { data, texts, locations };
}

export function assembleEntity(
  data: Json,
  texts: ReadonlyMap<string, LocalizedText>,
  locations: readonly Json[],
): Json {
  const value = structuredClone(data);
  value['locations'] = [...locations];
  for (const [field, text] of texts) {
    const segments = field.split('.');
    // The parent objects of top-level-ish fields (`eligibility`, `accessibility`) may have
    // been emptied by the split; create them. Array elements are never created: a text
    // whose service is gone is dropped.
    let current: Json | undefined = value;
    for (const segment of segments.slice(0, -1)) {
      if (!current) break;
      let next = child(current, segment);
      if (next === undefined && !Array.isArray(current)) {
        next = {};
        current[segment] = next;
      }
      current = next && typeof next === 'object' ? (next as Json) : undefined;
    }
    if (current && !Array.isArray(current)) current[segments.at(-1) as string] = text;
  }
  return value;
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface TranslationRow {
  field: string;
  lang: string;
  text: string;
  status: TranslationStatus;
  sourceHash: string | null;
}

/**
 * The translation rows after a write. A text in the source language carries the hash of
 * itself. Any other text the writer changed (text or status) is taken as written against the
 * current source text. A text the writer sent back unchanged keeps the hash it was written
 * against, and becomes `outdated` when the source text has changed since.
 */
export function planTranslations(
  texts: ReadonlyMap<string, LocalizedText>,
  stored: readonly TranslationRow[],
  sourceLanguage: string,
): TranslationRow[] {
  const previous = new Map(stored.map((row) => [`${row.field}\u0000${row.lang}`, row]));
  const rows: TranslationRow[] = [];
  for (const [field, localized] of texts) {
    const source = localized[sourceLanguage];
    const sourceHash = source ? hashText(source.text) : null;
    for (const [lang, translation] of Object.entries(localized)) {
      if (lang === sourceLanguage) {
        rows.push({ field, lang, text: translation.text, status: translation.status, sourceHash });
        continue;
      }
      const before = previous.get(`${field}\u0000${lang}`);
      const unchanged =
        before !== undefined &&
        before.text === translation.text &&
        before.status === translation.status;
      if (!unchanged) {
        rows.push({ field, lang, text: translation.text, status: translation.status, sourceHash });
        continue;
      }
      const stale =
        sourceHash !== null && before.sourceHash !== null && before.sourceHash !== sourceHash;
      rows.push({ ...before, status: stale ? 'outdated' : before.status });
    }
  }
  return rows;
}

/** Builds the LocalizedText of each field; the source language first, then by code. */
export function groupTranslations(
  rows: readonly Pick<TranslationRow, 'field' | 'lang' | 'text' | 'status'>[],
  sourceLanguage: string,
): Map<string, LocalizedText> {
  const sorted = rows.toSorted((a, b) =>
    a.lang === b.lang
      ? 0
      : a.lang === sourceLanguage
        ? -1
        : b.lang === sourceLanguage
          ? 1
          : a.lang < b.lang
            ? -1
            : 1,
  );
  const texts = new Map<string, LocalizedText>();
  for (const row of sorted) {
    let text = texts.get(row.field);
    if (!text) {
      text = {};
      texts.set(row.field, text);
    }
    text[row.lang] = { text: row.text, status: row.status };
  }
  return texts;
}
