import { AgencyKind, AgencyLocation, Jurisdiction } from '@ankommen/registry';
import { CompactWegweiser, ProfileFieldName, Wegweiser, WegweiserTexts } from '@ankommen/routing';
import {
  Accessibility,
  Category,
  Contact,
  Cost,
  IsoDate,
  Languages,
  OfferFormat,
  PickedText,
  ResidenceStatus,
  Source,
  TargetGroup,
  TermCodeSchema,
  termKinds,
  TopicField,
  Validity,
} from '@ankommen/taxonomy';
import { z } from 'zod';

// The answers of the public API. The view functions' return types are inferred from these
// schemas, the routes register them in the OpenAPI document (and so in @ankommen/client's
// types), and the contract tests parse real answers with them. Objects are strict, so that a
// field added to an answer but not here fails those tests. Answers are never validated at
// run time: the hot paths stay as fast as they are.

/** A text in the language asked for, or in the one it fell back to. */
export const Text = PickedText.meta({
  id: 'Text',
  description:
    'A text in the language asked for, or in the one it fell back to (`fallback`), with its translation status',
});
// A union rather than `.nullable()`, which zod-to-openapi writes as an `allOf` no null matches.
const TextOrNull = z.union([Text, z.null()]);
/** A term of the vocabulary by its code, e.g. `category.german_course`. */
const TermCode = TermCodeSchema.meta({
  id: 'TermCode',
  description: 'A term of the vocabulary by its code, e.g. `category.german_course`',
});

const coded = <T extends z.ZodType>(code: T) => z.object({ code, label: z.string() }).strict();

/** Open now and next opening; `openNow: null` when no machine-readable hours are known. */
export const openingFields = {
  openNow: z.boolean().nullable(),
  nextOpening: z.string().nullable().describe('ISO 8601 instant of the next opening'),
  appointmentOnly: z.boolean(),
};
const OpenNow = z.object(openingFields).strict();
export type OpenNow = z.infer<typeof OpenNow>;

const Fallback = z
  .array(z.string())
  .describe('The fields whose text fell back to another language, e.g. `title`');

const agencySummaryFields = {
  id: z.string(),
  name: TextOrNull,
  shortName: z.string().nullable(),
  kind: AgencyKind,
  summary: TextOrNull,
  parentId: z.string().nullable(),
  routingId: z.string().nullable(),
  languages: Languages,
  services: z.array(
    z.object({ code: z.string(), name: z.string(), leikaKey: z.string().nullable() }).strict(),
  ),
  ...openingFields,
  exampleData: z.boolean(),
  needsRecheck: z.boolean(),
  verifiedAt: IsoDate.nullable(),
  fallback: Fallback,
};

/** An agency in a list or in the welcome centre. */
export const AgencySummary = z.object(agencySummaryFields).strict().meta({
  id: 'AgencySummary',
  description: 'An agency in a list or in the welcome centre, open now or not',
});
export type AgencySummary = z.infer<typeof AgencySummary>;

/** One agency with its locations (open or not now), offices and offers. */
export const AgencyDetail = z
  .object({
    ...agencySummaryFields,
    locations: z.array(
      AgencyLocation.extend({ status: z.enum(['open', 'closed', 'unknown']) }).strict(),
    ),
    contact: Contact,
    jurisdiction: Jurisdiction.nullable(),
    colocatedAt: z.string().nullable(),
    offices: z.array(z.object({ id: z.string(), name: TextOrNull }).strict()),
    offers: z.array(z.object({ id: z.string(), title: TextOrNull }).strict()),
    source: Source.nullable(),
    caveat: TextOrNull,
  })
  .strict()
  .meta({
    id: 'AgencyDetail',
    description: 'One agency with its locations (open or not now), offices and offers',
  });
export type AgencyDetail = z.infer<typeof AgencyDetail>;

/**
 * An offer in a list: small, with codes instead of labels (those are in /v1/taxonomy) and
 * without the fields that would be empty.
 */
export const OfferSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    snippet: z.string().optional().describe('The start of the summary'),
    topic: TopicField,
    category: Category,
    targetGroups: z.array(TargetGroup),
    languages: Languages.optional(),
    cost: Cost,
    openNow: z.boolean().optional(),
    exampleData: z.literal(true).optional(),
    fallback: Fallback.optional(),
    fallbackLang: z.string().optional(),
    machineTranslated: z.literal(true).optional(),
  })
  .strict()
  .meta({
    id: 'OfferSummary',
    description:
      'An offer in a list: codes instead of labels (see /v1/taxonomy), empty fields left out',
  });
export type OfferSummary = z.infer<typeof OfferSummary>;

