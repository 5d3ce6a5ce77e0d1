import type { OpeningHours } from '@ankommen/registry';
import { hsdsId } from './ids.js';
import { weekdayCodes, type Schedule, type WeekdayCode } from './schemas.js';

/** One weekly opening range: the same hours on each of `byday`. Times are `HH:MM` wall-clock. */
export interface WeeklyRange {
  byday: WeekdayCode[];
  opens: string;
  closes: string;
}

/** Weekly hours read exactly from an OpenStreetMap `opening_hours` string. */
export interface WeeklyHours {
  /** Ordered by the first weekday, then by opening time. */
  ranges: WeeklyRange[];
  /** True when the hours say `PH off`: closed on the region's public holidays. */
  publicHolidaysOff: boolean;
}

const osmDays = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
const DAY = '(?:Mo|Tu|We|Th|Fr|Sa|Su)';
const DAYS = `${DAY}(?:-${DAY})?(?:,${DAY}(?:-${DAY})?)*`;
const TIME = '\\d{2}:\\d{2}';
const RANGES = `${TIME}-${TIME}(?:\\s*,\\s*${TIME}-${TIME})*`;
const SELECTOR = new RegExp(`^(?:(${DAYS})\\s+)?(${RANGES}|off|closed)$`);
/** `, ` that starts an additional rule: after a time or `off`, before a weekday. */
const ADDITIONAL_RULE = new RegExp(`(?<=\\d|off|closed)\\s*,\\s*(?=${DAY}\\b)`);

function expandDays(spec: string | undefined): number[] | undefined {
  if (spec === undefined) return [0, 1, 2, 3, 4, 5, 6];
  const days: number[] = [];
  for (const part of spec.split(',')) {
    const [from, to] = part.split('-').map((d) => osmDays.indexOf(d as (typeof osmDays)[number]));
    if (from === undefined || from < 0) return undefined;
    if (to === undefined) {
      days.push(from);
      continue;
    }
    if (to < 0) return undefined;
    for (let day = from; ; day = (day + 1) % 7) {
      days.push(day);
      if (day === to) break;
    }
  }
  return days;
}

function parseRanges(spec: string): [string, string][] | undefined {
  const ranges: [string, string][] = [];
  for (const part of spec.split(',')) {
    const [opens, closes] = part.trim().split('-');
    if (!opens || !closes || !isClockTime(opens) || !isClockTime(closes) || closes <= opens) {
      return undefined;
    }
    ranges.push([opens, closes]);
  }
  return ranges;
}

function isClockTime(time: string): boolean {
  const [hours, minutes] = time.split(':').map(Number);
  return hours !== undefined && minutes !== undefined && hours <= 23 && minutes <= 59;
}

/**
 * Reads simple weekly hours from an OpenStreetMap `opening_hours` string, exactly, or returns
 * undefined. Understood: rules separated by `;` (a later rule replaces the hours of the days
 * it names), additional rules after `, ` (they add hours), weekday lists and ranges (`Mo-Fr`,
 * `Mo,We`, `Fr-Mo`), several time ranges (`08:00-12:00,14:00-16:00`), `off`, and `PH off`.
 * Anything else (months, weeks, dates, school holidays, open ends, times past midnight,
 * comments, fallback rules, opening on public holidays) returns undefined, so the caller keeps
 * the text instead of guessing.
 *
 * @example parseWeeklyHours('Mo-Fr 08:30-12:30, Th 14:00-17:00; PH off')
 * // { ranges: [{ byday: ['MO','TU','WE','TH','FR'], opens: '08:30', closes: '12:30' },
 * //            { byday: ['TH'], opens: '14:00', closes: '17:00' }], publicHolidaysOff: true }
 */
