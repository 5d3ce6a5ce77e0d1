import {
  Benefits,
  Citizenship,
  GermanLevel,
  Need,
  Protection,
  ResidenceArea,
  ResidenceStatus,
} from '@ankommen/taxonomy';
import { z } from 'zod';

/** `YYYY-MM` or `YYYY-MM-DD`, a real calendar month or date. */
export const ArrivalDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'must be YYYY-MM or YYYY-MM-DD')
  .refine(
    (value) =>
      value.length === 7 ||
      (!Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)),
    'is not a real date',
  );

/**
 * The routing exchange format's profile (shared/domain/profile.md). Every field may be left
 * unanswered: the engine then reports which missing answers could change the result.
 * Unknown fields are an error naming the field, never silently ignored.
 */
export const Profile = z
  .object({
    age: z.number().int().min(0).max(120),
    citizenship: Citizenship,
    residence: ResidenceArea,
    status: ResidenceStatus,
    benefits: Benefits,
    german_level: GermanLevel,
    children: z.array(z.number().int().min(0).max(30)).max(20),
    has_foreign_degree: z.boolean(),
    employed: z.boolean(),
    needs: z.array(Need).max(Need.options.length),
    municipality: z.string().trim().min(1).max(100),
    arrival_date: ArrivalDate,
    months_in_germany: z.number().int().min(0).max(1500),
    nationality: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "UA"'),
    protection: Protection,
    has_id_documents: z.boolean(),
    in_lea: z.boolean(),
    unaccompanied: z.boolean(),
    literate: z.boolean(),
    wohnsitzauflage: z.boolean(),
    wants_to_move_to: ResidenceArea,
    prior_work_in_germany: z.boolean(),
  })
  .partial()
  .strict();
export type Profile = z.infer<typeof Profile>;
/** The name of a profile field, e.g. `age`, `german_level` or `arrival_date`. */
export type ProfileField = keyof Profile;

/**
 * Every profile field in the order of the exchange format (`age`, `citizenship`, `residence`,
 * …). `Wegweiser.missing` lists unanswered fields in this order.
 */
export const profileFields = Object.keys(Profile.shape) as ProfileField[];

/** The name of a profile field, e.g. in a Wegweiser's `missing`. */
export const ProfileFieldName = z.enum(profileFields as [ProfileField, ...ProfileField[]]);

/** A problem with one field of a profile, as reported by {@link parseProfile}. */
export interface ProfileIssue {
  /** The field at fault, as a dotted path (`children.2`), or `(root)`. */
  field: string;
  /** What is wrong, in English, e.g. `is not a profile field`. */
  message: string;
}

/** The result of {@link parseProfile}: the valid profile, or every issue found. */
export type ProfileResult =
  { success: true; profile: Profile } | { success: false; issues: ProfileIssue[] };

/** Validates a profile and names every field at fault, including unknown fields. */
export function parseProfile(input: unknown): ProfileResult {
  const result = Profile.safeParse(input);
  if (result.success) return { success: true, profile: result.data };
  const issues: ProfileIssue[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ field: [...issue.path, key].join('.'), message: 'is not a profile field' });
      }
    } else {
      issues.push({ field: issue.path.join('.') || '(root)', message: issue.message });
    }
  }
  return { success: false, issues };
}
