import {
  createRegistry,
  RegistryData,
  type AgencyInput,
  type RegistryInput,
} from '@ankommen/registry';
import { localized, Offer, type OfferInput } from '@ankommen/taxonomy';
import { createCatalog } from '../catalog.js';
import { RuleSet, type RuleInput, type RuleSetInput } from '../rules.js';

/** A small, invented city for engine tests: not Karlsruhe, so the engine stays city-neutral. */
const source = { url: 'https://example.org/source', asOf: '2026', confidence: 'high' } as const;

const agency = (id: string, extra: Partial<AgencyInput> = {}): AgencyInput => ({
  id,
  name: localized({ de: id, en: id }),
  kind: 'authority',
  source,
  verifiedAt: null,
  ...extra,
});

export const registryInput: RegistryInput = {
  region: {
    name: 'Testland',
    countryCode: 'de',
    state: 'Baden-Württemberg',
    timeZone: 'Europe/Berlin',
    center: { lat: 49, lon: 8.4 },
  },
  agencies: [
    agency('registration'),
    agency('immigration_city', {
      services: [{ code: 'residence_permit', name: localized({ en: 'Residence permit' }) }],
      jurisdiction: { areas: [{ residence: 'karlsruhe_city' }] },
    }),
    agency('immigration_county', {
      services: [{ code: 'residence_permit', name: localized({ en: 'Residence permit' }) }],
      jurisdiction: { areas: [{ residence: 'karlsruhe_district' }] },
    }),
    agency('immigration_town', {
      services: [{ code: 'residence_permit', name: localized({ en: 'Residence permit' }) }],
      jurisdiction: { areas: [{ residence: 'karlsruhe_district', municipalities: ['Bruchsal'] }] },
    }),
    agency('jobcenter'),
    agency('counselling', { kind: 'ngo' }),
  ],
};

const offer = (id: string, extra: Partial<OfferInput> = {}): OfferInput => ({
  id,
  title: localized({ de: id, en: id }),
  summary: localized({ de: id, en: id }),
  providerName: 'Test',
  topic: 'education',
  category: 'german_course',
  targetGroups: ['all_newcomers'],
  source,
  verifiedAt: null,
  ...extra,
});

export const offersInput: OfferInput[] = [
  offer('language_course'),
  offer('youth_club', {
    topic: 'leisure',
    category: 'youth_leisure',
    targetGroups: ['youth_12_27'],
    eligibility: { minAge: 12, maxAge: 26 },
  }),
  offer('arabic_counselling', {
    topic: 'counselling',
    category: 'migration_counselling',
    languages: ['ar'],
    routingId: 'counselling',
  }),
  offer('french_counselling', {
    topic: 'counselling',
    category: 'migration_counselling',
    languages: ['fr'],
  }),
  offer('old_project', {
    topic: 'counselling',
    category: 'migration_counselling',
    validity: { until: '2020-12-31' },
  }),
];

export const because = localized({ de: 'Weil …', en: 'Because …' });

export function rule(
  input: Partial<RuleInput> & Pick<RuleInput, 'id' | 'when' | 'then'>,
): RuleInput {
  return { title: input.id, because, sources: ['S1'], ...input };
}

export function ruleSetInput(rules: RuleInput[]): RuleSetInput {
  return {
    id: 'testland',
    version: '1',
    title: 'Test rules',
    sources: { S1: { url: 'https://example.org/law' } },
    documents: { passport: { label: localized({ de: 'Pass', en: 'Passport' }) } },
    rules,
  };
}

export function fixture(rules: RuleInput[]) {
  return {
    rules: RuleSet.parse(ruleSetInput(rules)),
    registry: createRegistry(RegistryData.parse(registryInput)),
    catalog: createCatalog(offersInput.map((o) => Offer.parse(o))),
  };
}
