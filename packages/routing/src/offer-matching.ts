import type { Registry } from '@ankommen/registry';
import {
  categoriesForNeed,
  germanLevels,
  Need,
  ResidenceArea,
  ResidenceStatus,
  TargetGroup,
  type Offer,
} from '@ankommen/taxonomy';
import type { Catalog } from './catalog.js';
import type { Facts } from './evaluate.js';

/**
 * Offer matching, precomputed as bit masks per offer so that matching a person against the
 * whole catalogue is a loop of integer tests.
 */
interface IndexedOffer {
  id: string;
  needMask: number;
  groupMask: number;
  statusMask: number;
  residenceMask: number;
  minAge: number;
  maxAge: number;
  from: string;
  until: string;
  /** Whether the offer has a validity period at all (most have none). */
  limited: boolean;
  languages: readonly string[];
  teachesGerman: boolean;
  /** The routing target this offer is or serves, if any. */
  target: string | undefined;
  highConfidence: boolean;
}

const bitOf = <T extends string>(values: readonly T[]) =>
  new Map(values.map((v, i) => [v, 1 << i] as const));
const needBit = bitOf(Need.options);
const groupBit = bitOf(TargetGroup.options);
const statusBit = bitOf(ResidenceStatus.options);
const residenceBit = bitOf(ResidenceArea.options);
const ALL = 0x7fffffff;
const ALL_NEWCOMERS = groupBit.get('all_newcomers') ?? 0;

const mask = <T extends string>(bits: Map<T, number>, values: readonly T[] | undefined) =>
  values && values.length > 0 ? values.reduce((m, v) => m | (bits.get(v) ?? 0), 0) : ALL;

const refugeeStatuses = new Set<string>([
  'recognised_refugee',
  'temporary_protection_ukraine',
  'asylum_seeker',
  'asylum_seeker_unregistered',
  'unaccompanied_minor',
  'tolerated',
  'chancen_aufenthalt_104c',
]);

export interface OfferMatcher {
  /** Offers for the person, best first; `stepTargets` are reported per step instead. */
  match(
    facts: Facts,
    date: string,
    stepTargets: ReadonlyMap<string, unknown>,
    excluded: ReadonlyMap<string, unknown>,
    languages: readonly string[],
  ): string[];
  /** Offers behind one routing target that the person may use. */
  forTarget(target: string, facts: Facts, date: string): string[];
  /**
   * Everything of the person that matching reads but their languages, reduced to what tells
   * offers apart: needs, target groups, status and residence as bits, whether they read
   * German, and the age only as its place among the offers' age limits. Two people with the
   * same key and languages are matched to the same offers.
   */
  personKey(facts: Facts): string;
}

/**
 * `routingTargets`: every id the rules route to or exclude. An offer that is, or serves, one
 * of them is left out of the general list when its target is a step (it shows on the step)
 * or excluded.
 */
