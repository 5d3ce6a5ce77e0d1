import OpeningHoursParser from 'opening_hours';
import { z } from 'zod';
import type { Region } from './region.js';
import { dateIn, fromWallClock, toWallClock } from './wall-clock.js';

/**
 * Opening hours of a place. `osm` is the machine-readable form in OpenStreetMap
 * `opening_hours` syntax (`Mo-Fr 08:30-12:30, Th 14:00-17:00; PH off; 2026 Dec 24 off`);
 * `PH` means the region's public holidays. `text` keeps the hours as the source wrote them.
 * `appointment`: `required` means "by appointment only", even within the hours.
 */
export const OpeningHours = z
  .object({
    osm: z
      .string()
      .min(1)
      .superRefine((value, ctx) => {
        const error = syntaxError(value);
        if (error) ctx.addIssue({ code: 'custom', message: `invalid opening_hours: ${error}` });
      })
      .optional(),
    text: z.string().min(1).optional(),
    appointment: z.enum(['required', 'possible', 'none', 'unknown']).default('unknown'),
  })
  .strict();
export type OpeningHours = z.infer<typeof OpeningHours>;
/** Opening hours as written before parsing: `appointment` may be left out (default `unknown`). */
export type OpeningHoursInput = z.input<typeof OpeningHours>;

/** Checks syntax only (no region needed); returns the parser's message, or undefined. */
export function syntaxError(osm: string): string | undefined {
  try {
    new OpeningHoursParser(osm, null, { mode: 0, tag_key: 'opening_hours', locale: 'en' } as never);
    return undefined;
  } catch (error) {
    return String(error).trim();
  }
}

/**
 * Parsed hours by region and text. Bounded, because staff previewing hours as they type (and
 * anyone who can make us evaluate a string) would otherwise grow it without end; a city's own
 * hours are a few hundred strings.
 */
const parsed = new Map<string, OpeningHoursParser>();
const MAX_PARSED = 2_000;

function parser(osm: string, region: Region): OpeningHoursParser {
  const key = `${region.countryCode}|${region.state}|${osm}`;
  let instance = parsed.get(key);
  if (!instance) {
    if (parsed.size >= MAX_PARSED) parsed.clear();
    instance = new OpeningHoursParser(osm, {
      lat: region.center.lat,
      lon: region.center.lon,
      address: { country_code: region.countryCode, state: region.state },
    });
    parsed.set(key, instance);
  }
  return instance;
}

/** Whether a place is open at an instant; `unknown` when its hours do not say. */
export type OpenState = 'open' | 'closed' | 'unknown';

/** The state of a place's opening hours at an instant, as returned by {@link openingStatus}. */
export interface OpeningStatus {
  /** `unknown` when there are no machine-readable hours, or they say "unknown" now. */
  state: OpenState;
  /** True when the hours say `appointment: 'required'`: by appointment only, even when open. */
  appointmentOnly: boolean;
  /** A comment the hours carry for this moment, e.g. "nur nach Terminvereinbarung". */
  comment?: string;
  /** When the state changes next, within the search horizon. */
  nextChange?: Date;
  /** Whether `at` falls on a public holiday of the region. */
  publicHoliday: boolean;
}

const DAY = 24 * 60 * 60 * 1000;

/** The state of a place's opening hours at an instant. */
export function openingStatus(
  hours: OpeningHours | undefined,
  at: Date,
  region: Region,
  horizonDays = 14,
): OpeningStatus {
  const appointmentOnly = hours?.appointment === 'required';
  if (!hours?.osm) return { state: 'unknown', appointmentOnly, publicHoliday: false };
  const oh = parser(hours.osm, region);
  const wall = toWallClock(at, region.timeZone);
  const state = oh.getStateString(wall, true);
  const comment = oh.getComment(wall);
  const next = oh.getNextChange(wall, new Date(wall.getTime() + horizonDays * DAY));
  return {
    state: state === 'closed' ? 'closed' : state,
    appointmentOnly,
    ...(comment ? { comment } : {}),
    ...(next ? { nextChange: fromWallClock(next, region.timeZone) } : {}),
    publicHoliday: oh.getPublicHolidayContext(wall).isHoliday,
  };
}