/** One offer with where and when, open now and next opening, and its source. */
export const OfferDetail = z
  .object({
    id: z.string(),
    title: TextOrNull,
    summary: TextOrNull,
    topic: coded(TopicField),
    category: coded(Category),
    targetGroups: z.array(coded(TargetGroup)),
    languages: Languages,
    cost: coded(Cost),
    formats: z.array(OfferFormat),
    provider: z.object({ id: z.string().nullable(), name: z.string() }).strict(),
    ...openingFields,
    locations: z.array(AgencyLocation),
    contact: Contact,
    scheduleText: z.string().nullable(),
    eligibility: z
      .object({
        minAge: z.number().int().nullable(),
        maxAge: z.number().int().nullable(),
        residenceStatuses: z.array(ResidenceStatus).nullable(),
        description: TextOrNull,
      })
      .strict(),
    accessibility: Accessibility.nullable(),
    routingId: z.string().nullable(),
    validity: Validity.nullable(),
    agency: z.object({ id: z.string(), name: TextOrNull }).strict().nullable(),
    source: Source.nullable(),
    verifiedAt: IsoDate.nullable(),
    needsRecheck: z.boolean(),
    caveat: TextOrNull,
    exampleData: z.boolean(),
    fallback: Fallback,
  })
  .strict()
  .meta({
    id: 'OfferDetail',
    description: 'One offer with where and when, open now and next opening, and its source',
  });
export type OfferDetail = z.infer<typeof OfferDetail>;

const pageFields = {
  page: z.number().int(),
  perPage: z.number().int(),
  total: z.number().int().describe('Matches on all pages'),
};

export const OfferPage = z
  .object({
    items: z.array(OfferSummary),
    ...pageFields,
    matchedTerms: z.array(TermCode).describe('Taxonomy terms the query matched, in any language'),
  })
  .strict()
  .meta({ id: 'OfferPage', description: 'A page of offers' });
export type OfferPage = z.infer<typeof OfferPage>;

export const AgencyPage = z
  .object({ items: z.array(AgencySummary), ...pageFields })
  .strict()
  .meta({ id: 'AgencyPage', description: 'A page of agencies' });
export type AgencyPage = z.infer<typeof AgencyPage>;

export const CityAnswer = z
  .object({
    id: z.string(),
    name: Text,
    defaultLanguage: z.string(),
    region: z.object({ name: z.string(), state: z.string(), timeZone: z.string() }).strict(),
    welcomeCentre: z
      .object({
        name: Text,
        status: z.enum(['planned', 'open']),
        description: Text,
        source: Source.nullable(),
        agencies: z.array(AgencySummary),
      })
      .strict()
      .nullable(),
    legal: z.object({ imprint: Text, privacy: Text }).strict().nullable(),
  })
  .strict()
  .meta({ id: 'City', description: 'The city: its name, region, welcome centre and legal pages' });
export type CityAnswer = z.infer<typeof CityAnswer>;

export const TaxonomyAnswer = z
  .object({
    lang: z.string(),
    terms: z.array(
      z
        .object({
          code: TermCode,
          kind: z.enum(Object.keys(termKinds) as [keyof typeof termKinds]),
          value: z.string(),
          label: Text,
          labels: z.record(z.string(), z.string()).describe('The label in every UI language'),
        })
        .strict(),
    ),
  })
  .strict()
  .meta({
    id: 'Taxonomy',
    description:
      'Every term of the vocabulary with its label in the language asked for and in every UI language',
  });
export type TaxonomyAnswer = z.infer<typeof TaxonomyAnswer>;

/** `POST /v1/route`: the compact Wegweiser, its rule set's revision and the URL of its texts. */
export const CompactRouteAnswer = CompactWegweiser.extend({
  revision: z
    .string()
    .describe('The published data’s revision; fetch the texts again when it changes'),
  texts: z.string().describe('Path of the texts this answer refers to (GET /v1/route/texts)'),
}).meta({
  id: 'CompactRouteAnswer',
  description: 'The compact Wegweiser: reasons as rule ids, their texts at `texts`',
});
export type CompactRouteAnswer = z.infer<typeof CompactRouteAnswer>;

/** `POST /v1/route?view=full`: the whole Wegweiser with target names and document labels. */
export const FullRouteAnswer = Wegweiser.extend({
  targets: z.record(
    z.string(),
    OpenNow.extend({ kind: z.enum(['agency', 'offer']), name: TextOrNull }),
  ),
  documents: z.record(z.string(), TextOrNull),
}).meta({
  id: 'FullRouteAnswer',
  description: 'The whole Wegweiser, with target names and document labels',
});
export type FullRouteAnswer = z.infer<typeof FullRouteAnswer>;

export const RouteTextsAnswer = WegweiserTexts.extend({ revision: z.string() }).meta({
  id: 'RouteTexts',
  description: 'The texts compact Wegweisers refer to, in one language',
});
export type RouteTextsAnswer = z.infer<typeof RouteTextsAnswer>;

export const Question = z
  .object({
    field: ProfileFieldName,
    text: z.object({ text: z.string(), lang: z.string(), fallback: z.boolean() }).strict(),
    type: z.enum([
      'integer',
      'boolean',
      'choice',
      'multiple_choice',
      'integer_list',
      'text',
      'month',
    ]),
    options: z.array(z.object({ value: z.string(), label: z.string() }).strict()).optional(),
  })
  .strict()
  .meta({
    id: 'Question',
    description: 'A question whose answer could change the Wegweiser, with its answer options',
  });
export type Question = z.infer<typeof Question>;

export const QuestionsAnswer = z
  .object({ complete: z.boolean(), questions: z.array(Question) })
  .strict()
  .meta({ id: 'Questions', description: 'The next questions worth asking' });
export type QuestionsAnswer = z.infer<typeof QuestionsAnswer>;
