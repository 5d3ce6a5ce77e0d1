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
export const TargetGroup = z.enum(targetGroupCodes);
export type TargetGroup = z.infer<typeof TargetGroup>;
