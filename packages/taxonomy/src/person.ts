import { z } from 'zod';

/**
 * The vocabulary that describes a person's situation. Shared by offer eligibility (this
 * package) and the routing profile (@ankommen/routing), so that both speak the same words.
 */
export const Citizenship = z.enum(['EU', 'EEA_CH', 'third_country', 'stateless', 'german']);
export type Citizenship = z.infer<typeof Citizenship>;

/**
 * Where a person lives, in the values of the routing exchange format: `karlsruhe_city` (the
 * City of Karlsruhe), `karlsruhe_district` (the Landkreis Karlsruhe) or `other`. Agency
 * jurisdictions may narrow an area down to municipalities.
 */
export const ResidenceArea = z.enum(['karlsruhe_city', 'karlsruhe_district', 'other']);
/** Where a person lives: `karlsruhe_city`, `karlsruhe_district` or `other`. */
export type ResidenceArea = z.infer<typeof ResidenceArea>;

/**
 * A person's residence status, in the coarse groups that decide which offices and offers
 * apply: e.g. `eu_free_movement`, `skilled_worker`, `recognised_refugee`,
 * `temporary_protection_ukraine` (§24 AufenthG), `asylum_seeker` and
 * `asylum_seeker_unregistered`, `tolerated` (Duldung), `chancen_aufenthalt_104c` (§104c
 * AufenthG); `other` for anything else.
 */
export const ResidenceStatus = z.enum([
  'eu_free_movement',
  'skilled_worker',
  'student',
  'family_reunification',
  'recognised_refugee',
  'temporary_protection_ukraine',
  'asylum_seeker',
  'asylum_seeker_unregistered',
  'unaccompanied_minor',
  'tolerated',
  'chancen_aufenthalt_104c',
  'visitor',
  'other',
]);
/** A person's residence status, one of {@link ResidenceStatus}'s values. */
export type ResidenceStatus = z.infer<typeof ResidenceStatus>;

/**
 * The social benefits a person receives: `none`, `buergergeld` (Bürgergeld, SGB II, from the
 * Jobcenter), `alg1` (Arbeitslosengeld I, SGB III), `asylblg` (Asylbewerberleistungsgesetz)
 * or `sgb12` (Sozialhilfe, SGB XII).
 */
export const Benefits = z.enum(['none', 'buergergeld', 'alg1', 'asylblg', 'sgb12']);
/** The social benefits a person receives: `none`, `buergergeld`, `alg1`, `asylblg` or `sgb12`. */
export type Benefits = z.infer<typeof Benefits>;

/**
 * Levels of German, from `none` through the CEFR levels `A1` to `C2`, in ascending order:
 * routing compares levels (`lt`, `gte`, …) by their index here.
 */
export const germanLevels = ['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
/** Schema of a German level: `none` or a CEFR level `A1` … `C2` (see {@link germanLevels}). */
export const GermanLevel = z.enum(germanLevels);
/** A person's level of German: `none`, `A1`, `A2`, `B1`, `B2`, `C1` or `C2`. */
export type GermanLevel = z.infer<typeof GermanLevel>;

/**
 * What a person says they need help with (`language`, `work`, `housing`, `health`, …).
 * `categoriesForNeed` maps each need to the offer categories that serve it.
 */
export const Need = z.enum([
  'language',
  'work',
  'housing',
  'health',
  'money',
  'school',
  'childcare',
  'recognition',
  'status',
  'documents',
  'orientation',
  'education',
  'asylum',
  'shelter',
  'guardian',
  'leisure',
  'counselling',
]);
/** Something a person needs help with, one of {@link Need}'s values. */
export type Need = z.infer<typeof Need>;

/**
 * The protection status granted after an asylum procedure: `asylum` (entitlement to asylum,
 * Art. 16a GG), `refugee` (refugee protection, §3 AsylG), `subsidiary` (subsidiary
 * protection, §4 AsylG) or `national_ban` (national ban on deportation, §60(5)/(7) AufenthG).
 */
export const Protection = z.enum(['asylum', 'refugee', 'subsidiary', 'national_ban']);
/** The protection status granted: `asylum`, `refugee`, `subsidiary` or `national_ban`. */
export type Protection = z.infer<typeof Protection>;
