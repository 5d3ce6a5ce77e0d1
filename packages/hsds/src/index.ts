/**
 * `@ankommen/hsds`: Open Referral HSDS 3.0 for Ankommen. Zod schemas and types for the HSDS
 * objects, the mapping from agencies and offers to an HSDS feed with stable UUIDs, and the
 * query helpers (paging, filters) an HSDS API needs.
 *
 * @packageDocumentation
 */
export { HSDS_ID_NAMESPACE, hsdsId, hsdsIdKinds, type HsdsIdKind } from './ids.js';
export {
  Uuid,
  HsdsDate,
  HsdsDateTime,
  HsdsTime,
  HsdsUri,
  HsdsEmail,
  Iso639,
  Iso3166Alpha2,
  Iso4217,
  weekdayCodes,
  type WeekdayCode,
  Metadata,
  Taxonomy,
  TaxonomyTerm,
  Attribute,
  Language,
  PhoneType,
  Phone,
  Contact,
  Schedule,
  LocationType,
  Address,
  Accessibility,
  Location,
  OrganizationIdentifier,
  Funding,
  Program,
  Organization,
  FlatOrganization,
  CostOption,
  RequiredDocument,
  ServiceArea,
  ServiceAtLocation,
  ServiceStatus,
  Service,
  ServiceListItem,
  FullLocation,
  FullServiceAtLocation,
  FullOrganization,
  FullAttribute,
  FullService,
  ApiRoot,
  pageOf,
  type Page,
} from './schemas.js';
export {
  parseWeeklyHours,
  toSchedules,
  textSchedule,
  BY_APPOINTMENT,
  type WeeklyHours,
  type WeeklyRange,
  type ScheduleLink,
} from './schedules.js';
export {
  ANKOMMEN_BASE_URI,
  TAXONOMY_BASE_URI,
  TAXONOMY_VERSION,
  exportedTaxonomies,
  linkTypes,
  taxonomyUri,
  type ExportedTermKind,
} from './taxonomies.js';
export { METADATA_UPDATED_BY } from './texts.js';
export {
  toHsds,
  feedIssues,
  DEFAULT_PROFILE_URI,
  type HsdsCityInput,
  type ToHsdsInput,
  type HsdsFeed,
  type FeedIssue,
} from './map.js';
export {
  PageQuery,
  ServicesQuery,
  ModifiedAfter,
  DEFAULT_PER_PAGE,
  MAX_PER_PAGE,
  paginate,
  filterServices,
  toServiceListItem,
  apiRoot,
  type ServiceFilter,
} from './query.js';
export {
  documentKinds,
  documentKindNames,
  guessKind,
  kindOfPath,
  listEndpoints,
  validateDocument,
  type DocumentKind,
} from './validate.js';
