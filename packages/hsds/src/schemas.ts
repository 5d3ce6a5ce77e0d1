/**
 * Zod schemas for the objects of the Open Referral Human Services Data Specification (HSDS)
 * 3.0, after `openreferral/specification` branch 3.0 (`schema/*.json`, `schema/openapi.json`).
 * Objects are strict (an unknown field is an error), required fields are required, ids are
 * UUIDs, dates are ISO 8601 and codes (language, country, currency, enumerations) are checked.
 * One-to-many fields are optional arrays; the `Full…` schemas are the nested ("compiled")
 * forms our API returns, where they are present.
 */
import { z } from 'zod';

/** A strict zod object schema of a shape. */
type Strict<S extends z.ZodRawShape> = z.ZodObject<S, z.core.$strict>;

/** An HSDS id: a UUID (RFC 9562). */
export const Uuid = z.uuid();

/** A calendar date, `YYYY-MM-DD`. */
export const HsdsDate = z.iso.date();

/** An instant with offset or `Z`, e.g. `2026-11-25T00:00:00.000Z`. */
export const HsdsDateTime = z.iso.datetime({ offset: true });

/**
 * A time of day, `HH:MM` (seconds allowed), with an optional `Z` or `±HH:MM` offset. HSDS
 * recommends an offset; see the package README for why we publish local wall-clock times.
 */
export const HsdsTime = z
  .string()
  .regex(
    /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/,
    'must be a time HH:MM, optionally with seconds and a Z or ±HH:MM offset',
  );

/** An ISO 639-1 (two letters) or ISO 639-2/3 (three letters) language code, lower case. */
export const Iso639 = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'must be an ISO 639-1 or 639-3 language code such as "de" or "ti"');

/** An ISO 3166-1 alpha-2 country code, upper case, e.g. `DE`. */
export const Iso3166Alpha2 = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as "DE"');

/** An ISO 4217 currency code, e.g. `EUR`. */
export const Iso4217 = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code');

/** A URI (HSDS `format: uri`). */
export const HsdsUri = z.url();

/** An e-mail address (HSDS `format: email`). */
export const HsdsEmail = z.email();

/** RFC 5545 weekday codes, as used in `byday`. */
export const weekdayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** One RFC 5545 weekday code. */
export type WeekdayCode = (typeof weekdayCodes)[number];

const metadataShape = {
  id: Uuid,
  resource_id: Uuid.optional(),
  resource_type: z.string().min(1).optional(),
  last_action_date: HsdsDate,
  last_action_type: z.string().min(1),
  field_name: z.string(),
  previous_value: z.string(),
  replacement_value: z.string(),
  updated_by: z.string(),
};

/** The type of the Metadata schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MetadataSchema extends Strict<typeof metadataShape> {}

/** HSDS `metadata`: field-level provenance of a record. */
export const Metadata: MetadataSchema = z.strictObject(metadataShape).meta({ id: 'HsdsMetadata' });
/** HSDS `metadata`. */
export type Metadata = z.infer<typeof Metadata>;

const metadata = { metadata: z.array(Metadata).optional() };

const taxonomyShape = {
  id: Uuid,
  name: z.string().min(1),
  description: z.string().min(1),
  uri: HsdsUri.optional(),
  version: z.string().optional(),
  ...metadata,
};

/** The type of the Taxonomy schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TaxonomySchema extends Strict<typeof taxonomyShape> {}

/** HSDS `taxonomy`: a vocabulary terms are taken from. */
export const Taxonomy: TaxonomySchema = z.strictObject(taxonomyShape).meta({ id: 'HsdsTaxonomy' });
/** HSDS `taxonomy`. */
export type Taxonomy = z.infer<typeof Taxonomy>;

const taxonomyTermShape = {
  id: Uuid,
  code: z.string().min(1).optional(),
  name: z.string().min(1),
  description: z.string().min(1),
  parent_id: Uuid.optional(),
  taxonomy: z.string().optional(),
  taxonomy_detail: Taxonomy.optional(),
  language: Iso639.optional(),
  taxonomy_id: Uuid.optional(),
  term_uri: HsdsUri.optional(),
  ...metadata,
};

