import { RegistryData, createRegistry, type Registry } from '@ankommen/registry';
import { EntityId, LocalizedText, Offer, Source, UiLanguage } from '@ankommen/taxonomy';
import { z } from 'zod';
import { createCatalog, type Catalog } from './catalog.js';
import { Personas, type Persona } from './personas.js';
import { RuleSet } from './rules.js';

/** A city's identity and region; its data package ships it as `city.json`. */
export const City = z
  .object({
    id: EntityId,
    name: LocalizedText,
    defaultLanguage: UiLanguage,
    region: RegistryData.shape.region,
    /** The place where several agencies serve newcomers "under one roof", if the city has one. */
    welcomeCentre: z
      .object({
        name: LocalizedText,
        /** `planned` until it opens: the site then says so rather than sending people there. */
        status: z.enum(['planned', 'open']),
        description: LocalizedText,
        agencies: z.array(EntityId).min(1),
        /** Where the decision or the opening is published; absent until there is a public page. */
        source: Source.optional(),
      })
      .strict()
      .optional(),
    /** The site's legal pages, written by the operator: the imprint names who runs the site. */
    legal: z.object({ imprint: LocalizedText, privacy: LocalizedText }).strict().optional(),
  })
  .strict();
export type City = z.infer<typeof City>;

/** Everything a city's data package holds. A city is data, not code. */
export const CityDataInput = z
  .object({
    city: City,
    agencies: z.array(z.unknown()),
    offers: z.array(Offer),
    rules: RuleSet,
    personas: Personas,
  })
  .strict();

/**
 * A city's validated data, as {@link parseCityData} returns it: ready for `createRouter` or
 * `route` (it holds `rules`, `registry` and `catalog`).
 */
export interface CityData {
  city: City;
  /** The agencies, in the region of `city`. */
  registry: Registry;
  /** The offers. */
  catalog: Catalog;
  rules: RuleSet;
  /** The test cases of the city's rules. */
  personas: Persona[];
}

/** A problem with a city's data, as collected in a {@link CityDataError}. */
export interface DataIssue {
  /** `file.path`, e.g. `offers.12.category`. */
  path: string;
  /** What is wrong, e.g. `duplicate offer id sprachcafe` or `unknown agency jmd`. */
  message: string;
}

/**
 * Thrown by {@link parseCityData} when any part of a city's data is invalid. `issues` lists
 * every problem found; the message has one line per issue.
 */
export class CityDataError extends Error {
  constructor(readonly issues: DataIssue[]) {
    super(`invalid city data:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'CityDataError';
  }
}

/**
 * Validates a city's data (every part, all problems at once) and builds the registry and
 * catalogue. Ids must be unique across agencies and offers, because routing targets name either.
 */
export function parseCityData(input: {
  city: unknown;
  agencies: unknown;
  offers: unknown;
  rules: unknown;
  personas: unknown;
}): CityData {
  const issues: DataIssue[] = [];
  const collect = <T>(file: string, result: z.ZodSafeParseResult<T>): T | undefined => {
    if (result.success) return result.data;
    for (const issue of result.error.issues)
      issues.push({ path: [file, ...issue.path].join('.'), message: issue.message });
    return undefined;
  };
  const city = collect('city', City.safeParse(input.city));
  const registryData = city
    ? collect('agencies', RegistryData.safeParse({ region: city.region, agencies: input.agencies }))
    : undefined;
  const offers = collect('offers', z.array(Offer).safeParse(input.offers));
  const rules = collect('rules', RuleSet.safeParse(input.rules));
  const personas = collect('personas', Personas.safeParse(input.personas));
  if (registryData && offers) {
    const agencyIds = new Set(registryData.agencies.map((a) => a.id));
    const offerIds = new Set<string>();
    offers.forEach((offer, index) => {
      if (offerIds.has(offer.id))
        issues.push({ path: `offers.${index}.id`, message: `duplicate offer id ${offer.id}` });
      offerIds.add(offer.id);
      if (offer.providerId && !agencyIds.has(offer.providerId)) {
        issues.push({
          path: `offers.${index}.providerId`,
          message: `unknown agency ${offer.providerId}`,
        });
      }
    });
  }
  if (city?.welcomeCentre && registryData) {
    const agencyIds = new Set(registryData.agencies.map((a) => a.id));
    city.welcomeCentre.agencies.forEach((id, index) => {
      if (!agencyIds.has(id))
        issues.push({
          path: `city.welcomeCentre.agencies.${index}`,
          message: `unknown agency ${id}`,
        });
    });
  }
  if (issues.length > 0 || !city || !registryData || !offers || !rules || !personas)
    throw new CityDataError(issues);
  return {
    city,
    registry: createRegistry(registryData),
    catalog: createCatalog(offers),
    rules,
    personas,
  };
}
