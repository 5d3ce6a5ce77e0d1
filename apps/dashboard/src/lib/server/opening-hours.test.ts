import { describe, expect, it } from 'vitest';
import { clockOf, previewHours, todayOf } from './opening-hours';

const url = (asOf: string) => new URL(`http://desk.test/agencies/x?asOf=${asOf}`);

describe('opening hours preview', () => {
  it('reads `?asOf=` as an instant, or a day at noon in the region', () => {
    expect(clockOf(url('2026-12-23T09:00:00Z')).toISOString()).toBe('2026-12-23T09:00:00.000Z');
    expect(clockOf(url('2026-07-01')).toISOString()).toBe('2026-07-01T10:00:00.000Z'); // CEST
    expect(todayOf(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    const before = Date.now();
    expect(clockOf(url('tomorrow')).getTime()).toBeGreaterThanOrEqual(before);
  });

  it('gives the parser’s error for invalid hours, and nothing for none', () => {
    const invalid = previewHours('Mo-Fx 08:00-12:00', new Date('2026-12-23T09:00:00Z'));
    expect(invalid.kind).toBe('invalid');
    expect(invalid.kind === 'invalid' && invalid.error.length).toBeGreaterThan(0);
    expect(previewHours('  ', new Date()).kind).toBe('empty');
  });

  it('says open or closed now, the next opening and seven days in German, holidays marked', () => {
    const preview = previewHours(
      'Mo-Fr 08:30-12:30, Th 14:00-24:00; PH off',
      new Date('2026-12-23T12:00:00Z'), // Wed 13:00
    );
    if (preview.kind !== 'valid') throw new Error(preview.kind);
    expect(preview.state).toBe('closed');
    expect(preview.at).toBe('Mittwoch, 23. Dezember, 13:00 Uhr');
    expect(preview.nextOpening).toBe('Donnerstag, 24. Dezember, 08:30 Uhr');
    expect(
      preview.days.map((d) => `${d.label}: ${d.publicHoliday ? 'Feiertag, ' : ''}${d.hours}`),
    ).toEqual([
      'Mittwoch, 23. Dezember: 08:30–12:30 Uhr',
      'Donnerstag, 24. Dezember: 08:30–12:30, 14:00–24:00 Uhr',
      'Freitag, 25. Dezember: Feiertag, geschlossen',
      'Samstag, 26. Dezember: Feiertag, geschlossen',
      'Sonntag, 27. Dezember: geschlossen',
      'Montag, 28. Dezember: 08:30–12:30 Uhr',
      'Dienstag, 29. Dezember: 08:30–12:30 Uhr',
    ]);
  });
});
