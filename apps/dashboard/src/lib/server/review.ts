/** One field that differs between the published record and the working copy. */
export interface FieldChange {
  /** `title.de.text`, `locations.0.address.city`… */
  path: string;
  /** The path in German words: `Titel · Deutsch · Text`. */
  label: string;
  /** `null` where the field is new or removed. */
  before: string | null;
  after: string | null;
}

const words: Record<string, string> = {
  title: 'Titel',
  name: 'Name',
  summary: 'Beschreibung',
  text: 'Text',
  status: 'Status',
  de: 'Deutsch',
  en: 'Englisch',
  locations: 'Standort',
  address: 'Adresse',
  street: 'Straße',
  postalCode: 'Postleitzahl',
  city: 'Ort',
  coordinates: 'Koordinaten',
  openingHours: 'Öffnungszeiten',
  osm: 'maschinenlesbar',
  contact: 'Kontakt',
  phone: 'Telefon',
  email: 'E-Mail',
  website: 'Website',
  appointmentUrl: 'Terminbuchung',
  scheduleText: 'Zeiten',
  source: 'Quelle',
  url: 'Adresse',
  verifiedAt: 'Zuletzt geprüft',
  providerName: 'Träger',
  targetGroups: 'Zielgruppen',
  languages: 'Sprachen',
  cost: 'Kosten',
  formats: 'Formate',
  eligibility: 'Voraussetzungen',
  category: 'Kategorie',
  topic: 'Themenfeld',
};

/** A path in German words; list positions count from 1, as people do. */
export function labelOf(path: string): string {
  return path
    .split('.')
    .map((key) => (/^\d+$/.test(key) ? String(Number(key) + 1) : (words[key] ?? key)))
    .join(' · ');
}

/** Leaf values by path; a list of plain values is one field (`Deutsch, Englisch`). */
function flatten(value: unknown, prefix: string, into: Map<string, string>): Map<string, string> {
  if (value === null || value === undefined) return into;
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) {
    if (value.length > 0) into.set(prefix, value.join(', '));
  } else if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      flatten(item, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, String(value));
  }
  return into;
}

/**
 * The fields that differ between the published record (`null`: never published) and the
 * working copy, in the working copy's order, removed fields last.
 */
export function diff(published: unknown, working: unknown): FieldChange[] {
  const before = flatten(published, '', new Map());
  const after = flatten(working, '', new Map());
  const paths = [...after.keys(), ...[...before.keys()].filter((path) => !after.has(path))];
  return paths
    .filter((path) => before.get(path) !== after.get(path))
    .map((path) => ({
      path,
      label: labelOf(path),
      before: before.get(path) ?? null,
      after: after.get(path) ?? null,
    }));
}
