import { createRouter, parseCityData, type CityData, type Router } from '@ankommen/routing';
import { createOfferSearch, type OfferSearch } from '@ankommen/search';
import { toHsds, type HsdsFeed } from '@ankommen/hsds';
import { hash, randomBytes } from 'node:crypto';
import { uiLanguages } from '@ankommen/taxonomy';
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
  /** When each offer was last published, by id: its HSDS service's `last_modified`. */
  offersPublishedAt?: Readonly<Record<string, Date>>;
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
  /** Compact Wegweisers of this state by decision key, and requests they answered (kept-wegweisers.ts). */
  readonly wegweisers: KeptWegweisers;
  /** The languages its texts are in (contentLanguagesOf), sorted: each has an HSDS feed. */
  readonly contentLanguages: readonly string[];
  /** The HSDS feed in a content language; any other code gets the English (or default) one. */
  hsds(lang: string): HsdsFeed;
}

/**
 * The languages a city's texts are in: the UI languages, and any language some text of an
 * offer or agency has (a translation a partner added). Only these get an HSDS feed of their
 * own, so that a request cannot make the API build one for each of thousands of codes.
 */
function contentLanguagesOf(data: CityData): Set<string> {
  const languages = new Set<string>(uiLanguages);
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(collect);
    if (typeof value !== 'object' || value === null) return;
    const entries = Object.entries(value);
    if (entries.length > 0 && entries.every(([key, text]) => isTranslation(key, text)))
      for (const [lang] of entries) languages.add(lang);
    else for (const [, nested] of entries) collect(nested);
  };
  collect(data.catalog.offers);
  collect([...data.registry.agencies]);
  return languages;
}

const isTranslation = (key: string, value: unknown) =>
  /^[a-z]{2,3}$/.test(key) &&
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { text?: unknown }).text === 'string';

/**
 * What the API keeps of people across requests (the router's registry answers by person,
 * decision keys, requests answered with kept Wegweisers) is keyed by SHA-256 with a secret of
 * this read model, so that it cannot be read without the secret (ADR 0020, 0021).
 */
function keyedHash(): (text: string) => string {
  const secret = randomBytes(32).toString('base64');
  return (text) => hash('sha256', secret + text, 'base64url');
}

export function createReadModel(published: PublishedData): ReadModel {
  const data = parseCityData({
    city: published.city,
    agencies: published.agencies,
    offers: published.offers,
    rules: published.ruleSet,
    personas: published.personas,
  });
  const feeds = new Map<string, HsdsFeed>();
  const contentLanguages = contentLanguagesOf(data);
  // A language no text is in reads the texts' first fallback (pickText: English, then German).
  const otherwise = contentLanguages.has('en') ? 'en' : data.city.defaultLanguage;
  const offersModified = Object.fromEntries(
    Object.entries(published.offersPublishedAt ?? {}).map(([id, at]) => [id, at.toISOString()]),
  );
  const keyOf = keyedHash();
  return {
    data,
    router: createRouter(data, { keyOf }),
    search: createOfferSearch(data.catalog.offers),
    revision: published.revision,
    responses: new ResponseCache(bodyBytes),
    wegweisers: new KeptWegweisers(keyOf),
    contentLanguages: [...contentLanguages].sort(),
    hsds(asked) {
      const lang = contentLanguages.has(asked) ? asked : otherwise;
      let feed = feeds.get(lang);
      if (!feed) {
        feed = toHsds({
          city: data.city,
          agencies: [...data.registry.agencies],
          offers: [...data.catalog.offers],
          lang,
          modified: published.changedAt.toISOString(),
          offersModified,
        });
        feeds.set(lang, feed);
      }
      return feed;
    },
  };
}
