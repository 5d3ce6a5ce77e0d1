import {
  Contact,
  EntityId,
  Languages,
  LocalizedText,
  Location,
  Provenance,
  requireSource,
} from '@ankommen/taxonomy';
import { z } from 'zod';
import { Jurisdiction } from './jurisdiction.js';
import { OpeningHours } from './opening-hours.js';

/**
 * `authority`: a public office; `ngo`, `association`, `other`: as the sources classify
 * providers; `network`: a programme several providers deliver (e.g. migration counselling);
 * `referral`: a pointer to offices elsewhere (e.g. for people living outside the region);
 * `site`: a place where several agencies sit together ("under one roof").
 */
export const AgencyKind = z.enum([
  'authority',
  'ngo',
  'association',
  'other',
  'network',
  'referral',
  'site',
]);
export type AgencyKind = z.infer<typeof AgencyKind>;

/** A 14-digit LeiKa key (Leistungskatalog der öffentlichen Verwaltung). */
export const LeikaKey = z.string().regex(/^\d{14}$/, 'must be a 14-digit LeiKa key');

/** A service an agency provides, by a stable code; the LeiKa key where known. */
export const AgencyService = z
  .object({
    code: EntityId,
    name: LocalizedText,
    leikaKey: LeikaKey.optional(),
  })
  .strict();
export type AgencyService = z.infer<typeof AgencyService>;

export const AgencyLocation = Location.extend({
  openingHours: OpeningHours.optional(),
}).strict();
export type AgencyLocation = z.infer<typeof AgencyLocation>;

export const Agency = z
  .object({
    id: EntityId,
    name: LocalizedText,
    shortName: z.string().optional(),
    kind: AgencyKind,
    summary: LocalizedText.optional(),
    /** The organisation this agency or office belongs to, e.g. a city office's parent authority. */
    parentId: EntityId.optional(),
    locations: z.array(AgencyLocation).default([]),
    contact: Contact.default({}),
    /** Languages spoken by staff, where a source names them. */
    languages: Languages.default([]),
    services: z.array(AgencyService).default([]),
    jurisdiction: Jurisdiction.optional(),
    /** The `site` agency this one sits at ("under one roof"), when co-located. */
    colocatedAt: EntityId.optional(),
    /** The routing vocabulary id this agency is, or an office of (e.g. `buergerbuero`). */
    routingId: EntityId.optional(),
    ...Provenance.shape,
  })
  .strict()
  .superRefine((agency, ctx) => {
    requireSource(agency, ctx, 'an agency');
    if (agency.parentId === agency.id) {
      ctx.addIssue({
        code: 'custom',
        path: ['parentId'],
        message: 'an agency cannot be its own parent',
      });
    }
  });
export type Agency = z.infer<typeof Agency>;
export type AgencyInput = z.input<typeof Agency>;
