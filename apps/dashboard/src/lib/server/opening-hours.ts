import { rawData } from '@ankommen/data-karlsruhe';
import {
  dateIn,
  fromWallClock,
  nextOpening,
  openingHoursSyntaxError,
  openingStatus,
  Region,
  weekPreview,
  type OpenInterval,
} from '@ankommen/registry';

/** The region whose hours the API serves: the API is seeded from the same city data package. */
export const region = Region.parse(rawData.city.region);

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The dashboard's clock: now, or `?asOf=` to look at another moment (as on /freshness), either a
 * day (`2026-12-23`, read as noon in the region) or an instant (`2026-12-23T09:00:00Z`).
 */
export function clockOf(url: URL): Date {
  const asOf = url.searchParams.get('asOf') ?? '';
  if (isoDate.test(asOf)) {
    const [year, month, day] = asOf.split('-').map(Number) as [number, number, number];
    const noon = fromWallClock(new Date(year, month - 1, day, 12), region.timeZone);
    if (!Number.isNaN(noon.getTime())) return noon;
  }
  if (isoInstant.test(asOf)) {
    const instant = new Date(asOf);
    if (!Number.isNaN(instant.getTime())) return instant;
  }
  return new Date();
}

/** The `?asOf=` to carry along in links and forms, or an empty string for "now". */
export function asOfParameter(url: URL): string {
  const asOf = url.searchParams.get('asOf') ?? '';
  return isoDate.test(asOf) || isoInstant.test(asOf) ? asOf : '';
}

/** The calendar day of the clock in the region (`YYYY-MM-DD`). */
export const todayOf = (clock: Date) => dateIn(clock, region.timeZone);

const dayFormat = new Intl.DateTimeFormat('de-DE', {
  timeZone: region.timeZone,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
});
const timeFormat = new Intl.DateTimeFormat('de-DE', {
  timeZone: region.timeZone,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export interface PreviewDay {
  date: string;
  /** `Mittwoch, 23. Dezember` */
  label: string;
  /** `08:30–12:30, 14:00–17:00 Uhr`, or `geschlossen` */
  hours: string;
  publicHoliday: boolean;
}

/** What the preview shows for a typed `opening_hours` value. */
export type HoursPreview =
  | { kind: 'empty' }
  | { kind: 'invalid'; error: string }
  | {
      kind: 'valid';
      state: 'open' | 'closed' | 'unknown';
      /** `Mittwoch, 25. November, 10:00 Uhr`: the moment "now" was judged at. */
      at: string;
      nextOpening: string | null;
      days: PreviewDay[];
    };

const moment = (at: Date) => `${dayFormat.format(at)}, ${timeFormat.format(at)} Uhr`;

function intervalText(interval: OpenInterval, dayEnd: Date): string {
  // An interval that runs to the end of the day reads "bis 24:00", not "bis 00:00".
  const to = interval.to.getTime() >= dayEnd.getTime() ? '24:00' : timeFormat.format(interval.to);
  const note = interval.comment ?? (interval.unknown ? 'ohne Gewähr' : undefined);
  return `${timeFormat.format(interval.from)}–${to}${note ? ` (${note})` : ''}`;
}

/**
 * The preview of typed opening hours at the clock: valid or the parser's error, open now, the
 * next opening, and the next seven days in German with the region's public holidays marked.
 */
export function previewHours(value: string, clock: Date): HoursPreview {
  const osm = value.trim();
  if (!osm) return { kind: 'empty' };
  const error = openingHoursSyntaxError(osm);
  if (error) return { kind: 'invalid', error };
  const hours = { osm, appointment: 'unknown' as const };
  const days = weekPreview(hours, clock, region, 7);
  const next = nextOpening(hours, clock, region, 14);
  return {
    kind: 'valid',
    state: openingStatus(hours, clock, region).state,
    at: moment(clock),
    nextOpening: next ? moment(next) : null,
    days: days.map((day) => {
      const intervals = day.intervals.map((interval) => intervalText(interval, day.end));
      return {
        date: day.date,
        label: dayFormat.format(day.start),
        hours: intervals.length > 0 ? `${intervals.join(', ')} Uhr` : 'geschlossen',
        publicHoliday: day.publicHoliday,
      };
    }),
  };
}
