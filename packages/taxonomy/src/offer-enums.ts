import { z } from 'zod';

/**
 * What an offer costs the person: `free`, `reduced` (a reduced fee), `paid`, or `unknown`
 * when the source does not say (the default of `Offer.cost`).
 */
export const Cost = z.enum(['free', 'reduced', 'paid', 'unknown']);
/** What an offer costs: `free`, `reduced`, `paid` or `unknown`. */
export type Cost = z.infer<typeof Cost>;

/** How an offer is given: `in_person`, `online` or by `phone`; an offer may list several. */
export const OfferFormat = z.enum(['in_person', 'online', 'phone']);
/** How an offer is given: `in_person`, `online` or `phone`. */
export type OfferFormat = z.infer<typeof OfferFormat>;
