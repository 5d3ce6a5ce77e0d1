import type { AgencyLocation } from '@ankommen/registry';
import type { Contact as OurContact, Location as OurLocation } from '@ankommen/taxonomy';
import { hsdsId } from './ids.js';
import { toSchedules } from './schedules.js';
import type { Accessibility, Address, FullLocation, Language, Phone } from './schemas.js';
import { RecordTexts, defined, type FeedContext } from './texts.js';

/** The HSDS phones of a contact: its phone (`voice`) and fax (`fax`), as the source gives them. */
export function phonesOf(
  contact: OurContact,
  key: string,
  owner: Pick<Phone, 'organization_id' | 'service_id'>,
): Phone[] {
  const phones: Phone[] = [];
  if (contact.phone) {
    phones.push({
      id: hsdsId('phone', `${key}:voice`),
      ...owner,
      number: contact.phone,
      type: 'voice',
    });
  }
  if (contact.fax) {
    phones.push({ id: hsdsId('phone', `${key}:fax`), ...owner, number: contact.fax, type: 'fax' });
  }
  return phones;
}

/** HSDS languages (spoken, not content) for ISO 639 codes, named in the feed's language. */
export function languagesOf(
  codes: readonly string[],
  key: string,
  owner: Pick<Language, 'service_id' | 'location_id'>,
  ctx: FeedContext,
): Language[] {
  return [...new Set(codes)].map((code) =>
    defined({
      id: hsdsId('language', `${key}:${code}`),
      ...owner,
      name: languageName(code, ctx),
      code,
    }),
  );
}

function languageName(code: string, ctx: FeedContext): string | undefined {
  try {
    const name = ctx.languageNames?.of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The address as written from its parts, to tell whether the source's text says more. */
function composed(address: NonNullable<OurLocation['address']>): string {
  return `${address.street ?? ''}, ${address.postalCode ?? ''} ${address.city ?? ''}`;
}

/** A location of ours and the HSDS location made of it. */
export interface PlacedLocation {
  /** Our key of the location, e.g. `agency:ibz-karlsruhe:0`; its HSDS id derives from it. */
  key: string;
  source: OurLocation | AgencyLocation;
  hsds: FullLocation;
}

/**
 * The HSDS location of an agency's or offer's location. HSDS requires street, city, state,
 * postcode and country of an address: only an address whose source states street, postcode
 * and city becomes an HSDS address (state and country come from the region). Otherwise, and
 * whenever the source's text says more than the parts, the text goes into `description`.
 * Nothing is invented. A location with an address or a name is `physical`, else `virtual`.
 * An agency location's opening hours become its schedules.
 */
export function placeLocation(
  location: OurLocation | AgencyLocation,
  key: string,
  owner: { organizationId: string; name?: string | undefined; languages?: readonly string[] },
  ctx: FeedContext,
): PlacedLocation {
  const id = hsdsId('location', key);
  const texts = new RecordTexts(ctx, 'location', key, id);
  const address = location.address;
  const addresses: Address[] =
    address?.street && address.postalCode && address.city
      ? [
          {
            id: hsdsId('address', key),
            location_id: id,
            address_1: address.street,
            city: address.city,
            state_province: ctx.region.state,
            postal_code: address.postalCode,
            country: ctx.region.countryCode.toUpperCase(),
            address_type: 'physical',
          },
        ]
      : [];
  const accessibility: Accessibility[] = [];
  if (location.accessibility && location.accessibility.wheelchair !== 'unknown') {
    accessibility.push(
      defined({
        id: hsdsId('accessibility', key),
        location_id: id,
        description: texts.text(location.accessibility.note, 'accessibility.description'),
        details: `wheelchair=${location.accessibility.wheelchair}`,
      }),
    );
  }
  const hours = 'openingHours' in location ? location.openingHours : undefined;
  const hsds: FullLocation = defined({
    id,
    location_type: address || location.name ? ('physical' as const) : ('virtual' as const),
    organization_id: owner.organizationId,
    name: location.name ?? owner.name,
    description:
      address && (addresses.length === 0 || address.text !== composed(address))
        ? address.text
        : undefined,
    latitude: location.coordinates?.lat,
    longitude: location.coordinates?.lon,
    languages: languagesOf(owner.languages ?? [], `location:${key}`, { location_id: id }, ctx),
    addresses,
    accessibility,
    phones: [],
    schedules: toSchedules(hours, { idKey: `location:${key}`, link: { location_id: id } }),
    metadata: texts.metadata,
  });
  return { key, source: location, hsds };
}

/** A virtual location for an offer given only online, with its URL where known. */
export function virtualLocation(
  key: string,
  organizationId: string,
  url: string | undefined,
): PlacedLocation {
  const hsds: FullLocation = defined({
    id: hsdsId('location', key),
    location_type: 'virtual' as const,
    url,
    organization_id: organizationId,
    languages: [],
    addresses: [],
    accessibility: [],
    phones: [],
    schedules: [],
  });
  return { key, source: {}, hsds };
}

/**
 * Where a place is, to tell whether an offer's location is one of its provider's: street,
 * postcode and city where the source states them, else the address text, else the name.
 */
export function placeKey(location: OurLocation): string | undefined {
  const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  const address = location.address;
  if (!address) return location.name ? `name:${fold(location.name)}` : undefined;
  if (address.street && address.city) {
    return `street:${fold(address.street)}|${address.postalCode ?? ''}|${fold(address.city)}`;
  }
  return `text:${fold(address.text)}`;
}
