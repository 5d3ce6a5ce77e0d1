import { describe, expect, it } from 'vitest';
import {
  isOpenAt,
  nextOpening,
  OpeningHours,
  openingStatus,
  openIntervals,
  weekPreview,
} from './opening-hours.js';
import type { Region } from './region.js';

const region: Region = {
  name: 'Karlsruhe',
  countryCode: 'de',
  state: 'Baden-Württemberg',
  timeZone: 'Europe/Berlin',
  center: { lat: 49.0094, lon: 8.4044 },
};
const office = OpeningHours.parse({
  osm: 'Mo-Fr 08:30-12:30, Th 14:00-17:00; PH off; 2026 Dec 24 off',
  appointment: 'required',
});
// Instants are written in UTC; Karlsruhe is UTC+1 in winter and UTC+2 in summer.
const at = (iso: string) => new Date(iso);

describe('opening hours', () => {
  it('reads the hours in the region’s time zone, whatever the server’s', () => {
    expect(isOpenAt(office, at('2026-01-07T07:45:00Z'), region)).toBe(true); // Wed 08:45 CET
    expect(isOpenAt(office, at('2026-01-07T07:15:00Z'), region)).toBe(false); // Wed 08:15 CET
    expect(isOpenAt(office, at('2026-07-01T06:45:00Z'), region)).toBe(true); // Wed 08:45 CEST
    expect(isOpenAt(office, at('2026-07-01T06:15:00Z'), region)).toBe(false); // Wed 08:15 CEST
  });

  it('adds a second range on Thursday instead of replacing the morning', () => {
    expect(isOpenAt(office, at('2026-01-08T08:00:00Z'), region)).toBe(true); // Thu 09:00
    expect(isOpenAt(office, at('2026-01-08T14:00:00Z'), region)).toBe(true); // Thu 15:00
    expect(isOpenAt(office, at('2026-01-07T14:00:00Z'), region)).toBe(false); // Wed 15:00
  });

  it('closes on Baden-Württemberg public holidays, including those other states lack', () => {
    expect(openingStatus(office, at('2026-01-06T09:00:00Z'), region)).toMatchObject({
      state: 'closed',
      publicHoliday: true,
    }); // Epiphany
    expect(isOpenAt(office, at('2026-06-04T08:00:00Z'), region)).toBe(false); // Corpus Christi
    expect(isOpenAt(office, at('2026-10-03T08:00:00Z'), region)).toBe(false); // German Unity Day (a Saturday anyway)
    expect(isOpenAt(office, at('2026-10-05T08:00:00Z'), region)).toBe(true); // ordinary Monday
  });

  it('honours dated exceptions', () => {
    expect(isOpenAt(office, at('2026-12-24T09:00:00Z'), region)).toBe(false);
    expect(isOpenAt(office, at('2026-12-23T09:00:00Z'), region)).toBe(true);
  });

  it('says "by appointment only" and when it opens next, as a real instant', () => {
    const friday = openingStatus(office, at('2026-01-09T12:00:00Z'), region); // Fri 13:00, closed
    expect(friday).toMatchObject({ state: 'closed', appointmentOnly: true });
    expect(friday.nextChange?.toISOString()).toBe('2026-01-12T07:30:00.000Z'); // Mon 08:30 CET
    expect(nextOpening(office, at('2026-01-09T12:00:00Z'), region)?.toISOString()).toBe(
      '2026-01-12T07:30:00.000Z',
    );
    // across the spring clock change: Fri 27 Mar 2026 afternoon → Mon 30 Mar 08:30 CEST
    expect(nextOpening(office, at('2026-03-27T13:00:00Z'), region)?.toISOString()).toBe(
      '2026-03-30T06:30:00.000Z',
    );
  });

  it('skips a public holiday when looking for the next opening', () => {
    // Tue 5 Jan 2026 afternoon → Epiphany Wed 6 Jan is closed → Thu 7 Jan? No: Wed is the holiday, so Thu 8:30.
    expect(nextOpening(office, at('2026-01-05T14:00:00Z'), region)?.toISOString()).toBe(
      '2026-01-07T07:30:00.000Z',
    );
  });

  it('is unknown, not closed, where no machine-readable hours exist', () => {
    expect(
      openingStatus(
        OpeningHours.parse({ text: 'zweimal pro Woche' }),
        at('2026-01-07T09:00:00Z'),
        region,
      ).state,
    ).toBe('unknown');
    const comment = OpeningHours.parse({ osm: 'Mo-Fr unknown "nur nach Terminvereinbarung"' });
    expect(openingStatus(comment, at('2026-01-07T09:00:00Z'), region)).toMatchObject({
      state: 'unknown',
      comment: 'nur nach Terminvereinbarung',
    });
  });

  it('lists open intervals for a preview', () => {
    const intervals = openIntervals(
      office,
      at('2026-01-07T23:00:00Z'),
      at('2026-01-08T23:00:00Z'),
      region,
    ); // Thu 8 Jan
    expect(intervals.map((i) => [i.from.toISOString(), i.to.toISOString()])).toEqual([
      ['2026-01-08T07:30:00.000Z', '2026-01-08T11:30:00.000Z'],
      ['2026-01-08T13:00:00.000Z', '2026-01-08T16:00:00.000Z'],
    ]);
  });

  it('refuses invalid syntax with the parser’s message', () => {
    const result = OpeningHours.safeParse({ osm: 'Mo-Fx 8-12' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^invalid opening_hours:/);
  });

  it('previews days from the region’s midnight, with Baden-Württemberg holidays marked', () => {
    // From Wed 23 Dec 2026 10:00 CET: 24 Dec is a dated exception, 25 and 26 Dec are holidays.
    const days = weekPreview(office, at('2026-12-23T09:00:00Z'), region);
    expect(days.map((d) => d.date)).toEqual([
      '2026-12-23',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
      '2026-12-27',
      '2026-12-28',
      '2026-12-29',
    ]);
    expect(days.map((d) => d.publicHoliday)).toEqual([
      false,
      false,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(days[0]!.intervals.map((i) => [i.from.toISOString(), i.to.toISOString()])).toEqual([
      ['2026-12-23T07:30:00.000Z', '2026-12-23T11:30:00.000Z'],
    ]); // the whole day, also the hours before `from`
    expect(days.slice(1, 5).map((d) => d.intervals.length)).toEqual([0, 0, 0, 0]);
    expect(days[5]!.intervals).toHaveLength(1); // Mon 28 Dec
  });

  it('cuts a preview day at midnight across the autumn clock change', () => {
    const [sunday] = weekPreview(
      OpeningHours.parse({ osm: 'Su 00:00-24:00' }),
      at('2026-10-25T10:00:00Z'),
      region,
      1,
    );
    expect([sunday!.start.toISOString(), sunday!.end.toISOString()]).toEqual([
      '2026-10-24T22:00:00.000Z',
      '2026-10-25T23:00:00.000Z',
    ]); // 25 hours
    expect(sunday!.intervals.map((i) => [i.from.toISOString(), i.to.toISOString()])).toEqual([
      ['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z'],
    ]);
  });

  it('previews nothing, and no holidays, without machine-readable hours', () => {
    const days = weekPreview(undefined, at('2026-12-24T09:00:00Z'), region, 3);
    expect(days.map((d) => [d.date, d.intervals.length, d.publicHoliday])).toEqual([
      ['2026-12-24', 0, false],
      ['2026-12-25', 0, false],
      ['2026-12-26', 0, false],
    ]);
  });
});
