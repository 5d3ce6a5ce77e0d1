import { z } from 'zod';

/** The five topic fields of the AniKA portal. Codes are stable and English; labels live in labels/. */
export const topicFieldCodes = ['education', 'work', 'counselling', 'leisure', 'housing'] as const;
/** Schema of a topic field code: `education`, `work`, `counselling`, `leisure` or `housing`. */
export const TopicField = z.enum(topicFieldCodes);
/** One of the five topic fields an offer is filed under. */
export type TopicField = z.infer<typeof TopicField>;

/** Every category belongs to exactly one topic field. Order here is display order. */
export const categoriesByTopic = {
  education: [
    'integration_course',
    'german_course',
    'orientation_course',
    'school',
    'childcare',
    'library',
    'university',
  ],
  work: ['job_search', 'skilled_workers', 'recognition', 'vocational_training', 'work_opportunity'],
  counselling: [
    'public_office',
    'migration_counselling',
    'youth_counselling',
    'integration_management',
    'asylum_counselling',
    'legal_advice',
    'health',
    'psychosocial',
    'women_counselling',
    'lgbtiq',
    'financial_help',
    'information',
    'accompaniment',
  ],
  leisure: [
    'meeting',
    'culture',
    'sport',
    'women_groups',
    'youth_leisure',
    'children_leisure',
    'discounts',
    'mobility',
  ],
  housing: ['housing_search', 'housing_security', 'accommodation', 'tenant_advice'],
} as const satisfies Record<TopicField, readonly string[]>;

/** An offer category code such as `german_course` or `migration_counselling`; see {@link categoriesByTopic}. */
export type Category = (typeof categoriesByTopic)[TopicField][number];
/** All 37 category codes, topic field by topic field, in display order. */
export const categoryCodes = Object.values(categoriesByTopic).flat() as Category[];
/**
 * Schema of a category code: one of {@link categoryCodes}. Each category belongs to exactly one
 * topic field ({@link topicOf}); the `Offer` schema checks that an offer's category and topic agree.
 */
export const Category = z.enum(categoryCodes as [Category, ...Category[]]);

const topicOfCategory = new Map<string, TopicField>(
  Object.entries(categoriesByTopic).flatMap(([topic, categories]) =>
    categories.map((category) => [category, topic as TopicField] as const),
  ),
);

/** The topic field a category belongs to. */
export function topicOf(category: Category): TopicField {
  const topic = topicOfCategory.get(category);
  if (!topic) throw new Error(`unknown category ${category}`);
  return topic;
}
