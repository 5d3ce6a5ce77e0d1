import { z } from 'zod';
import { LanguageCode } from './languages.js';
import { LocalizedText } from './localized.js';

/** A calendar date, `YYYY-MM-DD`. Kept as a string: a date has no time zone. */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

/** Lower-case slug ids with hyphens or underscores, e.g. `jmd-karlsruhe-ib` or `buergerbuero`. */
export const EntityId = z
  .string()
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'must be a lower-case slug (a-z, 0-9, - and _)');
export type EntityId = z.infer<typeof EntityId>;

/**
 * Where a fact comes from. `asOf` is the date the source gives for itself, as written
 * there (often only a year or "unknown"); `confidence` rates the kind of source: `high` for
 * the provider's or the authority's own page, `medium` for news and third-party copies.
 */
export const Source = z
  .object({
    url: z.url(),
    additional: z.array(z.url()).default([]),
    asOf: z.string().min(1),
    confidence: z.enum(['high', 'medium', 'low']),
  })
  .strict();
export type Source = z.infer<typeof Source>;

/**
 * What every sourced record carries besides its content: the source, when a person last
 * confirmed it (`null`: never, it was imported), whether it must be re-checked, caveats,
 * and whether it is example data with no public source (the site labels such entries).
 */
export const Provenance = z.object({
  source: Source.optional(),
  verifiedAt: IsoDate.nullable(),
  needsRecheck: z.boolean().default(false),
  caveat: LocalizedText.optional(),
  exampleData: z.boolean().default(false),
});

/** Refuses an entry with no public source unless it is flagged as example data. */
export function requireSource(
  entry: { source?: Source | undefined; exampleData: boolean },
  ctx: z.RefinementCtx,
  what: string,
): void {
  if (!entry.source && !entry.exampleData) {
    ctx.addIssue({
      code: 'custom',
      path: ['source'],
      message: `${what} without a public source must be flagged as exampleData`,
    });
  }
}

export const Coordinates = z
  .object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
  .strict();
export type Coordinates = z.infer<typeof Coordinates>;

export const Accessibility = z
  .object({
    wheelchair: z.enum(['yes', 'limited', 'no', 'unknown']).default('unknown'),
    note: LocalizedText.optional(),
  })
  .strict();
export type Accessibility = z.infer<typeof Accessibility>;

/**
 * A postal address. `text` is the address exactly as the source gives it (it may carry a
 * caveat such as "Stand 2013"); structured parts are set only where the source states them.
 */
export const Address = z
  .object({
    text: z.string().min(1),
    street: z.string().optional(),
    postalCode: z
      .string()
      .regex(/^\d{5}$/, 'must be a five-digit German postcode')
      .optional(),
    city: z.string().optional(),
  })
  .strict();
export type Address = z.infer<typeof Address>;

export const Location = z
  .object({
    name: z.string().optional(),
    address: Address.optional(),
    coordinates: Coordinates.optional(),
    accessibility: Accessibility.optional(),
  })
  .strict();
export type Location = z.infer<typeof Location>;

export const Contact = z
  .object({
    phone: z.string().optional(),
    fax: z.string().optional(),
    email: z.email().optional(),
    website: z.url().optional(),
    appointmentUrl: z.url().optional(),
  })
  .strict();
export type Contact = z.infer<typeof Contact>;

export const Languages = z.array(LanguageCode);

/** A validity period; either end may be open. */
export const Validity = z
  .object({ from: IsoDate.optional(), until: IsoDate.optional() })
  .strict()
  .refine((v) => !v.from || !v.until || v.from <= v.until, {
    message: 'from must not be after until',
    path: ['until'],
  });
export type Validity = z.infer<typeof Validity>;

export function isValidOn(validity: Validity | undefined, date: IsoDate): boolean {
  if (!validity) return true;
  if (validity.from && date < validity.from) return false;
  if (validity.until && date > validity.until) return false;
  return true;
}
