import { describe, expect, it } from 'vitest';
import { freshness, staleBefore } from './freshness';

describe('freshness', () => {
  it('counts a check as stale from twelve months back, and never-checked entries too', () => {
    expect(staleBefore('2026-11-25')).toBe('2025-11-25');
    const entries = [
      { id: 'never', verifiedAt: null, source: { url: 'https://a.example' } },
      { id: 'old', verifiedAt: '2025-11-24', source: { url: 'https://a.example' } },
      { id: 'fresh', verifiedAt: '2025-11-25', source: { url: 'https://a.example' } },
      { id: 'unsourced', verifiedAt: '2026-10-01' },
      { id: 'example', verifiedAt: '2026-10-01', exampleData: true },
    ];
    const { unchecked, withoutSource } = freshness(entries, '2026-11-25');
    expect(unchecked.map((e) => e.id)).toEqual(['never', 'old']);
    expect(withoutSource.map((e) => e.id)).toEqual(['unsourced']);
  });
});
