import { karlsruhe } from '@ankommen/data-karlsruhe';
import { openIntervals, toWallClock } from '@ankommen/registry';
import { describe, expect, it } from 'vitest';
import { BY_APPOINTMENT, parseWeeklyHours, textSchedule, toSchedules } from './schedules.js';
import { Schedule, weekdayCodes } from './schemas.js';

const BUERGERBUERO = 'Mo-Fr 08:30-12:30, Th 14:00-17:00; PH off';

describe('parseWeeklyHours', () => {
  it('reads the Bürgerbüro hours as two weekly ranges, closed on public holidays', () => {
    expect(parseWeeklyHours(BUERGERBUERO)).toEqual({
      ranges: [
        { byday: ['MO', 'TU', 'WE', 'TH', 'FR'], opens: '08:30', closes: '12:30' },
        { byday: ['TH'], opens: '14:00', closes: '17:00' },
      ],
      publicHolidaysOff: true,
    });
  });

  it('lets a later rule replace the hours of the days it names', () => {
    expect(parseWeeklyHours('Mo-Fr 08:00-12:00; Th 14:00-17:00')?.ranges).toEqual([
      { byday: ['MO', 'TU', 'WE', 'FR'], opens: '08:00', closes: '12:00' },
      { byday: ['TH'], opens: '14:00', closes: '17:00' },
    ]);
    expect(parseWeeklyHours('Mo-Sa 08:00-20:00; Sa off')?.ranges).toEqual([
      { byday: ['MO', 'TU', 'WE', 'TH', 'FR'], opens: '08:00', closes: '20:00' },
    ]);
  });

  it('reads day lists, wrapping day ranges, several time ranges and rules without days', () => {
    expect(parseWeeklyHours('Mo,We 10:00-12:00,14:00-16:00')?.ranges).toEqual([
      { byday: ['MO', 'WE'], opens: '10:00', closes: '12:00' },
      { byday: ['MO', 'WE'], opens: '14:00', closes: '16:00' },
    ]);
    expect(parseWeeklyHours('Fr-Mo 09:00-10:00')?.ranges).toEqual([
      { byday: ['MO', 'FR', 'SA', 'SU'], opens: '09:00', closes: '10:00' },
    ]);
    expect(parseWeeklyHours('08:00-18:00')?.ranges).toEqual([
      { byday: [...weekdayCodes], opens: '08:00', closes: '18:00' },
    ]);
  });

  it.each([
    'Mo-Fr 08:00-12:00; PH 10:00-12:00',
    'Jan-Mar Mo 10:00-12:00',
    'Mo 22:00-02:00',
    'Mo-Fr 08:00-12:00 "nach Vereinbarung"',
    'Mo-Fr 08:00+',
    'sunrise-sunset',
    'Mo-Fr 08:00-12:00 || "by appointment"',
    'Sa[1] 10:00-12:00',
    'Mo-Fr 08:00-12:00; SH off',
    'week 1-53/2 Fr 09:00-12:00',
    '24/7',
    'off',
    'Mo-Fr 08:00-12:00, We off',
    // Tools disagree on whether an additional rule replaces an earlier rule's day; keep text.
    'Mo 08:00-12:00; Tu-Fr 13:00-14:00, Mo 15:00-16:00',
    '',
  ])('keeps %j as text: it cannot be converted exactly', (osm) => {
    expect(parseWeeklyHours(osm)).toBeUndefined();
  });

  // The reference is the opening_hours library the registry evaluates hours with: over a week
  // without public holidays, the converted ranges must open exactly the same minutes.
  const region = karlsruhe().city.region;
  const openMinutes = (intervals: { from: Date; to: Date }[]) => {
    const minutes = new Set<string>();
    for (const { from, to } of intervals) {
      for (let t = from.getTime(); t < to.getTime(); t += 60_000) {
        const wall = toWallClock(new Date(t), region.timeZone);
        minutes.add(
          `${weekdayCodes[(wall.getUTCDay() + 6) % 7]} ${wall.toISOString().slice(11, 16)}`,
        );
      }
    }
    return minutes;
  };
  it.each([
    BUERGERBUERO,
    'Mo-Fr 08:00-12:00; Th 14:00-17:00',
    'Mo-Sa 08:00-20:00; Sa off',
    'Mo,We 10:00-12:00,14:00-16:00',
    'Fr-Mo 09:00-10:00',
    'Mo-Fr 08:00-12:00, Mo 10:00-14:00',
    'Tu 09:00-11:00; We 18:00-19:30',
    'Mo 08:00-12:00; Mo-Fr 13:00-14:00, Mo 15:00-16:00',
  ])('opens %j exactly when the opening_hours library does', (osm) => {
    const weekly = parseWeeklyHours(osm);
    expect(weekly).toBeDefined();
    const expected = openMinutes(
      openIntervals(
        { osm, appointment: 'unknown' },
        new Date('2026-11-23T00:00:00+01:00'),
        new Date('2026-11-30T00:00:00+01:00'),
        region,
      ),
    );
    const actual = new Set<string>();
    for (const range of weekly?.ranges ?? []) {
      for (const day of range.byday) {
        const [oh = 0, om = 0] = range.opens.split(':').map(Number);
        const [ch = 0, cm = 0] = range.closes.split(':').map(Number);
        for (let m = oh * 60 + om; m < ch * 60 + cm; m++) {
          actual.add(
            `${day} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
          );
        }
      }
    }
    expect([...actual].sort()).toEqual([...expected].sort());
  });
});

describe('toSchedules', () => {
  const link = { location_id: '00000000-0000-4000-8000-000000000000' };

  it('makes one WEEKLY schedule per range, by appointment, keeping the source text in notes', () => {
    const schedules = toSchedules(
      { osm: BUERGERBUERO, text: 'Mo–Fr 8.30–12.30, Do 14–17 Uhr', appointment: 'required' },
      { idKey: 'test', link },
    );
    expect(schedules.map((s) => [s.freq, s.byday, s.opens_at, s.closes_at])).toEqual([
      ['WEEKLY', 'MO,TU,WE,TH,FR', '08:30', '12:30'],
      ['WEEKLY', 'TH', '14:00', '17:00'],
    ]);
    for (const schedule of schedules) {
      expect(Schedule.parse(schedule)).toEqual(schedule);
      expect(schedule.attending_type).toBe(BY_APPOINTMENT);
      expect(schedule.location_id).toBe(link.location_id);
      expect(schedule.notes).toContain('Mo–Fr 8.30–12.30, Do 14–17 Uhr');
      expect(schedule.notes).toContain('PH off');
      expect(schedule.description).toBeUndefined();
    }
  });

  it('keeps hours it cannot convert as one schedule with the source text as description', () => {
    const [schedule, ...rest] = toSchedules(
      {
        osm: 'Mo-Fr 08:00-12:00 "Termin"',
        text: 'vormittags nach Termin',
        appointment: 'possible',
      },
      { idKey: 'test', link },
    );
    expect(rest).toEqual([]);
    expect(schedule).toMatchObject({ description: 'vormittags nach Termin' });
    expect(schedule?.freq).toBeUndefined();
    expect(schedule?.attending_type).toBeUndefined();
    const [textOnly] = toSchedules(
      { text: 'frühere Sprechzeiten; heute nur nach Termin', appointment: 'required' },
      { idKey: 'test', link },
    );
    expect(textOnly).toMatchObject({
      description: 'frühere Sprechzeiten; heute nur nach Termin',
      attending_type: BY_APPOINTMENT,
    });
  });

  it('makes nothing of absent hours, and an attending type of appointment-only hours', () => {
    expect(toSchedules(undefined, { idKey: 'test', link })).toEqual([]);
    expect(toSchedules({ appointment: 'unknown' }, { idKey: 'test', link })).toEqual([]);
    expect(toSchedules({ appointment: 'required' }, { idKey: 'test', link })).toEqual([
      expect.objectContaining({ attending_type: BY_APPOINTMENT }),
    ]);
  });

  it('keeps an offer’s meeting times as text', () => {
    const schedule = textSchedule('mittwochs 18.00–19.30 Uhr', {
      idKey: 'offer',
      link: { service_id: link.location_id },
      scheduleLink: 'https://example.org/termin',
    });
    expect(Schedule.parse(schedule)).toEqual(schedule);
    expect(schedule).toMatchObject({
      description: 'mittwochs 18.00–19.30 Uhr',
      schedule_link: 'https://example.org/termin',
    });
  });
});