/** The type of the TaxonomyTerm schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TaxonomyTermSchema extends Strict<typeof taxonomyTermShape> {}

/** HSDS `taxonomy_term`: one term of a taxonomy, in one content language. */
export const TaxonomyTerm: TaxonomyTermSchema = z
  .strictObject(taxonomyTermShape)
  .meta({ id: 'HsdsTaxonomyTerm' });
/** HSDS `taxonomy_term`. */
export type TaxonomyTerm = z.infer<typeof TaxonomyTerm>;

const attributeShape = {
  id: Uuid,
  link_id: Uuid.optional(),
  taxonomy_term_id: Uuid.optional(),
  link_type: z.string().min(1).optional(),
  link_entity: z.string().min(1).optional(),
  value: z.string().optional(),
  taxonomy_term: TaxonomyTerm.optional(),
  ...metadata,
};

/** The type of the Attribute schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AttributeSchema extends Strict<typeof attributeShape> {}

/** HSDS `attribute`: links a taxonomy term to a record (`link_id` of table `link_entity`). */
export const Attribute: AttributeSchema = z
  .strictObject(attributeShape)
  .meta({ id: 'HsdsAttribute' });
/** HSDS `attribute`. */
export type Attribute = z.infer<typeof Attribute>;

const common = { attributes: z.array(Attribute).optional(), ...metadata };

const languageShape = {
  id: Uuid,
  service_id: Uuid.optional(),
  location_id: Uuid.optional(),
  phone_id: Uuid.optional(),
  name: z.string().min(1).optional(),
  code: Iso639.optional(),
  note: z.string().optional(),
  ...common,
};

/** The type of the Language schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LanguageSchema extends Strict<typeof languageShape> {}

/** HSDS `language`: a language spoken at a service, location or phone (not a content language). */
export const Language: LanguageSchema = z.strictObject(languageShape).meta({ id: 'HsdsLanguage' });
/** HSDS `language`. */
export type Language = z.infer<typeof Language>;

/** Phone types after RFC 6350 (vCard `TYPE`). */
export const PhoneType = z.enum(['text', 'voice', 'fax', 'cell', 'video', 'pager', 'textphone']);

const phoneShape = {
  id: Uuid,
  location_id: Uuid.optional(),
  service_id: Uuid.optional(),
  organization_id: Uuid.optional(),
  contact_id: Uuid.optional(),
  service_at_location_id: Uuid.optional(),
  number: z.string().min(1),
  extension: z.number().int().nonnegative().optional(),
  type: PhoneType.optional(),
  description: z.string().optional(),
  languages: z.array(Language).optional(),
  ...common,
};

/** The type of the Phone schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PhoneSchema extends Strict<typeof phoneShape> {}

/** HSDS `phone`. */
export const Phone: PhoneSchema = z.strictObject(phoneShape).meta({ id: 'HsdsPhone' });
/** HSDS `phone`. */
export type Phone = z.infer<typeof Phone>;

const contactShape = {
  id: Uuid,
  organization_id: Uuid.optional(),
  service_id: Uuid.optional(),
  service_at_location_id: Uuid.optional(),
  location_id: Uuid.optional(),
  name: z.string().optional(),
  title: z.string().optional(),
  department: z.string().optional(),
  email: HsdsEmail.optional(),
  phones: z.array(Phone).optional(),
  ...common,
};

/** The type of the Contact schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ContactSchema extends Strict<typeof contactShape> {}

/** HSDS `contact`: a named contact. */
export const Contact: ContactSchema = z.strictObject(contactShape).meta({ id: 'HsdsContact' });
/** HSDS `contact`. */
export type Contact = z.infer<typeof Contact>;