export function createOfferMatcher(
  catalog: Catalog,
  registry: Registry,
  routingTargets: ReadonlySet<string>,
): OfferMatcher {
  const residenceOf = (offer: Offer): readonly ResidenceArea[] | undefined => {
    if (offer.eligibility.residence) return offer.eligibility.residence;
    for (const agencyId of [offer.routingId, offer.providerId]) {
      const areas = agencyId ? registry.get(agencyId)?.jurisdiction?.areas : undefined;
      if (areas) return areas.map((area) => area.residence);
    }
    return undefined;
  };

  const indexed: IndexedOffer[] = catalog.offers.map((offer) => {
    let needMask = 0;
    for (const [need, categories] of Object.entries(categoriesForNeed)) {
      if (categories.includes(offer.category)) needMask |= needBit.get(need as Need) ?? 0;
    }
    return {
      id: offer.id,
      needMask,
      groupMask: mask(groupBit, offer.targetGroups),
      statusMask: mask(statusBit, offer.eligibility.residenceStatuses),
      residenceMask: mask(residenceBit, residenceOf(offer)),
      minAge: offer.eligibility.minAge ?? 0,
      maxAge: offer.eligibility.maxAge ?? 200,
      from: offer.validity?.from ?? '0000-00-00',
      until: offer.validity?.until ?? '9999-99-99',
      limited: offer.validity !== undefined,
      languages: offer.languages,
      teachesGerman: offer.category === 'german_course' || offer.category === 'integration_course',
      target: [offer.routingId, offer.id].find((id) => id !== undefined && routingTargets.has(id)),
      highConfidence: offer.source?.confidence === 'high',
    };
  });
  const ranked = [...indexed].sort(
    (a, b) => Number(b.highConfidence) - Number(a.highConfidence) || (a.id < b.id ? -1 : 1),
  );
  // The ages at which some offer's eligibility changes: an age's place among them is all of
  // it that matching reads (target groups, which also depend on age, are keyed on their own).
  // Counted apart, so that the band is exact for any age, not only whole years.
  const minAges = [...new Set(indexed.map((offer) => offer.minAge))];
  const maxAges = [...new Set(indexed.map((offer) => offer.maxAge))];
  const ageBand = (age: number | undefined): string => {
    if (age === undefined) return '-';
    let reached = 0;
    for (const min of minAges) if (age >= min) reached++;
    let passed = 0;
    for (const max of maxAges) if (age > max) passed++;
    return `${reached}.${passed}`;
  };

  const byTarget = new Map<string, IndexedOffer[]>();
  for (const offer of indexed) {
    if (!offer.target || offer.target === offer.id) continue;
    const list = byTarget.get(offer.target) ?? [];
    list.push(offer);
    byTarget.set(offer.target, list);
  }

  const personGroups = (f: Facts): number => {
    let groups = groupBit.get('all_newcomers')!;
    const add = (group: TargetGroup) => (groups |= groupBit.get(group)!);
    if ((f.status && refugeeStatuses.has(f.status)) || f.protection) add('refugees');
    if (f.citizenship === 'EU' || f.citizenship === 'EEA_CH') add('eu_citizens');
    if (f.status === 'skilled_worker' || f.has_foreign_degree) add('skilled_workers');
    if (f.status === 'student') add('students');
    if (f.children && f.children.length > 0) add('parents');
    if (f.age !== undefined) {
      if (f.age < 12) add('children');
      else if (f.age < 27) add('youth_12_27');
      else add('adults_27_plus');
      if (f.age >= 65) add('seniors');
      if (f.age < 18) add('children');
    }
    return groups;
  };

  const personBits = (f: Facts) => ({
    status: f.status === undefined ? ALL : (statusBit.get(f.status) ?? 0),
    residence: f.residence === undefined ? ALL : (residenceBit.get(f.residence) ?? 0),
  });
  const eligible = (
    o: IndexedOffer,
    f: Facts,
    date: string,
    bits: { status: number; residence: number },
  ): boolean =>
    (!o.limited || (date >= o.from && date <= o.until)) &&
    (f.age === undefined || (f.age >= o.minAge && f.age <= o.maxAge)) &&
    (o.statusMask & bits.status) !== 0 &&
    (o.residenceMask & bits.residence) !== 0;

  const needsOf = (f: Facts) => (f.needs && f.needs.length > 0 ? mask(needBit, f.needs) : ALL);
  const readsGermanOf = (f: Facts) =>
    f.german_level !== undefined && germanLevels.indexOf(f.german_level) >= 2;

  return {
    match(f, date, stepTargets, excluded, languages) {
      const needs = needsOf(f);
      const groups = personGroups(f);
      const bits = personBits(f);
      const specific = groups & ~ALL_NEWCOMERS;
      const readsGerman = readsGermanOf(f);
      // Offers are kept sorted by confidence, then id; four buckets by the person-dependent part
      // of the score give the ranking without sorting: specific target group, then own language.
      const buckets: [string[], string[], string[], string[]] = [[], [], [], []];
      for (const o of ranked) {
        if ((o.needMask & needs) === 0 || (o.groupMask & groups) === 0) continue;
        if (o.target && (stepTargets.has(o.target) || excluded.has(o.target))) continue;
        if (!eligible(o, f, date, bits)) continue;
        let speaks = false;
        if (o.languages.length > 0 && languages.length > 0 && !o.teachesGerman) {
          for (const l of o.languages)
            if (languages.includes(l) || (readsGerman && l === 'de')) speaks = true;
          if (!speaks) continue;
        } else {
          speaks = o.languages.length > 0;
        }
        const isSpecific = o.groupMask !== ALL && (o.groupMask & specific) !== 0;
        buckets[(isSpecific ? 0 : 2) + (speaks ? 0 : 1)]!.push(o.id);
      }
      return buckets[0].concat(buckets[1], buckets[2], buckets[3]);
    },
    forTarget(target, f, date) {
      const list = byTarget.get(target);
      if (!list) return [];
      const bits = personBits(f);
      const groups = personGroups(f);
      const result: string[] = [];
      for (const o of list)
        if ((o.groupMask & groups) !== 0 && eligible(o, f, date, bits)) result.push(o.id);
      return result;
    },
    personKey(f) {
      const bits = personBits(f);
      return `${needsOf(f)}:${personGroups(f)}:${bits.status}:${bits.residence}:${ageBand(f.age)}:${readsGermanOf(f) ? 1 : 0}`;
    },
  };
}
