/**
 * opening_hours evaluates a Date in the process's local time. Our opening hours are
 * written in the region's time zone, whatever zone the server runs in, so we hand the
 * library a "wall-clock" Date whose local fields show the region's time, and turn its
 * answers back into real instants.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function fieldsIn(at: Date, timeZone: string): Fields {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

/** The instant `at` as a Date whose local fields are the wall-clock time in `timeZone`. */
export function toWallClock(at: Date, timeZone: string): Date {
  const f = fieldsIn(at, timeZone);
  return new Date(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, at.getMilliseconds());
}

function offsetAt(utcMillis: number, timeZone: string): number {
  const f = fieldsIn(new Date(utcMillis), timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return asUtc - (utcMillis - (utcMillis % 1000));
}

/** The real instant of a wall-clock Date (local fields = time in `timeZone`). */
export function fromWallClock(wall: Date, timeZone: string): Date {
  const naive = Date.UTC(
    wall.getFullYear(),
    wall.getMonth(),
    wall.getDate(),
    wall.getHours(),
    wall.getMinutes(),
    wall.getSeconds(),
    wall.getMilliseconds(),
  );
  const first = naive - offsetAt(naive, timeZone);
  const second = naive - offsetAt(first, timeZone);
  return new Date(second);
}

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone. */
export function dateIn(at: Date, timeZone: string): string {
  const f = fieldsIn(at, timeZone);
  return `${f.year}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;
}
