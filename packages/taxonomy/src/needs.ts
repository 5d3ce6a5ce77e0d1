import type { Need } from './person.js';
import { categoriesByTopic, type Category } from './topics.js';

/**
 * Which offer categories serve a need a person names. Used to match offers to a person
 * (routing) and to reach offers from a need in search.
 */
export const categoriesForNeed: Record<Need, readonly Category[]> = {
  language: ['integration_course', 'german_course', 'orientation_course', 'library'],
  work: ['job_search', 'skilled_workers', 'vocational_training', 'work_opportunity', 'recognition'],
  housing: categoriesByTopic.housing,
  health: ['health', 'psychosocial'],
  money: ['financial_help', 'discounts'],
  school: ['school'],
  childcare: ['childcare', 'children_leisure'],
  recognition: ['recognition', 'skilled_workers'],
  status: ['public_office', 'legal_advice', 'migration_counselling'],
  documents: ['public_office'],
  orientation: [
    'information',
    'migration_counselling',
    'integration_management',
    'orientation_course',
    'meeting',
  ],
  education: ['school', 'university', 'vocational_training', 'library', 'german_course'],
  asylum: ['asylum_counselling', 'legal_advice'],
  shelter: ['accommodation', 'housing_security'],
  guardian: ['youth_counselling'],
  leisure: categoriesByTopic.leisure,
  counselling: [
    'migration_counselling',
    'youth_counselling',
    'psychosocial',
    'women_counselling',
    'lgbtiq',
    'accompaniment',
    'legal_advice',
  ],
};
