import type { CompactWegweiser, WegweiserTexts } from '@ankommen/routing';

/**
 * The API answers the site reads, as far as it reads them. (A typed client generated from the
 * API's OpenAPI document will replace these.) Type-only: nothing here reaches the browser.
 */
export interface Text {
  text: string;
  lang: string;
  status?: string;
  fallback: boolean;
}

export interface Address {
  text: string;
}

export interface Location {
  name?: string;
  address?: Address;
  coordinates?: { lat: number; lon: number };
  openingHours?: { text?: string; osm?: string; appointment?: string };
  status?: string;
}

export interface Contact {
  phone?: string;
  email?: string;
  website?: string;
  appointmentUrl?: string;
}

export interface Source {
  url: string;
  additional: string[];
  asOf: string;
}

export interface Opening {
  openNow: boolean | null;
  nextOpening: string | null;
  appointmentOnly: boolean;
}

export interface OfferListItem {
  id: string;
  title: string;
  snippet?: string;
  topic: string;
  category: string;
  targetGroups: string[];
  languages?: string[];
  cost: string;
  openNow?: boolean;
  exampleData?: boolean;
  fallback?: string[];
  fallbackLang?: string;
  machineTranslated?: boolean;
}

export interface OfferList {
  items: OfferListItem[];
  page: number;
  perPage: number;
  total: number;
}

export interface Coded {
  code: string;
  label: string;
}

export interface OfferDetail extends Opening {
  id: string;
  title: Text;
  summary: Text | null;
  topic: Coded;
  category: Coded;
  targetGroups: Coded[];
  languages: string[];
  cost: Coded;
  provider: { id: string | null; name: string };
  locations: Location[];
  contact: Contact;
  scheduleText: string | null;
  eligibility: { description: Text | null };
  agency: { id: string; name: Text | null } | null;
  source: Source | null;
  verifiedAt: string | null;
  needsRecheck: boolean;
  caveat: Text | null;
  exampleData: boolean;
  fallback: string[];
}

export interface AgencySummary extends Opening {
  id: string;
  name: Text;
  kind: string;
  summary: Text | null;
  parentId: string | null;
  languages: string[];
  exampleData: boolean;
  needsRecheck: boolean;
  verifiedAt: string | null;
  fallback: string[];
}

export interface AgencyDetail extends AgencySummary {
  locations: Location[];
  contact: Contact;
  offices: { id: string; name: Text | null }[];
  offers: { id: string; title: Text | null }[];
  source: Source | null;
  caveat: Text | null;
}

export interface Term {
  code: string;
  kind: string;
  value: string;
  label: Text;
}

export interface City {
  id: string;
  name: Text;
  welcomeCentre: {
    name: Text;
    status: 'planned' | 'open';
    description: Text;
    agencies: AgencySummary[];
  } | null;
  legal: { imprint: Text; privacy: Text } | null;
}

export interface Question {
  field: string;
  text: Text;
  type: 'integer' | 'choice' | 'multiple_choice' | 'boolean' | 'integer_list' | 'text' | 'month';
  options?: { value: string; label: string }[];
}

export interface Questions {
  complete: boolean;
  questions: Question[];
}

/** `POST /v1/route`'s default answer: the compact Wegweiser, its revision and texts' address. */
export type RouteAnswer = CompactWegweiser & { revision: string; texts: string };

/** `GET /v1/route/texts`: the texts a compact Wegweiser refers to, for one revision. */
export type RouteTexts = WegweiserTexts & { revision: string };