const bydayPart = '[+-]?(?:[1-9]|[1-4]\\d|5[0-3])?(?:MO|TU|WE|TH|FR|SA|SU)';
const intList = '[+-]?\\d{1,3}(?:,[+-]?\\d{1,3})*';

const scheduleShape = {
  id: Uuid,
  service_id: Uuid.optional(),
  location_id: Uuid.optional(),
  service_at_location_id: Uuid.optional(),
  valid_from: HsdsDate.optional(),
  valid_to: HsdsDate.optional(),
  dtstart: HsdsDate.optional(),
  /** A UTC offset in hours. */
  timezone: z.number().min(-12).max(14).optional(),
  until: HsdsDate.optional(),
  count: z.number().int().positive().optional(),
  /** RFC 5545 codes; the HSDS 3.0 JSON schema lists three-letter ones, so both are accepted. */
  wkst: z.enum([...weekdayCodes, 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']).optional(),
  freq: z.enum(['WEEKLY', 'MONTHLY']).optional(),
  interval: z.number().int().positive().optional(),
  byday: z
    .string()
    .regex(
      new RegExp(`^${bydayPart}(?:,${bydayPart})*$`),
      'must be RFC 5545 weekdays such as MO,TU or 2MO',
    )
    .optional(),
  byweekno: z
    .string()
    .regex(new RegExp(`^${intList}$`), 'must be week numbers')
    .optional(),
  bymonthday: z.number().int().min(-31).max(31).optional(),
  byyearday: z.number().int().min(-366).max(366).optional(),
  description: z.string().optional(),
  opens_at: HsdsTime.optional(),
  closes_at: HsdsTime.optional(),
  schedule_link: HsdsUri.optional(),
  attending_type: z.string().optional(),
  notes: z.string().optional(),
  ...common,
};

/** The type of the Schedule schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ScheduleSchema extends Strict<typeof scheduleShape> {}

/**
 * HSDS `schedule`, with RFC 5545 RRULE semantics: `freq`, `interval`, `byday` (`MO,TU`, or
 * `2MO` / `-1FR` for monthly rules) and so on, plus `opens_at` / `closes_at`. A schedule that
 * cannot be expressed as a rule carries the human-readable `description` only.
 */
export const Schedule: ScheduleSchema = z.strictObject(scheduleShape).meta({ id: 'HsdsSchedule' });
/** HSDS `schedule`. */
export type Schedule = z.infer<typeof Schedule>;

/** Address and location types. */
export const LocationType = z.enum(['physical', 'postal', 'virtual']);

const addressShape = {
  id: Uuid,
  location_id: Uuid.optional(),
  attention: z.string().optional(),
  address_1: z.string().min(1),
  address_2: z.string().optional(),
  city: z.string().min(1),
  region: z.string().optional(),
  state_province: z.string().min(1),
  postal_code: z.string().min(1),
  country: Iso3166Alpha2,
  address_type: LocationType,
  ...common,
};

/** The type of the Address schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AddressSchema extends Strict<typeof addressShape> {}

/** HSDS `address`: all of address_1, city, state_province, postal_code and country are required. */
export const Address: AddressSchema = z.strictObject(addressShape).meta({ id: 'HsdsAddress' });
/** HSDS `address`. */
export type Address = z.infer<typeof Address>;

const accessibilityShape = {
  id: Uuid,
  location_id: Uuid.optional(),
  description: z.string().optional(),
  details: z.string().optional(),
  url: HsdsUri.optional(),
  ...common,
};

/** The type of the Accessibility schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AccessibilitySchema extends Strict<typeof accessibilityShape> {}

/** HSDS `accessibility` of a location. */
export const Accessibility: AccessibilitySchema = z
  .strictObject(accessibilityShape)
  .meta({ id: 'HsdsAccessibility' });
/** HSDS `accessibility`. */
export type Accessibility = z.infer<typeof Accessibility>;

const locationShape = {
  id: Uuid,
  location_type: LocationType,
  url: HsdsUri.optional(),
  organization_id: Uuid.optional(),
  name: z.string().optional(),
  alternate_name: z.string().optional(),
  description: z.string().optional(),
  transportation: z.string().optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  external_identifier: z.string().optional(),
  external_identifier_type: z.string().optional(),
  languages: z.array(Language).optional(),
  addresses: z.array(Address).optional(),
  contacts: z.array(Contact).optional(),
  accessibility: z.array(Accessibility).optional(),
  phones: z.array(Phone).optional(),
  schedules: z.array(Schedule).optional(),
  ...common,
};

/** The type of the Location schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LocationSchema extends Strict<typeof locationShape> {}

/** HSDS `location`: a physical place, a postal address or a virtual (online) place. */
export const Location: LocationSchema = z.strictObject(locationShape).meta({ id: 'HsdsLocation' });
/** HSDS `location`. */
export type Location = z.infer<typeof Location>;

const organizationIdentifierShape = {
  id: Uuid,
  organization_id: Uuid.optional(),
  identifier_scheme: z.string().min(1).optional(),
  identifier_type: z.string().min(1),
  identifier: z.string().min(1),
  ...common,
};

/** The type of the OrganizationIdentifier schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OrganizationIdentifierSchema extends Strict<typeof organizationIdentifierShape> {}

/** HSDS `organization_identifier`: an external id such as a register number or an official key. */
export const OrganizationIdentifier: OrganizationIdentifierSchema = z
  .strictObject(organizationIdentifierShape)
  .meta({ id: 'HsdsOrganizationIdentifier' });
/** HSDS `organization_identifier`. */
export type OrganizationIdentifier = z.infer<typeof OrganizationIdentifier>;

const fundingShape = {
  id: Uuid,
  organization_id: Uuid.optional(),
  service_id: Uuid.optional(),
  source: z.string().optional(),
  ...common,
};

/** The type of the Funding schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FundingSchema extends Strict<typeof fundingShape> {}

/** HSDS `funding`. */
export const Funding: FundingSchema = z.strictObject(fundingShape).meta({ id: 'HsdsFunding' });
/** HSDS `funding`. */
export type Funding = z.infer<typeof Funding>;

const flatProgramShape = {
  id: Uuid,
  organization_id: Uuid.optional(),
  name: z.string().min(1),
  alternate_name: z.string().optional(),
  description: z.string().min(1),
};

const programShape = { ...flatProgramShape, ...common };

/** The type of the Program schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProgramSchema extends Strict<typeof programShape> {}

/** HSDS `program`: services grouped under one programme of an organization. */
export const Program: ProgramSchema = z.strictObject(programShape).meta({ id: 'HsdsProgram' });
/** HSDS `program`. */
export type Program = z.infer<typeof Program>;

const flatOrganizationShape = {
  id: Uuid,
  name: z.string().min(1),
  alternate_name: z.string().optional(),
  description: z.string().min(1),
  email: HsdsEmail.optional(),
  website: HsdsUri.optional(),
  /** Deprecated in HSDS 3.0. */
  tax_status: z.string().optional(),
  /** Deprecated in HSDS 3.0. */
  tax_id: z.string().optional(),
  year_incorporated: z.number().int().min(1000).max(9999).optional(),
  legal_status: z.string().optional(),
  logo: z.string().optional(),
  uri: HsdsUri.optional(),
  parent_organization_id: Uuid.optional(),
};

const organizationShape = {
  ...flatOrganizationShape,
  funding: z.array(Funding).optional(),
  contacts: z.array(Contact).optional(),
  phones: z.array(Phone).optional(),
  locations: z.array(Location).optional(),
  programs: z.array(Program).optional(),
  organization_identifiers: z.array(OrganizationIdentifier).optional(),
  ...common,
};

/** The type of the Organization schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OrganizationSchema extends Strict<typeof organizationShape> {}

/** HSDS `organization`. */
export const Organization: OrganizationSchema = z
  .strictObject(organizationShape)
  .meta({ id: 'HsdsOrganization' });
/** HSDS `organization`. */
export type Organization = z.infer<typeof Organization>;

const costOptionShape = {
  id: Uuid,
  service_id: Uuid.optional(),
  valid_from: HsdsDate.optional(),
  valid_to: HsdsDate.optional(),
  option: z.string().optional(),
  currency: Iso4217.optional(),
  amount: z.number().nonnegative().optional(),
  amount_description: z.string().optional(),
  ...common,
};

/** The type of the CostOption schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CostOptionSchema extends Strict<typeof costOptionShape> {}

/** HSDS `cost_option`: a structured price of a service. */
export const CostOption: CostOptionSchema = z
  .strictObject(costOptionShape)
  .meta({ id: 'HsdsCostOption' });
/** HSDS `cost_option`. */
export type CostOption = z.infer<typeof CostOption>;

const requiredDocumentShape = {
  id: Uuid,
  service_id: Uuid.optional(),
  document: z.string().optional(),
  uri: HsdsUri.optional(),
  ...common,
};

/** The type of the RequiredDocument schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RequiredDocumentSchema extends Strict<typeof requiredDocumentShape> {}

/** HSDS `required_document`. */
export const RequiredDocument: RequiredDocumentSchema = z
  .strictObject(requiredDocumentShape)
  .meta({ id: 'HsdsRequiredDocument' });
/** HSDS `required_document`. */
export type RequiredDocument = z.infer<typeof RequiredDocument>;

const serviceAreaShape = {
  id: Uuid,
  service_id: Uuid.optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  extent: z.string().optional(),
  extent_type: z.enum(['geojson', 'topojson', 'kml', 'text']).optional(),
  uri: HsdsUri.optional(),
  ...common,
};

/** The type of the ServiceArea schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ServiceAreaSchema extends Strict<typeof serviceAreaShape> {}

/** HSDS `service_area`. */
export const ServiceArea: ServiceAreaSchema = z
  .strictObject(serviceAreaShape)
  .meta({ id: 'HsdsServiceArea' });
/** HSDS `service_area`. */
export type ServiceArea = z.infer<typeof ServiceArea>;

const serviceAtLocationShape = {
  id: Uuid,
  service_id: Uuid.optional(),
  location_id: Uuid.optional(),
  description: z.string().optional(),
  contacts: z.array(Contact).optional(),
  phones: z.array(Phone).optional(),
  schedules: z.array(Schedule).optional(),
  location: Location.optional(),
  ...common,
};

/** The type of the ServiceAtLocation schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ServiceAtLocationSchema extends Strict<typeof serviceAtLocationShape> {}

/** HSDS `service_at_location`: a service as delivered at one location. */
export const ServiceAtLocation: ServiceAtLocationSchema = z
  .strictObject(serviceAtLocationShape)
  .meta({ id: 'HsdsServiceAtLocation' });
/** HSDS `service_at_location`. */
export type ServiceAtLocation = z.infer<typeof ServiceAtLocation>;

/** Service status codes of HSDS 3.0. */
export const ServiceStatus = z.enum(['active', 'inactive', 'defunct', 'temporarily closed']);
/** A service status. */
export type ServiceStatus = z.infer<typeof ServiceStatus>;

const serviceFields = {
  id: Uuid,
  organization_id: Uuid.optional(),
  program_id: Uuid.optional(),
  name: z.string().min(1),
  alternate_name: z.string().optional(),
  description: z.string().optional(),
  url: HsdsUri.optional(),
  email: HsdsEmail.optional(),
  status: ServiceStatus,
  interpretation_services: z.string().optional(),
  application_process: z.string().optional(),
  fees_description: z.string().optional(),
  /** Deprecated in HSDS 3.0. */
  wait_time: z.string().optional(),
  /** Deprecated in HSDS 3.0. */
  fees: z.string().optional(),
  accreditations: z.string().optional(),
  eligibility_description: z.string().optional(),
  minimum_age: z.number().nonnegative().optional(),
  maximum_age: z.number().nonnegative().optional(),
  assured_date: HsdsDate.optional(),
  assurer_email: HsdsEmail.optional(),
  /** Deprecated in HSDS 3.0. */
  licenses: z.string().optional(),
  alert: z.string().optional(),
  last_modified: HsdsDateTime.optional(),
};

const serviceArrays = {
  phones: z.array(Phone).optional(),
  schedules: z.array(Schedule).optional(),
  service_areas: z.array(ServiceArea).optional(),
  service_at_locations: z.array(ServiceAtLocation).optional(),
  languages: z.array(Language).optional(),
  organization: Organization.optional(),
  funding: z.array(Funding).optional(),
  cost_options: z.array(CostOption).optional(),
  program: Program.optional(),
  required_documents: z.array(RequiredDocument).optional(),
  contacts: z.array(Contact).optional(),
  ...common,
};

const agesInOrder = (s: { minimum_age?: number | undefined; maximum_age?: number | undefined }) =>
  s.minimum_age === undefined || s.maximum_age === undefined || s.minimum_age <= s.maximum_age;
const agesMessage = { message: 'minimum_age must not exceed maximum_age', path: ['maximum_age'] };

const serviceShape = { ...serviceFields, ...serviceArrays };

/** The type of the Service schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ServiceSchema extends Strict<typeof serviceShape> {}

/** HSDS `service`. */
export const Service: ServiceSchema = z
  .strictObject(serviceShape)
  .refine(agesInOrder, agesMessage)
  .meta({ id: 'HsdsService' });
/** HSDS `service`. */
export type Service = z.infer<typeof Service>;

/** The type of the FlatOrganization schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FlatOrganizationSchema extends Strict<typeof flatOrganizationShape> {}

/** An organization's one-to-one fields only, as nested in a service. */
export const FlatOrganization: FlatOrganizationSchema = z
  .strictObject(flatOrganizationShape)
  .meta({ id: 'HsdsFlatOrganization' });
/** An organization without its nested records. */
export type FlatOrganization = z.infer<typeof FlatOrganization>;

const serviceListItemShape = {
  ...serviceFields,
  organization: FlatOrganization.optional(),
  program: z.strictObject(flatProgramShape).optional(),
};

/** The type of the ServiceListItem schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ServiceListItemSchema extends Strict<typeof serviceListItemShape> {}

/**
 * A service in the list form of `GET /services` (HSDS `compiled/service_list.json`): only its
 * one-to-one fields, with the organization's one-to-one fields nested.
 */
export const ServiceListItem: ServiceListItemSchema = z
  .strictObject(serviceListItemShape)
  .refine(agesInOrder, agesMessage)
  .meta({ id: 'HsdsServiceListItem' });
/** A service in list form. */
export type ServiceListItem = z.infer<typeof ServiceListItem>;

const fullLocationShape = {
  ...locationShape,
  languages: z.array(Language),
  addresses: z.array(Address),
  accessibility: z.array(Accessibility),
  phones: z.array(Phone),
  schedules: z.array(Schedule),
};

/** The type of the FullLocation schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FullLocationSchema extends Strict<typeof fullLocationShape> {}

/** A location with its nested addresses, languages, accessibility, phones and schedules present. */
export const FullLocation: FullLocationSchema = z
  .strictObject(fullLocationShape)
  .meta({ id: 'HsdsFullLocation' });
/** A fully nested location. */
export type FullLocation = z.infer<typeof FullLocation>;

const fullServiceAtLocationShape = {
  ...serviceAtLocationShape,
  service_id: Uuid,
  location_id: Uuid,
  location: FullLocation,
  phones: z.array(Phone),
  schedules: z.array(Schedule),
};

/** The type of the FullServiceAtLocation schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FullServiceAtLocationSchema extends Strict<typeof fullServiceAtLocationShape> {}

/** A service at a location with its location (and the location's address) nested. */
export const FullServiceAtLocation: FullServiceAtLocationSchema = z
  .strictObject(fullServiceAtLocationShape)
  .meta({ id: 'HsdsFullServiceAtLocation' });
/** A fully nested service at a location. */
export type FullServiceAtLocation = z.infer<typeof FullServiceAtLocation>;

const fullOrganizationShape = {
  ...organizationShape,
  phones: z.array(Phone),
  locations: z.array(FullLocation),
  organization_identifiers: z.array(OrganizationIdentifier),
};

/** The type of the FullOrganization schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FullOrganizationSchema extends Strict<typeof fullOrganizationShape> {}

/** An organization with its identifiers, phones and locations nested. */
export const FullOrganization: FullOrganizationSchema = z
  .strictObject(fullOrganizationShape)
  .meta({ id: 'HsdsFullOrganization' });
/** A fully nested organization. */
export type FullOrganization = z.infer<typeof FullOrganization>;

const fullAttributeShape = {
  ...attributeShape,
  link_id: Uuid,
  link_entity: z.string().min(1),
  link_type: z.string().min(1),
  taxonomy_term_id: Uuid,
  taxonomy_term: TaxonomyTerm,
};

/** The type of the FullAttribute schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FullAttributeSchema extends Strict<typeof fullAttributeShape> {}

/** An attribute with its taxonomy term (and the term's taxonomy) nested. */
export const FullAttribute: FullAttributeSchema = z
  .strictObject(fullAttributeShape)
  .meta({ id: 'HsdsFullAttribute' });
/** A fully nested attribute. */
export type FullAttribute = z.infer<typeof FullAttribute>;

const fullServiceShape = {
  ...serviceShape,
  organization_id: Uuid,
  organization: FlatOrganization,
  service_at_locations: z.array(FullServiceAtLocation),
  attributes: z.array(FullAttribute),
  languages: z.array(Language),
  phones: z.array(Phone),
  schedules: z.array(Schedule),
};

/** The type of the FullService schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FullServiceSchema extends Strict<typeof fullServiceShape> {}

/**
 * The fully nested service of `GET /services/{id}` (HSDS `compiled/service.json`): its
 * organization (one-to-one fields), its service-at-locations with their locations and
 * addresses, its attributes with their taxonomy terms, languages, phones and schedules.
 */
export const FullService: FullServiceSchema = z
  .strictObject(fullServiceShape)
  .refine(agesInOrder, agesMessage)
  .meta({ id: 'HsdsFullService' });
/** A fully nested service. */
export type FullService = z.infer<typeof FullService>;

const apiRootShape = {
  version: z.literal('3.0'),
  profile: HsdsUri,
  openapi_url: HsdsUri,
};

/** The type of the ApiRoot schema (named, so declarations stay small). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ApiRootSchema extends Strict<typeof apiRootShape> {}

/**
 * The response of `GET /`: the HSDS version, the URI of the profile the API follows, and the
 * URL of its OpenAPI document.
 */
export const ApiRoot: ApiRootSchema = z.strictObject(apiRootShape).meta({ id: 'HsdsApiRoot' });
/** The response of `GET /`. */
export type ApiRoot = z.infer<typeof ApiRoot>;

/** One page of a list, as every HSDS list endpoint returns it. */
export interface Page<T> {
  /** How many items the whole (filtered) list has. */
  total_items: number;
  /** How many pages of this size the list has (0 for an empty list). */
  total_pages: number;
  /** This page's number, from 1. */
  page_number: number;
  /** How many items this page holds. */
  size: number;
  first_page: boolean;
  last_page: boolean;
  /** True when this page holds no items. */
  empty: boolean;
  contents: T[];
}

/** The schema of a page of `item`s (HSDS OpenAPI `#/components/schemas/Page` plus `contents`). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.strictObject({
    total_items: z.number().int().nonnegative(),
    total_pages: z.number().int().nonnegative(),
    page_number: z.number().int().positive(),
    size: z.number().int().nonnegative(),
    first_page: z.boolean(),
    last_page: z.boolean(),
    empty: z.boolean(),
    contents: z.array(item),
  });
}
