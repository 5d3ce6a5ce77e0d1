import type { Agency, AgencyLocation, Registry } from '@ankommen/registry';
import type { CityData } from '@ankommen/routing';
import {
  label,
  pickText,
  type LocalizedText,
  type Offer,
  type PickedText,
  type TermCode,
  type UiLanguage,
} from '@ankommen/taxonomy';
import type {
  AgencyDetail,
  AgencySummary,
  OfferDetail,
  OfferSummary,
  OpenNow,
} from './responses.js';

export interface Localizer {
  lang: string;
  /** The fields whose text fell back to another language, e.g. `title`, `locations.0.note`. */
  fallbacks: string[];
  text(field: string, value: LocalizedText | undefined): PickedText | null;
}

export function localizer(lang: string): Localizer {
  const fallbacks: string[] = [];
  return {
    lang,
    fallbacks,
    text(field, value) {
      const picked = pickText(value, lang);
      if (!picked) return null;
      if (picked.fallback) fallbacks.push(field);
      return picked;
    },
  };
}

const uiLang = (lang: string): UiLanguage =>
  (['de', 'en', 'ar', 'tr', 'uk', 'ru', 'fa', 'fr'].includes(lang) ? lang : 'en') as UiLanguage;
const termLabel = (code: TermCode, lang: string) => label(code, uiLang(lang)).text;

/** Opening answers of the current minute, per registry (one per read model) and agency. */
const openingMemo = new WeakMap<Registry, { minute: number; byAgency: Map<string, OpenNow> }>();

/**
 * Open now and next opening of an agency and its offices; unknown hours give `null`. Opening
 * hours change on whole minutes, so an answer holds for the rest of its minute: lists ask for
 * the same agencies again and again, and evaluating hours (with the region's holidays) is
 * the costliest part of a list answer.
 */
export function openingOf(registry: Registry, agencyId: string | undefined, at: Date): OpenNow {
  if (!agencyId || !registry.has(agencyId))
    return { openNow: null, nextOpening: null, appointmentOnly: false };
  const minute = Math.floor(at.getTime() / 60_000);
  let memo = openingMemo.get(registry);
  if (!memo || memo.minute !== minute) {
    memo = { minute, byAgency: new Map() };
    openingMemo.set(registry, memo);
  }
  let opening = memo.byAgency.get(agencyId);
  if (!opening) {
    opening = computeOpening(registry, agencyId, at);
    memo.byAgency.set(agencyId, opening);
  }
  return opening;
}

function computeOpening(registry: Registry, agencyId: string, at: Date): OpenNow {
  const statuses = registry.status(agencyId, at);
  const known = statuses.filter((s) => s.status.state !== 'unknown');
  const next = registry.nextOpening(agencyId, at);
  return {
    openNow: known.length === 0 ? null : known.some((s) => s.status.state === 'open'),
    nextOpening: next ? next.toISOString() : null,
    appointmentOnly: statuses.some((s) => s.status.appointmentOnly),
  };
}

/** The agency whose hours and address stand for an offer: its provider, or its routing target. */
export function offerAgencyId(offer: Offer, registry: Registry): string | undefined {
  if (offer.providerId && registry.has(offer.providerId)) return offer.providerId;
  if (offer.routingId && registry.has(offer.routingId)) return offer.routingId;
  return undefined;
}

/**
 * An offer in a list: small, because lists go to cheap phones on slow networks. Labels of
 * the codes come from /v1/taxonomy; `fallback` names the texts not in the language asked for.
 */
/** The start of a text, cut at a word boundary: one or two lines on a phone. */
export function snippet(text: string, length = 90): string {
  if (text.length <= length) return text;
  const cut = text.lastIndexOf(' ', length);
  return `${text.slice(0, cut > length / 2 ? cut : length).replace(/[,;:.]$/, '')}…`;
}

/**
 * An offer in a list: small, because lists go to cheap phones on slow networks. The summary
 * is a snippet (the whole text is in the offer itself); labels of the codes come from
 * /v1/taxonomy; fields that would be empty are left out.
 */
export function offerSummaryView(
  offer: Offer,
  data: CityData,
  lang: string,
  at: Date,
): OfferSummary {
  const l = localizer(lang);
  const title = l.text('title', offer.title);
  const summary = l.text('summary', offer.summary);
  const { openNow } = openingOf(data.registry, offerAgencyId(offer, data.registry), at);
  return {
    id: offer.id,
    title: title?.text ?? offer.id,
    ...(summary ? { snippet: snippet(summary.text) } : {}),
    topic: offer.topic,
    category: offer.category,
    targetGroups: offer.targetGroups,
    ...(offer.languages.length > 0 ? { languages: offer.languages } : {}),
    cost: offer.cost,
    ...(openNow !== null ? { openNow } : {}),
    ...(offer.exampleData ? { exampleData: true } : {}),
    ...(l.fallbacks.length > 0 ? { fallback: l.fallbacks, fallbackLang: title?.lang } : {}),
    ...([title, summary].some((t) => t?.status === 'machine') ? { machineTranslated: true } : {}),
  };
}

