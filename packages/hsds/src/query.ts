import { foldForSearch } from '@ankommen/taxonomy';
import { z } from 'zod';
import type { HsdsFeed } from './map.js';
import {
  HsdsDate,
  HsdsDateTime,
  HsdsUri,
  ServiceListItem,
  Uuid,
  type ApiRoot,
  type FullService,
  type Page,
} from './schemas.js';

/** The default page size of list endpoints. */
export const DEFAULT_PER_PAGE = 50;

/** The largest page size a client may ask for. */
export const MAX_PER_PAGE = 100;

/**
 * The paging query parameters of HSDS list endpoints, as they arrive in a URL (strings are
 * coerced): `page` from 1, `per_page` from 1 to {@link MAX_PER_PAGE}, default
 * {@link DEFAULT_PER_PAGE}.
 */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(MAX_PER_PAGE).default(DEFAULT_PER_PAGE),
});
/** Parsed paging parameters. */
export type PageQuery = z.infer<typeof PageQuery>;

/** `modified_after`: an ISO date-time with offset, or a date (meaning its start, UTC). */
export const ModifiedAfter = z.union([HsdsDateTime, HsdsDate]);

/**
 * The query parameters of `GET /services` that filter (cumulative, AND) and page:
 * `search`, `taxonomy_term_id`, `taxonomy_id`, `organization_id`, `modified_after`, `page`,
 * `per_page`. An empty `search` counts as absent.
 */
export const ServicesQuery = PageQuery.extend({
  search: z
    .string()
    .trim()
    .transform((value) => value || undefined)
    .optional(),
  taxonomy_term_id: Uuid.optional(),
  taxonomy_id: Uuid.optional(),
  organization_id: Uuid.optional(),
  modified_after: ModifiedAfter.optional(),
});
/** Parsed `GET /services` parameters. */
export type ServicesQuery = z.infer<typeof ServicesQuery>;

/**
 * One page of `items`. Pages count from 1; a page past the end is empty (with the true
 * totals). `size` is the number of items on this page; `total_pages` is 0 for an empty list.
 * Throws a ZodError for a page below 1 or a page size outside 1 to {@link MAX_PER_PAGE}.
 */
export function paginate<T>(
  items: readonly T[],
  options: { page?: number | undefined; perPage?: number | undefined } = {},
): Page<T> {
  const { page, per_page: perPage } = PageQuery.parse({
    page: options.page,
    per_page: options.perPage,
  });
  const totalPages = Math.ceil(items.length / perPage);
  const contents = items.slice((page - 1) * perPage, page * perPage);
  return {
    total_items: items.length,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** Filters for {@link filterServices}; all given ones must hold. */
export interface ServiceFilter {
  /** Case- and accent-insensitive substring of the service's name or description. */
  search?: string | undefined;
  /** Services with an attribute of this taxonomy term. */
  taxonomyTermId?: string | undefined;
  /** Services with an attribute of any term of this taxonomy. */
  taxonomyId?: string | undefined;
  organizationId?: string | undefined;
  /** Services whose `last_modified` is at or after this ISO date-time or date (HSDS: "on or after"). */
  modifiedAfter?: string | undefined;
}

/**
 * The services of a feed that match every given filter, in feed order. `search` folds case,
 * accents and punctuation on both sides (so `burgerburo` finds "Bürgerbüro"); a search that
 * folds to nothing finds nothing. Throws for a
 * `modifiedAfter` that is not an ISO date or date-time.
 */
export function filterServices(
  feed: Pick<HsdsFeed, 'services'>,
  filter: ServiceFilter = {},
): FullService[] {
  const query = filter.search === undefined ? '' : foldForSearch(filter.search);
  // A search of punctuation or wildcards alone (`%`, `' --`) folds to nothing: it finds
  // nothing, rather than everything. An empty search counts as none.
  if (filter.search?.trim() && !query) return [];
  const after =
    filter.modifiedAfter === undefined
      ? undefined
      : Date.parse(ModifiedAfter.parse(filter.modifiedAfter));
  return feed.services.filter((service) => {
    if (
      query &&
      !foldForSearch(service.name).includes(query) &&
      !foldForSearch(service.description ?? '').includes(query)
    ) {
      return false;
    }
    if (
      filter.taxonomyTermId !== undefined &&
      !service.attributes.some((a) => a.taxonomy_term_id === filter.taxonomyTermId)
    ) {
      return false;
    }
    if (
      filter.taxonomyId !== undefined &&
      !service.attributes.some((a) => a.taxonomy_term.taxonomy_id === filter.taxonomyId)
    ) {
      return false;
    }
    if (filter.organizationId !== undefined && service.organization_id !== filter.organizationId) {
      return false;
    }
    if (after !== undefined) {
      if (!service.last_modified || Date.parse(service.last_modified) < after) return false;
    }
    return true;
  });
}

const listKeys = Object.keys(ServiceListItem.shape) as (keyof ServiceListItem)[];

/** A service in the list form of `GET /services`: its one-to-one fields and its organization. */
export function toServiceListItem(service: FullService): ServiceListItem {
  const item: Record<string, unknown> = {};
  for (const key of listKeys) {
    if (service[key] !== undefined) item[key] = service[key];
  }
  return item as ServiceListItem;
}

/** The response of `GET /`: HSDS version 3.0, the profile URI and the OpenAPI document's URL. */
export function apiRoot(options: { profile: string; openapiUrl: string }): ApiRoot {
  return {
    version: '3.0',
    profile: HsdsUri.parse(options.profile),
    openapi_url: HsdsUri.parse(options.openapiUrl),
  };
}
