import { z } from 'zod';
import { Agency, type AgencyLocation } from './agency.js';
import {
  foldArea,
  foldedAreaMatch,
  foldName,
  personMatch,
  type FoldedArea,
  type Maybe,
  type Person,
  type Place,
} from './jurisdiction.js';
import { nextOpening, openingStatus, type OpeningStatus } from './opening-hours.js';
import { Region } from './region.js';

/**
 * Schema of a registry's data: the region (time zone and public holidays of the opening
 * hours) and the agencies. Agency ids must be unique, and every `parentId` and `colocatedAt`
 * must name an agency of the registry; every problem is reported at once.
 */
export const RegistryData = z
  .object({
    region: Region,
    agencies: z.array(Agency),
  })
  .strict()
  .superRefine((data, ctx) => {
    const ids = new Set<string>();
    data.agencies.forEach((agency, index) => {
      if (ids.has(agency.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['agencies', index, 'id'],
          message: `duplicate agency id ${agency.id}`,
        });
      }
      ids.add(agency.id);
    });
    data.agencies.forEach((agency, index) => {
      for (const field of ['parentId', 'colocatedAt'] as const) {
        const target = agency[field];
        if (target && !ids.has(target)) {
          ctx.addIssue({
            code: 'custom',
            path: ['agencies', index, field],
            message: `unknown agency id ${target}`,
          });
        }
      }
    });
  });
/** Validated registry data, `{ region, agencies }`, as {@link createRegistry} takes it. */
export type RegistryData = z.infer<typeof RegistryData>;
/** Registry data as written before parsing, as {@link parseRegistry} takes it. */
export type RegistryInput = z.input<typeof RegistryData>;

/** A fact about a person that a competence answer can depend on, and that may still be unanswered. */
export type PersonFact = 'residence' | 'municipality' | 'citizenship' | 'status' | 'age';

/** The answer of {@link Registry.competentFor}: who is competent, and what to ask to be sure. */
export interface Competence {
  /** The competent agencies, most specific first; several when the answer is not yet certain. */
  agencies: Agency[];
  /** Unanswered facts that would narrow the answer down. */
  missing: PersonFact[];
}

/** The opening state of one location of an agency or of one of its offices. */
export interface AgencyStatus {
  /** The agency the location belongs to: the one asked about, or one of its offices. */
  agencyId: string;
  location: AgencyLocation;
  status: OpeningStatus;
}

/**
 * A validated set of agencies, answering which are open and which are competent. Build one
 * with {@link parseRegistry} (raw data) or {@link createRegistry} (validated data). Instants
 * are `Date`s; opening hours are evaluated on the wall clock of `region.timeZone`.
 */
export interface Registry {
  /** The region of the agencies: time zone of the hours, country and state of the holidays. */
  readonly region: RegistryData['region'];
  /** All agencies, in the order of the data. */
  readonly agencies: readonly Agency[];
  /** The agency with this id, or undefined. */
  get(id: string): Agency | undefined;
  /** Whether an agency has this id. */
  has(id: string): boolean;
  /** Agencies that belong to `id`: its offices (by parent) and those serving its routing id. */
  children(id: string): Agency[];
  /** Agencies that sit at a `site` agency ("under one roof"). */
  colocated(siteId: string): Agency[];
  /** The state of every location of the agency and its offices at an instant. */
  status(id: string, at: Date): AgencyStatus[];
  /** Open at `at` in at least one location of the agency or its offices. */
  isOpen(id: string, at: Date): boolean;
  /** The earliest opening of any location of the agency or its offices, within two weeks. */
  nextOpening(id: string, at: Date): Date | undefined;
  /** Which agency is competent for a service, at a place, for a person. */
  competentFor(query: { service: string; place: Place; person?: Person }): Competence;
}

/** Validates raw registry data and builds a registry; throws a ZodError listing every problem. */
export function parseRegistry(input: unknown): Registry {
  return createRegistry(RegistryData.parse(input));
}

/**
 * Builds a {@link Registry} from data already validated by `RegistryData.parse`; it does not
 * validate again. For raw input use {@link parseRegistry}.
 *
 * @example
 * const registry = createRegistry(RegistryData.parse(json));
 * registry.isOpen('buergerbuero', new Date());
 */
