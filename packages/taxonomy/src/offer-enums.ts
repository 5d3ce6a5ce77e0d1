import { z } from 'zod';

export const Cost = z.enum(['free', 'reduced', 'paid', 'unknown']);
export type Cost = z.infer<typeof Cost>;

export const OfferFormat = z.enum(['in_person', 'online', 'phone']);
export type OfferFormat = z.infer<typeof OfferFormat>;
