import { v5 as uuidv5 } from 'uuid';

/**
 * The namespace all Ankommen HSDS ids are derived under (UUID v5, RFC 9562). Fixed forever:
 * changing it changes every published id.
 */
export const HSDS_ID_NAMESPACE = '1796c731-0cb8-4259-8001-609f3d588da6';

/** The kinds of HSDS records we derive ids for; part of the name hashed into the id. */
export const hsdsIdKinds = [
  'organization',
  'organization_identifier',
  'service',
  'location',
  'service_at_location',
  'address',
  'phone',
  'schedule',
  'language',
  'accessibility',
  'taxonomy',
  'taxonomy_term',
  'attribute',
  'metadata',
] as const;

/** A kind of HSDS record, see {@link hsdsIdKinds}. */
export type HsdsIdKind = (typeof hsdsIdKinds)[number];

/**
 * The HSDS id (a UUID v5) of a record, derived from its kind and our own stable id, so the
 * same record gets the same id on every run and every machine, and records of different
 * kinds never share an id. `ourId` is our id of the record or, for records we derive (a
 * location of an agency, the phone of a service), a composite key such as
 * `agency:buergerbuero-ost:0`.
 *
 * @example hsdsId('service', 'integrationskurs') // always the same UUID
 */
export function hsdsId(kind: HsdsIdKind, ourId: string): string {
  return uuidv5(`${kind}:${ourId}`, HSDS_ID_NAMESPACE);
}