/** True only when the hours say open at that instant; unknown hours are not open. */
export function isOpenAt(hours: OpeningHours | undefined, at: Date, region: Region): boolean {
  return openingStatus(hours, at, region).state === 'open';
}

/** The next instant at or after `at` when the place opens, within the horizon; undefined if none. */
export function nextOpening(
  hours: OpeningHours | undefined,
  at: Date,
  region: Region,
  horizonDays = 14,
): Date | undefined {
  if (!hours?.osm) return undefined;
  const oh = parser(hours.osm, region);
  const wall = toWallClock(at, region.timeZone);
  if (oh.getState(wall)) return at;
  const limit = new Date(wall.getTime() + horizonDays * DAY);
  let cursor: Date | undefined = wall;
  while (cursor && cursor < limit) {
    cursor = oh.getNextChange(cursor, limit);
    if (cursor && oh.getState(cursor)) return fromWallClock(cursor, region.timeZone);
  }
  return undefined;
}

/** An interval in which a place is open, as returned by {@link openIntervals}. */
export interface OpenInterval {
  /** Start of the interval, an instant (a real `Date`, not wall-clock time). */
  from: Date;
  /** End of the interval: the instant the place closes. */
  to: Date;
  /** True when the hours say "unknown" for the interval (e.g. a comment-only rule). */
  unknown: boolean;
  /** The comment the hours carry for the interval, e.g. "nur nach Terminvereinbarung". */
  comment?: string;
}

/** Open intervals between two instants, e.g. for a seven-day preview. */
export function openIntervals(
  hours: OpeningHours | undefined,
  from: Date,
  to: Date,
  region: Region,
): OpenInterval[] {
  if (!hours?.osm) return [];
  const oh = parser(hours.osm, region);
  return oh
    .getOpenIntervals(toWallClock(from, region.timeZone), toWallClock(to, region.timeZone))
    .map(([start, end, unknown, comment]) => ({
      from: fromWallClock(start, region.timeZone),
      to: fromWallClock(end, region.timeZone),
      unknown,
      ...(comment ? { comment } : {}),
    }));
}

/** One calendar day of a place's hours in the region, for a preview of the days ahead. */
export interface DayHours {
  /** The day in the region (`YYYY-MM-DD`). */
  date: string;
  /** The day's first instant (the region's midnight) and the next day's. */
  start: Date;
  end: Date;
  /** Open intervals within the day, as real instants. */
  intervals: OpenInterval[];
  /** Whether the day is a public holiday of the region (`PH` in the hours). */
  publicHoliday: boolean;
}

/**
 * The hours of `days` calendar days in the region, starting with the day `from` falls on.
 * Days are cut at the region's midnight, so a day across a clock change has 23 or 25 hours.
 */
export function weekPreview(
  hours: OpeningHours | undefined,
  from: Date,
  region: Region,
  days = 7,
): DayHours[] {
  const wall = toWallClock(from, region.timeZone);
  const midnight = (offset: number) =>
    fromWallClock(
      new Date(wall.getFullYear(), wall.getMonth(), wall.getDate() + offset),
      region.timeZone,
    );
  const holidays = hours?.osm ? parser(hours.osm, region) : undefined;
  return Array.from({ length: days }, (_, offset) => {
    const start = midnight(offset);
    const end = midnight(offset + 1);
    return {
      date: dateIn(start, region.timeZone),
      start,
      end,
      intervals: openIntervals(hours, start, end, region),
      publicHoliday:
        holidays?.getPublicHolidayContext(toWallClock(start, region.timeZone)).isHoliday ?? false,
    };
  });
}
