import { z } from 'zod';

/** The `{id}` of an offer or agency in a path: a lower-case slug. */
export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9_-]+$/, 'is not an id'),
});