export function offerDetailView(offer: Offer, data: CityData, lang: string, at: Date): OfferDetail {
  const l = localizer(lang);
  const agencyId = offerAgencyId(offer, data.registry);
  const agency = agencyId ? data.registry.get(agencyId) : undefined;
  const locations =
    offer.locations.length > 0
      ? offer.locations
      : agency
        ? agencyLocations(data.registry, agency)
        : [];
  const detail = {
    id: offer.id,
    title: l.text('title', offer.title),
    summary: l.text('summary', offer.summary),
    topic: { code: offer.topic, label: termLabel(`topic.${offer.topic}`, lang) },
    category: { code: offer.category, label: termLabel(`category.${offer.category}`, lang) },
    targetGroups: offer.targetGroups.map((code) => ({
      code,
      label: termLabel(`targetGroup.${code}`, lang),
    })),
    languages: offer.languages,
    cost: { code: offer.cost, label: termLabel(`cost.${offer.cost}`, lang) },
    formats: offer.formats,
    provider: { id: offer.providerId ?? null, name: offer.providerName },
    ...openingOf(data.registry, agencyId, at),
    locations,
    contact: offer.contact,
    scheduleText: offer.scheduleText ?? null,
    eligibility: {
      minAge: offer.eligibility.minAge ?? null,
      maxAge: offer.eligibility.maxAge ?? null,
      residenceStatuses: offer.eligibility.residenceStatuses ?? null,
      description: l.text('eligibility.description', offer.eligibility.description),
    },
    accessibility: offer.accessibility ?? null,
    routingId: offer.routingId ?? null,
    validity: offer.validity ?? null,
    agency: agency ? { id: agency.id, name: l.text('agency.name', agency.name) } : null,
    source: offer.source ?? null,
    verifiedAt: offer.verifiedAt,
    needsRecheck: offer.needsRecheck,
    caveat: l.text('caveat', offer.caveat),
    exampleData: offer.exampleData,
  };
  return {
    ...detail,
    fallback: [
      ...l.fallbacks,
      ...untranslated(lang, data, { locations, scheduleText: offer.scheduleText }),
    ],
  };
}

/**
 * Texts the sources give in the city's language only (opening hours and schedules as they
 * wrote them): each falls back whenever another language is asked for.
 */
function untranslated(
  lang: string,
  data: CityData,
  { locations, scheduleText }: { locations: readonly AgencyLocation[]; scheduleText?: string },
): string[] {
  if (lang === data.city.defaultLanguage) return [];
  return [
    ...locations.flatMap((location, i) =>
      location.openingHours?.text ? [`locations.${i}.openingHours.text`] : [],
    ),
    ...(scheduleText ? ['scheduleText'] : []),
  ];
}

function agencyLocations(registry: Registry, agency: Agency) {
  return [agency, ...registry.children(agency.id)].flatMap((a) => a.locations);
}

export function agencySummaryView(
  agency: Agency,
  data: CityData,
  lang: string,
  at: Date,
): AgencySummary {
  const l = localizer(lang);
  return {
    id: agency.id,
    name: l.text('name', agency.name),
    shortName: agency.shortName ?? null,
    kind: agency.kind,
    summary: l.text('summary', agency.summary),
    parentId: agency.parentId ?? null,
    routingId: agency.routingId ?? null,
    languages: agency.languages,
    services: agency.services.map((s) => ({
      code: s.code,
      name: pickText(s.name, lang)?.text ?? s.code,
      leikaKey: s.leikaKey ?? null,
    })),
    ...openingOf(data.registry, agency.id, at),
    exampleData: agency.exampleData,
    needsRecheck: agency.needsRecheck,
    verifiedAt: agency.verifiedAt,
    fallback: l.fallbacks,
  };
}

export function agencyDetailView(
  agency: Agency,
  data: CityData,
  lang: string,
  at: Date,
): AgencyDetail {
  const summary = agencySummaryView(agency, data, lang, at);
  const l = localizer(lang);
  const offices = data.registry.children(agency.id);
  return {
    ...summary,
    locations: agency.locations.map((location) => ({
      ...location,
      status:
        data.registry.status(agency.id, at).find((s) => s.location === location)?.status.state ??
        'unknown',
    })),
    contact: agency.contact,
    jurisdiction: agency.jurisdiction ?? null,
    colocatedAt: agency.colocatedAt ?? null,
    offices: offices.map((office) => ({
      id: office.id,
      name: l.text(`offices.${office.id}.name`, office.name),
    })),
    offers: data.catalog.offers
      .filter((o) => o.providerId === agency.id || o.routingId === agency.id)
      .map((o) => ({ id: o.id, title: l.text(`offers.${o.id}.title`, o.title) })),
    source: agency.source ?? null,
    caveat: l.text('caveat', agency.caveat),
    fallback: [
      ...summary.fallback,
      ...l.fallbacks,
      ...untranslated(lang, data, { locations: agency.locations }),
    ],
  };
}
