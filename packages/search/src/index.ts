/**
 * `@ankommen/search`: in-memory full-text search over offers, for newcomers who type in any of
 * the eight UI languages, with typos, without umlauts, and in German compounds.
 *
 * @packageDocumentation
 */
export { createOfferSearch, type OfferSearch, type OfferSearchOptions } from './search.js';
export { SearchQuery, maxQueryLength, type SearchResult } from './query.js';
export type { ExtraText } from './offer-index.js';
