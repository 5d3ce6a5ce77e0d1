import { z } from 'zod';

/**
 * The vocabulary that describes a person's situation. Shared by offer eligibility (this
 * package) and the routing profile (@ankommen/routing), so that both speak the same words.
 */
export const Citizenship = z.enum(['EU', 'EEA_CH', 'third_country', 'stateless', 'german']);
export type Citizenship = z.infer<typeof Citizenship>;

export const ResidenceArea = z.enum(['karlsruhe_city', 'karlsruhe_district', 'other']);
export type ResidenceArea = z.infer<typeof ResidenceArea>;

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
export type ResidenceStatus = z.infer<typeof ResidenceStatus>;

export const Benefits = z.enum(['none', 'buergergeld', 'alg1', 'asylblg', 'sgb12']);
export type Benefits = z.infer<typeof Benefits>;

export const germanLevels = ['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export const GermanLevel = z.enum(germanLevels);
export type GermanLevel = z.infer<typeof GermanLevel>;

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
export type Need = z.infer<typeof Need>;

export const Protection = z.enum(['asylum', 'refugee', 'subsidiary', 'national_ban']);
export type Protection = z.infer<typeof Protection>;
