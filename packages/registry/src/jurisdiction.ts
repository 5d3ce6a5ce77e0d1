import { Citizenship, ResidenceArea, ResidenceStatus } from '@ankommen/taxonomy';
import { z } from 'zod';

/**
 * An area an agency is competent for: a whole residence area, or only some of its
 * municipalities. An agency that names municipalities is more specific than one that
 * covers the whole area, and wins where both offer the same service: so the Landratsamt
 * covers the district except where a town runs its own office, without listing exceptions.
 */
export const JurisdictionArea = z
  .object({
    residence: ResidenceArea,
    municipalities: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();
export type JurisdictionArea = z.infer<typeof JurisdictionArea>;

/** The groups of people an agency is competent for; an absent list means "everyone". */
export const PersonCriteria = z
  .object({
    citizenship: z.array(Citizenship).min(1).optional(),
    statuses: z.array(ResidenceStatus).min(1).optional(),
    minAge: z.number().int().min(0).max(120).optional(),
    /** Inclusive. */
    maxAge: z.number().int().min(0).max(120).optional(),
  })
  .strict();
export type PersonCriteria = z.infer<typeof PersonCriteria>;

/**
 * Schema of where and for whom an agency is competent: at least one area, and optionally
 * the groups of people it serves (absent: everyone in those areas).
 */
export const Jurisdiction = z
  .object({
    /** The areas the agency covers; the most specific matching area counts. */
    areas: z.array(JurisdictionArea).min(1),
    /** Only these people; absent: everyone. */
    persons: PersonCriteria.optional(),
  })
  .strict();
/** Where and for whom an agency is competent: `{ areas, persons? }`. */
export type Jurisdiction = z.infer<typeof Jurisdiction>;

/** What we know of where a person lives; unanswered parts stay undefined. */
export interface Place {
  residence?: ResidenceArea | undefined;
  municipality?: string | undefined;
}

/** What we know of the person; unanswered parts stay undefined. */
export interface Person {
  citizenship?: Citizenship | undefined;
  status?: ResidenceStatus | undefined;
  age?: number | undefined;
}

/** Three-valued answer: `undefined` means "cannot tell until a missing fact is answered". */
export type Maybe = boolean | undefined;

/**
 * Whether two municipality names name the same place: compared without case, accents or a
 * bracketed qualifier, so that a name matches however a person or a source writes it.
 *
 * @example
 * sameMunicipality('Weingarten (Baden)', 'weingarten'); // true
 * sameMunicipality('Östringen', 'ostringen'); // true
 * sameMunicipality('Bruchsal', 'Bretten'); // false
 */
export function sameMunicipality(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}

const plainAscii = /^[\x20-\x27\x2a-\x7e]*$/;

/**
 * A name as places and rules compare it: without case, accents or a bracketed qualifier, one
 * space between words. The registry and the rules (`@ankommen/routing`) fold with this one
 * function, so that a name a person typed names the same place to both.
 */
export function foldName(name: string): string {
  // Plain ASCII without brackets (an ISO code, most place names) has nothing to decompose.
  if (plainAscii.test(name)) return name.toLowerCase().replace(/ +/g, ' ').trim();
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s*\(.*?\)\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** How specifically an area matches a place: 2 by municipality, 1 by whole area, 0 not at all. */
export function areaMatch(
  area: JurisdictionArea,
  place: Place,
): { match: Maybe; specificity: number } {
  const municipality = place.municipality && foldName(place.municipality);
  return foldedAreaMatch(foldArea(area), place.residence, municipality);
}

/** An area with its municipality names folded ({@link foldName}). */
export interface FoldedArea {
  residence: JurisdictionArea['residence'];
  municipalities?: ReadonlySet<string>;
}

export const foldArea = (area: JurisdictionArea): FoldedArea => ({
  residence: area.residence,
  ...(area.municipalities && {
    municipalities: new Set(area.municipalities.map(foldName)),
  }),
});

/** {@link areaMatch} on names already folded: the registry folds its areas' names once. */
export function foldedAreaMatch(
  area: FoldedArea,
  residence: Place['residence'],
  municipality: string | undefined,
): { match: Maybe; specificity: number } {
  if (residence === undefined) return { match: undefined, specificity: 0 };
  if (area.residence !== residence) return { match: false, specificity: 0 };
  if (!area.municipalities) return { match: true, specificity: 1 };
  if (municipality === undefined) return { match: undefined, specificity: 2 };
  const named = area.municipalities.has(municipality);
  return { match: named, specificity: named ? 2 : 0 };
}

/** Whether a person belongs to the groups, and which unanswered facts keep it open. */
export function personMatch(
  criteria: PersonCriteria | undefined,
  person: Person,
): { match: Maybe; missing: ('citizenship' | 'status' | 'age')[] } {
  if (!criteria) return { match: true, missing: [] };
  const missing: ('citizenship' | 'status' | 'age')[] = [];
  let match = true as Maybe;
  const answer = (fact: 'citizenship' | 'status' | 'age', ok: boolean | undefined) => {
    if (ok === undefined) {
      if (!missing.includes(fact)) missing.push(fact);
      if (match === true) match = undefined;
    } else if (!ok) match = false;
  };
  if (criteria.citizenship) {
    answer(
      'citizenship',
      person.citizenship === undefined
        ? undefined
        : criteria.citizenship.includes(person.citizenship),
    );
  }
  if (criteria.statuses) {
    answer(
      'status',
      person.status === undefined ? undefined : criteria.statuses.includes(person.status),
    );
  }
  if (criteria.minAge !== undefined)
    answer('age', person.age === undefined ? undefined : person.age >= criteria.minAge);
  if (criteria.maxAge !== undefined)
    answer('age', person.age === undefined ? undefined : person.age <= criteria.maxAge);
  return match === false ? { match, missing: [] } : { match, missing };
}
