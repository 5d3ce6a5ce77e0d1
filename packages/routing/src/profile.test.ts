import { describe, expect, it } from 'vitest';
import { parseProfile } from './profile.js';

describe('parseProfile', () => {
  it('accepts a partial profile: every field may stay unanswered', () => {
    expect(parseProfile({})).toEqual({ success: true, profile: {} });
    expect(parseProfile({ age: 27, residence: 'karlsruhe_city' }).success).toBe(true);
  });

  it('names an unknown field instead of ignoring it', () => {
    const result = parseProfile({ age: 30, favourite_colour: 'blue' });
    expect(result).toEqual({
      success: false,
      issues: [{ field: 'favourite_colour', message: 'is not a profile field' }],
    });
  });

  it('names every ill-typed field at once, with its path', () => {
    const result = parseProfile({
      age: '30',
      citizenship: 'martian',
      children: [3, -1],
      needs: ['teleport'],
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map((i) => i.field).sort()).toEqual([
      'age',
      'children.1',
      'citizenship',
      'needs.0',
    ]);
  });

  it('accepts arrival dates as month or day, and refuses impossible ones', () => {
    expect(parseProfile({ arrival_date: '2025-04' }).success).toBe(true);
    expect(parseProfile({ arrival_date: '2024-02-29' }).success).toBe(true);
    expect(parseProfile({ arrival_date: '2025-02-29' }).success).toBe(false);
    expect(parseProfile({ arrival_date: '2025-13' }).success).toBe(false);
    expect(parseProfile({ arrival_date: 'last spring' }).success).toBe(false);
  });

  it('bounds ages and refuses non-integers', () => {
    expect(parseProfile({ age: 121 }).success).toBe(false);
    expect(parseProfile({ age: 26.5 }).success).toBe(false);
    expect(parseProfile({ nationality: 'ua' }).success).toBe(false);
  });
});
