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

/**
 * An official key of a German municipality or district: the 8-digit Amtlicher
 * Gemeindeschlüssel (AGS, e.g. `08212000` for Karlsruhe) or a 5-digit district key.
 */
export const OfficialKey = z
  .string()
  .regex(/^\d{5}(\d{3})?$/, 'must be an 8-digit AGS or a 5-digit district key');

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

/** Schema of a place where an agency receives people: a taxonomy `Location` with its opening hours. */
export const AgencyLocation = Location.extend({
  /** When the place is open; absent: unknown, never reported as open. */
  openingHours: OpeningHours.optional(),
}).strict();
/** A place where an agency receives people, with its opening hours. */
export type AgencyLocation = z.infer<typeof AgencyLocation>;

/**
 * Schema of an agency: an office, counselling service or programme, with its locations,
 * contact details, services and jurisdiction, and provenance. Without a `source` it must be
 * flagged `exampleData`; it cannot be its own parent. Parse with `Agency.parse`, or a whole
 * registry with `parseRegistry`, which also checks that ids are unique and references exist.
 */
export const Agency = z
  .object({
    /** A stable slug id, unique in the registry, e.g. `buergerbuero`. */
    id: EntityId,
    name: LocalizedText,
    /** A short name or abbreviation people know the agency by, where it has one. */
    shortName: z.string().optional(),
    kind: AgencyKind,
    summary: LocalizedText.optional(),
    /** The organisation this agency or office belongs to, e.g. a city office's parent authority. */
    parentId: EntityId.optional(),
    locations: z.array(AgencyLocation).default([]),
    contact: Contact.default({}),
    /** Languages spoken by staff, where a source names them. */
    languages: Languages.default([]),
    /** The services the agency provides; `competentFor` considers an agency only for these. */
    services: z.array(AgencyService).default([]),
    /** Where and for whom the agency is competent; without one it is never named competent. */
    jurisdiction: Jurisdiction.optional(),
    /** The `site` agency this one sits at ("under one roof"), when co-located. */
    colocatedAt: EntityId.optional(),
    /** The routing vocabulary id this agency is, or an office of (e.g. `buergerbuero`). */
    routingId: EntityId.optional(),
    /**
     * The official key of the municipality or district whose administration this agency is
     * part of, where the sources say so; published as its AGS identifier (HSDS).
     */
    officialKey: OfficialKey.optional(),
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
/** An agency as parsed: defaults filled in (`locations`, `contact`, `languages`, `services`, …). */
export type Agency = z.infer<typeof Agency>;
/** An agency as written before parsing: fields with defaults may be left out. */
export type AgencyInput = z.input<typeof Agency>;
