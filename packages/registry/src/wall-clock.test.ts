import { describe, expect, it } from 'vitest';
import { dateIn, fromWallClock, toWallClock } from './wall-clock.js';

describe('wall clock', () => {
  it('round-trips instants through Berlin wall-clock time, across both clock changes', () => {
    // 2026-10-25T00:30Z is left out: its wall time 02:30 occurs twice that night, and maps to the later one.
    for (const iso of [
      '2026-01-15T10:00:00.000Z',
      '2026-03-29T00:59:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-10-25T01:30:00.000Z',
      '2026-10-25T02:30:00.000Z',
    ]) {
      const instant = new Date(iso);
      expect(
        fromWallClock(toWallClock(instant, 'Europe/Berlin'), 'Europe/Berlin').toISOString(),
      ).toBe(iso);
    }
  });

  it('shows the local fields of the zone', () => {
    const wall = toWallClock(new Date('2026-07-01T22:30:00Z'), 'Europe/Berlin');
    expect([wall.getDate(), wall.getHours(), wall.getMinutes()]).toEqual([2, 0, 30]);
    expect(dateIn(new Date('2026-07-01T22:30:00Z'), 'Europe/Berlin')).toBe('2026-07-02');
  });
});
