import type { Offer } from '@ankommen/taxonomy';

/** The offers of a city, indexed for routing. */
export interface Catalog {
  readonly offers: readonly Offer[];
  get(id: string): Offer | undefined;
  has(id: string): boolean;
  /** Offers whose routing id is `target` (the concrete offers behind a routing target). */
  forTarget(target: string): readonly Offer[];
}

/**
 * Indexes parsed offers by id and by routing target (`routingId`; an offer whose `routingId`
 * is its own id is not listed under it). Offers are not validated again: parse them with
 * `Offer.parse` from `@ankommen/taxonomy` first.
 *
 * @example
 * const catalog = createCatalog(json.map((offer) => Offer.parse(offer)));
 * catalog.forTarget('integrationskurs').map((offer) => offer.id);
 */
export function createCatalog(offers: readonly Offer[]): Catalog {
  const byId = new Map(offers.map((offer) => [offer.id, offer]));
  const byTarget = new Map<string, Offer[]>();
  for (const offer of offers) {
    if (!offer.routingId || offer.routingId === offer.id) continue;
    const list = byTarget.get(offer.routingId) ?? [];
    list.push(offer);
    byTarget.set(offer.routingId, list);
  }
  return {
    offers,
    get: (id) => byId.get(id),
    has: (id) => byId.has(id),
    forTarget: (target) => byTarget.get(target) ?? [],
  };
}