export function parseWeeklyHours(osm: string): WeeklyHours | undefined {
  if (/["|]/.test(osm)) return undefined;
  const week: [string, string][][] = [[], [], [], [], [], [], []];
  let publicHolidaysOff = false;
  const rules = osm
    .split(';')
    .map((rule) => rule.trim())
    .filter(Boolean);
  if (rules.length === 0) return undefined;
  for (const rule of rules) {
    if (/^PH\s+(?:off|closed)$/.test(rule)) {
      publicHolidaysOff = true;
      continue;
    }
    const parts = rule.split(ADDITIONAL_RULE);
    const named = new Set<number>();
    for (const [index, part] of parts.entries()) {
      const match = SELECTOR.exec(part.trim());
      if (!match) return undefined;
      const [, daySpec, timeSpec = ''] = match;
      if (daySpec === undefined && parts.length > 1) return undefined;
      const days = expandDays(daySpec);
      if (!days) return undefined;
      const closed = timeSpec === 'off' || timeSpec === 'closed';
      // An additional rule that closes is read differently by different tools: keep the text.
      if (closed && index > 0) return undefined;
      const ranges = closed ? [] : parseRanges(timeSpec);
      if (!ranges) return undefined;
      for (const day of days) {
        if (index === 0) {
          week[day] = [...ranges];
          named.add(day);
        } else if (named.has(day) || (week[day] ?? []).length === 0) {
          week[day] = [...(week[day] ?? []), ...ranges];
          named.add(day);
        } else {
          // An additional rule for a day an earlier rule set: tools disagree, keep the text.
          return undefined;
        }
      }
    }
  }

  const groups = new Map<string, WeeklyRange & { first: number }>();
  week.forEach((ranges, day) => {
    for (const [opens, closes] of ranges) {
      const key = `${opens}-${closes}`;
      const group = groups.get(key) ?? { byday: [], opens, closes, first: day };
      const code = weekdayCodes[day];
      if (code && !group.byday.includes(code)) group.byday.push(code);
      groups.set(key, group);
    }
  });
  if (groups.size === 0) return undefined;
  const ranges = [...groups.values()]
    .sort((a, b) => a.first - b.first || a.opens.localeCompare(b.opens))
    .map(({ byday, opens, closes }) => ({ byday, opens, closes }));
  return { ranges, publicHolidaysOff };
}

/** Which record a schedule belongs to: a service, a location or a service at a location. */
export type ScheduleLink = Pick<Schedule, 'service_id' | 'location_id' | 'service_at_location_id'>;

/** The `attending_type` we publish for hours with `appointment: 'required'`. */
export const BY_APPOINTMENT = 'by appointment';

/**
 * HSDS schedules for opening hours. Simple weekly hours (see {@link parseWeeklyHours}) become
 * one `WEEKLY` schedule per time range, with `byday`, `opens_at` and `closes_at` in the
 * region's wall-clock time, and `notes` carrying the source's text and the OSM string (which
 * keeps `PH off`, as RRULE cannot say it). Anything else becomes a single schedule whose
 * `description` is the source's text. `appointment: 'required'` sets `attending_type` to
 * "by appointment". Ids derive from `idKey`.
 */
export function toSchedules(
  hours: OpeningHours | undefined,
  options: { idKey: string; link: ScheduleLink; scheduleLink?: string | undefined },
): Schedule[] {
  if (!hours) return [];
  const shared = {
    ...options.link,
    ...(hours.appointment === 'required' ? { attending_type: BY_APPOINTMENT } : {}),
    ...(options.scheduleLink ? { schedule_link: options.scheduleLink } : {}),
  };
  const weekly = hours.osm ? parseWeeklyHours(hours.osm) : undefined;
  if (hours.osm && weekly) {
    const notes = hours.text
      ? `${hours.text} (opening_hours: ${hours.osm})`
      : `opening_hours: ${hours.osm}`;
    return weekly.ranges.map((range, index) => ({
      id: hsdsId('schedule', `${options.idKey}:${index}`),
      ...shared,
      freq: 'WEEKLY' as const,
      byday: range.byday.join(','),
      opens_at: range.opens,
      closes_at: range.closes,
      notes,
    }));
  }
  const description = hours.text ?? hours.osm;
  if (!description && !shared.attending_type) return [];
  return [
    {
      id: hsdsId('schedule', `${options.idKey}:0`),
      ...shared,
      ...(description ? { description } : {}),
    },
  ];
}

/** A schedule that is only a text, as the source wrote it (e.g. an offer's meeting times). */
export function textSchedule(
  text: string,
  options: { idKey: string; link: ScheduleLink; scheduleLink?: string | undefined },
): Schedule {
  return {
    id: hsdsId('schedule', `${options.idKey}:text`),
    ...options.link,
    description: text,
    ...(options.scheduleLink ? { schedule_link: options.scheduleLink } : {}),
  };
}
