import { z } from 'zod';
import {
  Contact,
  EntityId,
  Languages,
  Location,
  Provenance,
  Validity,
  Accessibility,
  requireSource,
} from './common.js';
import { LocalizedText } from './localized.js';
import { Cost, OfferFormat } from './offer-enums.js';
import { ResidenceArea, ResidenceStatus } from './person.js';
import { TargetGroup } from './target-groups.js';
import { Category, TopicField, topicOf } from './topics.js';

/**
 * Schema of who may use an offer. An absent field means no limit; routing leaves out offers
 * whose limits the person does not meet. `minAge` must not exceed `maxAge`.
 */
export const Eligibility = z
  .object({
    /** Minimum age in years, inclusive. */
    minAge: z.number().int().min(0).max(120).optional(),
    /** Inclusive: `maxAge: 26` means "until the 27th birthday". */
    maxAge: z.number().int().min(0).max(120).optional(),
    /** Only people with one of these residence statuses. */
    residenceStatuses: z.array(ResidenceStatus).optional(),
    /** Only people living in one of these areas. */
    residence: z.array(ResidenceArea).optional(),
    /** The conditions in words, as the source states them (also those not modelled above). */
    description: LocalizedText.optional(),
  })
  .strict()
  .refine((e) => e.minAge === undefined || e.maxAge === undefined || e.minAge <= e.maxAge, {
    message: 'minAge must not exceed maxAge',
    path: ['maxAge'],
  });
/** Who may use an offer: `{ minAge?, maxAge?, residenceStatuses?, residence?, description? }`. */
export type Eligibility = z.infer<typeof Eligibility>;

/** An offer: a course, counselling service, meeting place or procedure a newcomer can use. */
export const Offer = z
  .object({
    id: EntityId,
    title: LocalizedText,
    summary: LocalizedText,
    /** The agency in the registry that provides the offer, where it is registered. */
    providerId: EntityId.optional(),
    /** The provider's name as the source gives it. */
    providerName: z.string().min(1),
    topic: TopicField,
    category: Category,
    targetGroups: z.array(TargetGroup).min(1),
    /** Languages the offer is given in (not the languages its description is translated to). */
    languages: Languages.default([]),
    cost: Cost.default('unknown'),
    formats: z.array(OfferFormat).default([]),
    accessibility: Accessibility.optional(),
    locations: z.array(Location).default([]),
    contact: Contact.default({}),
    /** Opening or meeting times as the source states them, in its words. */
    scheduleText: z.string().optional(),
    eligibility: Eligibility.default({}),
    /** The routing vocabulary id this offer is, or serves (e.g. `integrationskurs`). */
    routingId: EntityId.optional(),
    validity: Validity.optional(),
    ...Provenance.shape,
  })
  .strict()
  .superRefine((offer, ctx) => {
    if (topicOf(offer.category) !== offer.topic) {
      ctx.addIssue({
        code: 'custom',
        path: ['category'],
        message: `category ${offer.category} belongs to topic ${topicOf(offer.category)}, not ${offer.topic}`,
      });
    }
    requireSource(offer, ctx, 'an offer');
  });
export type Offer = z.infer<typeof Offer>;
/**
 * An offer as written before parsing: fields with defaults (`languages`, `cost`, `formats`,
 * `locations`, `contact`, `eligibility`, `needsRecheck`, `exampleData`) may be left out.
 */
export type OfferInput = z.input<typeof Offer>;
