import { z } from 'zod';

/**
 * Who an offer is for. A vocabulary of its own, kept apart from topics: an offer about
 * housing can be for refugees, for students or for everyone.
 */
export const targetGroupCodes = [
  'all_newcomers',
  'refugees',
  'eu_citizens',
  'skilled_workers',
  'students',
  'women',
  'parents',
  'children',
  'youth_12_27',
  'adults_27_plus',
  'seniors',
  'lgbtiq',
  'employers',
] as const;
/** Schema of a target group code: one of {@link targetGroupCodes}, e.g. `refugees` or `youth_12_27`. */
export const TargetGroup = z.enum(targetGroupCodes);
/** Who an offer is for, e.g. `all_newcomers`, `women` or `youth_12_27` (ages 12 to 27). */
export type TargetGroup = z.infer<typeof TargetGroup>;
