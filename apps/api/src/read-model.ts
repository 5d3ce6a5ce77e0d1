import { createRouter, parseCityData, type CityData, type Router } from '@ankommen/routing';
import { createOfferSearch, type OfferSearch } from '@ankommen/search';
import { toHsds, type HsdsFeed } from '@ankommen/hsds';
import { bodyBytes, ResponseCache, type CachedResponse } from './cache.js';
import { KeptWegweisers } from './kept-wegweisers.js';

/** What the read model is built from: the published state of the data, as stored. */
export interface PublishedData {
  city: unknown;
  agencies: unknown[];
  offers: unknown[];
  ruleSet: unknown;
  personas: unknown[];
  /** A label of this state (e.g. the rule-set version and the last change), for ETags. */
  revision: string;
  /** When the public data last changed: the HSDS feeds' `last_modified`. */
  changedAt: Date;
}

/**
 * Everything public reads need, in memory: validated city data, the router, the offer
 * search index and HSDS feeds per language (built on first use). Rebuilt as a whole when
 * the data changes, so a request always sees one consistent state.
 */
export interface ReadModel {
  readonly data: CityData;
  readonly router: Router;
  readonly search: OfferSearch;
  readonly revision: string;
  /** Public GET answers of this state, by path and query (see cache.ts). */
  readonly responses: ResponseCache<CachedResponse>;
  /** Compact Wegweisers of this state, by decision key (kept-wegweisers.ts). */
  readonly wegweisers: KeptWegweisers;
  hsds(lang: string): HsdsFeed;
}

/** HSDS feeds kept per state of the data: the content languages and some more. */
const maxFeeds = 16;

export function createReadModel(published: PublishedData): ReadModel {
  const data = parseCityData({
    city: published.city,
    agencies: published.agencies,
    offers: published.offers,
    rules: published.ruleSet,
    personas: published.personas,
  });
  const feeds = new Map<string, HsdsFeed>();
  return {
    data,
    router: createRouter(data),
    search: createOfferSearch(data.catalog.offers),
    revision: published.revision,
    responses: new ResponseCache(bodyBytes),
    wegweisers: new KeptWegweisers(),
    hsds(lang) {
      let feed = feeds.get(lang);
      if (!feed) {
        // Any language code may be asked for: keep the feeds of a few, not of every code sent.
        if (feeds.size >= maxFeeds) feeds.delete(feeds.keys().next().value!);
        feed = toHsds({
          city: data.city,
          agencies: [...data.registry.agencies],
          offers: [...data.catalog.offers],
          lang,
          modified: published.changedAt.toISOString(),
        });
        feeds.set(lang, feed);
      }
      return feed;
    },
  };
}
