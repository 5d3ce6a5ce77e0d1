import type { CheckRecord, LocalizedText, ReviewOutcome } from './offers';

/** What the dashboard edits of a location; the rest of it travels unchanged. */
interface AgencyLocation {
  name?: string;
  address?: { text: string; street?: string; postalCode?: string; city?: string };
  /** A coordinate that is not a number travels as typed, for the API to name its field. */
  coordinates?: { lat: number | string; lon: number | string };
  openingHours?: { osm?: string; text?: string; appointment?: string };
  [field: string]: unknown;
}

/** The parts of an agency the dashboard edits; the rest of the value travels unchanged. */
export interface AgencyValue {
  id: string;
  name: LocalizedText;
  kind: string;
  summary?: LocalizedText;
  locations?: AgencyLocation[];
  contact?: Record<string, string | undefined>;
  source?: { url: string; additional?: string[]; asOf: string; confidence: string };
  verifiedAt: string | null;
  needsRecheck?: boolean;
  [field: string]: unknown;
}

type Status = 'draft' | 'in_review' | 'published' | 'archived';

export interface AgencyRecord {
  id: string;
  version: number;
  status: Status;
  value: AgencyValue;
  published: AgencyValue | null;
  updatedAt: string;
  lastCheck?: CheckRecord | null;
  lastReview?: ReviewOutcome | null;
}

/** The kinds of agency (the registry's `AgencyKind`), with their German names. */
export const agencyKinds: Record<string, string> = {
  authority: 'Behörde',
  ngo: 'Freier Träger',
  association: 'Verein',
  network: 'Netzwerk mehrerer Träger',
  referral: 'Verweis auf Stellen anderswo',
  site: 'Standort mehrerer Stellen',
  other: 'Sonstige',
};

export const textFields = ['name.de', 'name.en', 'summary.de', 'summary.en'] as const;
export const contactFields = ['phone', 'email', 'website', 'appointmentUrl'] as const;
export const locationFields = [
  'name',
  'address.text',
  'address.street',
  'address.postalCode',
  'address.city',
  'coordinates.lat',
  'coordinates.lon',
  'openingHours.osm',
  'openingHours.text',
] as const;

/** The form's fields: `name.de`, `contact.email`, `locations.0.address.city`, `source.url`… */
export type AgencyForm = Record<string, string>;

/** How many location blocks the form has: the agency's, or one empty block to fill in. */
export const locationCount = (value: AgencyValue) => Math.max(1, value.locations?.length ?? 0);

/** The names of all form fields for an agency with `locations` location blocks. */
export function formFields(locations: number): string[] {
  return [
    'kind',
    ...textFields,
    ...contactFields.map((field) => `contact.${field}`),
    ...Array.from({ length: locations }, (_, index) =>
      locationFields.map((field) => `locations.${index}.${field}`),
    ).flat(),
    'source.url',
  ];
}

/** A nested value by a dotted path; numbers and strings become the form's text. */
function at(value: unknown, path: string): string {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return '';
    current = (current as Record<string, unknown>)[key];
  }
  if (typeof current === 'number') return String(current);
  if (typeof current === 'string') return current;
  // A translated text: its text.
  if (current && typeof current === 'object' && 'text' in current)
    return String((current as { text: unknown }).text);
  return '';
}

/** The form's values for an agency. */
export function agencyForm(value: AgencyValue): AgencyForm {
  return Object.fromEntries(
    formFields(locationCount(value)).map((field) => [field, at(value, field)]),
  );
}

/** The form's values as posted, for every field of the agency's form. */
export function formOf(data: FormData, locations: number): AgencyForm {
  return Object.fromEntries(
    formFields(locations).map((field) => [field, String(data.get(field) ?? '').trim()]),
  );
}

/** An object without the keys whose value is undefined (the API refuses no key, but keeps it lean). */
const defined = <T extends Record<string, unknown>>(object: T) =>
  Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;

/** A number typed in the form; anything else goes to the API as typed, so it names the field. */
const numberOf = (text: string): number | string =>
  /^-?\d+(?:\.\d+)?$/.test(text) ? Number(text) : text;

