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
 * A web address: `http` or `https` only. Sites link these, so `javascript:` or `data:` (which
 * the WHATWG URL parser accepts) must never get in.
 */
export const WebUrl = z.url({ protocol: /^https?$/, error: 'must be an http or https address' });
export type WebUrl = z.infer<typeof WebUrl>;

/**
 * Where a fact comes from. `asOf` is the date the source gives for itself, as written
 * there (often only a year or "unknown"); `confidence` rates the kind of source: `high` for
 * the provider's or the authority's own page, `medium` for news and third-party copies.
 */
export const Source = z
  .object({
    url: WebUrl,
    additional: z.array(WebUrl).default([]),
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

/** Schema of a point: latitude (-90 to 90) and longitude (-180 to 180) in decimal degrees. */
export const Coordinates = z
  .object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
  .strict();
/** A point, `{ lat, lon }` in decimal degrees. */
export type Coordinates = z.infer<typeof Coordinates>;

/**
 * Schema of a place's wheelchair access: `wheelchair` is `yes`, `limited`, `no` or `unknown`
 * (the default: not stated by the source); `note` adds details such as where the ramp is.
 */
export const Accessibility = z
  .object({
    wheelchair: z.enum(['yes', 'limited', 'no', 'unknown']).default('unknown'),
    note: LocalizedText.optional(),
  })
  .strict();
/** A place's wheelchair access, `{ wheelchair, note? }`. */
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

/** Schema of a place where an offer or agency is found; every part is optional. */
export const Location = z
  .object({
    name: z.string().optional(),
    address: Address.optional(),
    coordinates: Coordinates.optional(),
    accessibility: Accessibility.optional(),
  })
  .strict();
/** A place: `{ name?, address?, coordinates?, accessibility? }`. */
export type Location = z.infer<typeof Location>;

/**
 * Schema of contact details, all optional. `phone` and `fax` are kept as the source writes
 * them; `email` must be an email address; `website` and `appointmentUrl` (where to book an
 * appointment) must be http(s) URLs.
 */
export const Contact = z
  .object({
    phone: z.string().optional(),
    fax: z.string().optional(),
    email: z.email().optional(),
    website: WebUrl.optional(),
    appointmentUrl: WebUrl.optional(),
  })
  .strict();
/** Contact details: `{ phone?, fax?, email?, website?, appointmentUrl? }`. */
export type Contact = z.infer<typeof Contact>;

/** Schema of a list of {@link LanguageCode}s, e.g. the languages an offer is given in or staff speak. */
export const Languages = z.array(LanguageCode);

/** A validity period `{ from?, until? }` of `YYYY-MM-DD` dates, both inclusive; either end may be open. */
export const Validity = z
  .object({ from: IsoDate.optional(), until: IsoDate.optional() })
  .strict()
  .refine((v) => !v.from || !v.until || v.from <= v.until, {
    message: 'from must not be after until',
    path: ['until'],
  });
export type Validity = z.infer<typeof Validity>;

/**
 * Whether `date` (`YYYY-MM-DD`) lies in the period, both ends inclusive. No period means always valid.
 *
 * @example
 * isValidOn({ from: '2026-01-01', until: '2026-12-31' }, '2026-12-31'); // true
 * isValidOn({ from: '2026-01-01' }, '2025-12-31'); // false
 * isValidOn(undefined, '2025-12-31'); // true
 */
export function isValidOn(validity: Validity | undefined, date: IsoDate): boolean {
  if (!validity) return true;
  if (validity.from && date < validity.from) return false;
  if (validity.until && date > validity.until) return false;
  return true;
}
