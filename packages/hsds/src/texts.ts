import type { Region } from '@ankommen/registry';
import { pickText, type LocalizedText, type Source } from '@ankommen/taxonomy';
import { hsdsId } from './ids.js';
import type { Metadata } from './schemas.js';

/** Who we name as `updated_by` in the metadata we publish. */
export const METADATA_UPDATED_BY = 'Ankommen';

/** The HSDS tables we publish metadata for. */
export type ResourceType = 'organization' | 'service' | 'location' | 'taxonomy' | 'taxonomy_term';

/** What every part of one feed's mapping shares. */
export interface FeedContext {
  /** The content language asked for. */
  lang: string;
  /** The feed's modification date, `YYYY-MM-DD`, in the region's time zone. */
  date: string;
  region: Region;
  /** Names of spoken languages, in `lang`; undefined where the runtime has none. */
  languageNames: Intl.DisplayNames | undefined;
}

/** Creates the context of a feed in `lang`, modified on `date`. */
export function feedContext(lang: string, date: string, region: Region): FeedContext {
  let languageNames: Intl.DisplayNames | undefined;
  try {
    languageNames = new Intl.DisplayNames([lang, 'en'], { type: 'language', fallback: 'code' });
  } catch {
    languageNames = undefined;
  }
  return { lang, date, region, languageNames };
}

/** Drops keys whose value is undefined, so optional HSDS fields are absent, not undefined. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Picks the texts of one record in the feed's language and collects its HSDS metadata while
 * doing so: a `language_fallback` entry for a field whose text is not in the language asked
 * for (`previous_value`: the language asked for, `replacement_value`: the text's language), a
 * `machine_translation` or `outdated_translation` entry for a text that is one
 * (`replacement_value`: its language), and a
 * `source` entry per source URL (`field_name` `*`, `replacement_value` the URL).
 */
export class RecordTexts {
  private readonly entries: Metadata[] = [];

  /** Starts collecting for the record `resourceId` of `type`, whose own key is `key`. */
  constructor(
    private readonly ctx: FeedContext,
    private readonly type: ResourceType,
    private readonly key: string,
    private readonly resourceId: string,
  ) {}

  /** The metadata collected, or undefined when there is none (HSDS `metadata` is optional). */
  get metadata(): Metadata[] | undefined {
    return this.entries.length > 0 ? [...this.entries] : undefined;
  }

  /** The text of `field` in the feed's language, falling back to en, then de. */
  text(value: LocalizedText | undefined, field: string): string | undefined {
    const picked = pickText(value, this.ctx.lang);
    if (!picked) return undefined;
    const action = picked.fallback
      ? 'language_fallback'
      : picked.status === 'machine'
        ? 'machine_translation'
        : picked.status === 'outdated'
          ? 'outdated_translation'
          : undefined;
    if (action) this.add(action, field, picked.fallback ? this.ctx.lang : '', picked.lang);
    return picked.text;
  }

  /** Records where the record's facts come from. */
  sources(source: Source | undefined): void {
    if (!source) return;
    [source.url, ...source.additional].forEach((url, index) =>
      this.add('source', '*', '', url, String(index)),
    );
  }

  private add(
    action: string,
    field: string,
    previous: string,
    replacement: string,
    discriminator = '',
  ): void {
    this.entries.push({
      id: hsdsId('metadata', `${this.type}:${this.key}:${action}:${field}:${discriminator}`),
      resource_id: this.resourceId,
      resource_type: this.type,
      last_action_date: this.ctx.date,
      last_action_type: action,
      field_name: field,
      previous_value: previous,
      replacement_value: replacement,
      updated_by: METADATA_UPDATED_BY,
    });
  }
}
