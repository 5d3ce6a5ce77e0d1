import { z } from 'zod';

/**
 * Where a registry's agencies are: the time zone their opening hours are written in, and
 * the country and state whose public holidays (`PH` in opening hours) apply.
 */
export const Region = z
  .object({
    name: z.string().min(1),
    countryCode: z.string().regex(/^[a-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in lower case'),
    /** The state's name as OpenStreetMap spells it, e.g. `Baden-Württemberg`. */
    state: z.string().min(1),
    timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
    /** A point in the region, for holiday and sun-time rules. */
    center: z.object({ lat: z.number(), lon: z.number() }).strict(),
    /** Amtlicher Gemeindeschlüssel or another official key of the region, where known. */
    officialKey: z.string().optional(),
  })
  .strict();
export type Region = z.infer<typeof Region>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