function withText(
  current: LocalizedText | undefined,
  de: string,
  en: string,
): LocalizedText | undefined {
  const next: LocalizedText = { ...current };
  for (const [lang, text] of [
    ['de', de],
    ['en', en],
  ] as const) {
    if (text === (current?.[lang]?.text ?? '')) continue;
    // A changed text becomes the staff's own: `source` for German, `reviewed` for English.
    if (text === '') delete next[lang];
    else next[lang] = { text, status: lang === 'de' ? 'source' : 'reviewed' };
  }
  return Object.keys(next).length > 0 ? next : undefined;
}

function withLocation(
  current: AgencyLocation | undefined,
  form: AgencyForm,
  index: number,
): AgencyLocation | undefined {
  const field = (name: string) => form[`locations.${index}.${name}`] ?? '';
  const address = defined({
    text: field('address.text'),
    street: field('address.street') || undefined,
    postalCode: field('address.postalCode') || undefined,
    city: field('address.city') || undefined,
  });
  const hasAddress = Object.values(address).some(Boolean);
  const lat = field('coordinates.lat');
  const lon = field('coordinates.lon');
  const osm = field('openingHours.osm');
  const hoursText = field('openingHours.text');
  // "By appointment only" is not on the form: it stays with the location when the hours go.
  const openingHours = defined({
    ...current?.openingHours,
    osm: osm || undefined,
    text: hoursText || undefined,
  });
  const location: AgencyLocation = defined({
    ...current,
    name: field('name') || undefined,
    address: hasAddress ? address : undefined,
    coordinates: lat || lon ? { lat: numberOf(lat), lon: numberOf(lon) } : undefined,
    openingHours: Object.keys(openingHours).length > 0 ? openingHours : undefined,
  });
  return Object.keys(location).length > 0 ? location : undefined;
}

/**
 * The agency with the form's values put in; fields the form does not show (services,
 * jurisdiction, caveats…) travel unchanged. Emptied optional fields are removed; a new source
 * is dated the day it was entered (`today`).
 */
export function withAgencyForm(value: AgencyValue, form: AgencyForm, today: string): AgencyValue {
  const locations = Array.from({ length: locationCount(value) }, (_, index) =>
    withLocation(value.locations?.[index], form, index),
  ).filter((location) => location !== undefined);
  const typedContact = defined(
    Object.fromEntries(
      contactFields.map((field) => [field, form[`contact.${field}`] || undefined]),
    ),
  );
  // Contact fields the form does not show (fax) travel unchanged.
  const otherContact = Object.fromEntries(
    Object.entries(value.contact ?? {}).filter(
      ([key]) => !(contactFields as readonly string[]).includes(key),
    ),
  );
  const url = form['source.url'] ?? '';
  const source = url
    ? value.source
      ? { ...value.source, url }
      : // A new source: how sure it is stays for a person to judge; "medium" until then.
        { url, additional: [], asOf: today, confidence: 'medium' }
    : undefined;
  return defined({
    ...value,
    kind: form.kind || value.kind,
    name: withText(value.name, form['name.de'] ?? '', form['name.en'] ?? '') ?? {},
    summary: withText(value.summary, form['summary.de'] ?? '', form['summary.en'] ?? ''),
    contact: { ...otherContact, ...typedContact },
    locations,
    source,
  });
}

/**
 * Field errors of the API (`body.value.locations.0.address.postalCode`) by form field. A
 * translated text's error (`name.de.text`) belongs to its field; an error on a group
 * (`source`, `locations.0.address`) to the group's first field; anything else to the form.
 */
export function agencyErrors(
  errors: { field: string; message: string }[] = [],
  fields: readonly string[],
): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const { field, message } of errors) {
    const path = field.replace(/^body\.value\.?/, '');
    const target =
      fields.find((name) => path === name || path.startsWith(`${name}.`)) ??
      (path ? fields.find((name) => name.startsWith(`${path}.`)) : undefined) ??
      'form';
    byField[target] ??= message;
  }
  return byField;
}