export function createRegistry(data: RegistryData): Registry {
  const byId = new Map(data.agencies.map((agency) => [agency.id, agency]));
  const childrenOf = new Map<string, Agency[]>();
  for (const agency of data.agencies) {
    for (const key of new Set([agency.parentId, agency.routingId])) {
      if (!key || key === agency.id) continue;
      const list = childrenOf.get(key) ?? [];
      list.push(agency);
      childrenOf.set(key, list);
    }
  }

  const withOffices = (id: string): Agency[] => {
    const own = byId.get(id);
    return [...(own ? [own] : []), ...(childrenOf.get(id) ?? [])];
  };

  const servedBy = servingByService(data.agencies);

  const status = (id: string, at: Date): AgencyStatus[] =>
    withOffices(id).flatMap((agency) =>
      agency.locations.map((location) => ({
        agencyId: agency.id,
        location,
        status: openingStatus(location.openingHours, at, data.region),
      })),
    );

  return {
    region: data.region,
    agencies: data.agencies,
    get: (id) => byId.get(id),
    has: (id) => byId.has(id),
    children: (id) => [...(childrenOf.get(id) ?? [])],
    colocated: (siteId) => data.agencies.filter((agency) => agency.colocatedAt === siteId),
    status,
    isOpen: (id, at) => status(id, at).some((entry) => entry.status.state === 'open'),
    nextOpening(id, at) {
      let earliest: Date | undefined;
      for (const agency of withOffices(id)) {
        for (const location of agency.locations) {
          const next = nextOpening(location.openingHours, at, data.region);
          if (next && (!earliest || next < earliest)) earliest = next;
        }
      }
      return earliest;
    },
    competentFor: ({ service, place, person = {} }) =>
      competentFor(servedBy.get(service) ?? [], place, person),
  };
}

/** An agency that may be competent for a service: its areas with their names folded once. */
interface Serving {
  agency: Agency;
  jurisdiction: NonNullable<Agency['jurisdiction']>;
  areas: FoldedArea[];
}

/** The agencies with a jurisdiction, by the services they provide. */
function servingByService(agencies: readonly Agency[]): Map<string, Serving[]> {
  const byService = new Map<string, Serving[]>();
  for (const agency of agencies) {
    const jurisdiction = agency.jurisdiction;
    if (!jurisdiction) continue;
    const serving: Serving = {
      agency,
      jurisdiction,
      areas: jurisdiction.areas.map(foldArea),
    };
    for (const code of new Set(agency.services.map((s) => s.code))) {
      const list = byService.get(code) ?? [];
      list.push(serving);
      byService.set(code, list);
    }
  }
  return byService;
}

function competentFor(serving: readonly Serving[], place: Place, person: Person): Competence {
  type Candidate = {
    agency: Agency;
    match: Maybe;
    specificity: number;
    personMatch: Maybe;
    personMissing: PersonFact[];
  };
  const candidates: Candidate[] = [];
  const municipality = place.municipality === undefined ? undefined : foldName(place.municipality);
  for (const { agency, jurisdiction, areas } of serving) {
    let best: { match: Maybe; specificity: number } = { match: false, specificity: 0 };
    for (const area of areas) {
      const result = foldedAreaMatch(area, place.residence, municipality);
      if (result.match === true && (best.match !== true || result.specificity > best.specificity))
        best = result;
      else if (result.match === undefined && best.match === false) best = result;
    }
    const persons = personMatch(jurisdiction.persons, person);
    if (best.match === false || persons.match === false) continue;
    candidates.push({
      agency,
      ...best,
      personMatch: persons.match,
      personMissing: persons.missing,
    });
  }

  const missing = new Set<PersonFact>();
  if (candidates.some((c) => c.match === undefined)) {
    missing.add(place.residence === undefined ? 'residence' : 'municipality');
  }
  for (const candidate of candidates) for (const fact of candidate.personMissing) missing.add(fact);

  const certain = candidates.filter((c) => c.match === true && c.personMatch === true);
  const topSpecificity = Math.max(0, ...certain.map((c) => c.specificity));
  // A more specific certain match settles it; an uncertain but more specific candidate does not.
  const undecided = candidates.filter(
    (c) =>
      (c.match === undefined || c.personMatch === undefined) && c.specificity >= topSpecificity,
  );
  const winners = certain.filter((c) => c.specificity === topSpecificity);
  const result = undecided.length > 0 ? [...undecided, ...winners] : winners;
  result.sort((a, b) => b.specificity - a.specificity);
  return {
    agencies: result.map((c) => c.agency),
    missing: undecided.length > 0 ? [...missing] : [],
  };
}
