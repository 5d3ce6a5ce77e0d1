import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeptWegweisers, type KeptWegweiser } from './kept-wegweisers.js';
import type { UsageEvent } from './usage.js';

const answer = (bytes: number): KeptWegweiser => ({
  json: 'x'.repeat(bytes),
  bytes,
  complete: false,
});
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
const counts: UsageEvent[] = [{ kind: 'wegweiser_completion', key: 'work', lang: 'de' }];

describe('KeptWegweisers', () => {
  it('keeps a Wegweiser only when its decision comes a second time', () => {
    const kept = new KeptWegweisers(sha256);
    kept.built('a', answer(10));
    expect(kept.get('a')).toBeUndefined();
    const again = answer(10);
    kept.built('a', again);
    expect(kept.get('a')).toBe(again);
    expect(kept.size).toBe(1);
  });

  it('holds at most its bound, the oldest answers going first', () => {
    const kept = new KeptWegweisers(sha256, { maxBytes: 5_000 });
    for (const key of ['a', 'b', 'c', 'd', 'e'])
      for (let time = 0; time < 2; time++) kept.built(key, answer(1_000));
    expect(kept.get('a')).toBeUndefined();
    expect(kept.get('e')).toBeDefined();
    expect(kept.size).toBeLessThan(5);
  });

  it('forgets decisions seen once when there are too many, and keeps nothing for them', () => {
    const kept = new KeptWegweisers(sha256, { maxSeenOnce: 3 });
    for (const key of ['a', 'b', 'c', 'd']) kept.built(key, answer(10));
    // 'a' was forgotten with the others when 'd' came: its second time counts as a first.
    kept.built('a', answer(10));
    expect(kept.get('a')).toBeUndefined();
    kept.built('d', answer(10));
    expect(kept.get('d')).toBeDefined();
    kept.built('a', answer(10));
    expect(kept.get('a')).toBeDefined();
  });
});

describe('requests answered with kept Wegweisers', () => {
  const body = '{"profile":{"age":34,"municipality":"Pfinztal"},"lang":"de"}';

  it('are known by a keyed hash of body and day, never by their text', () => {
    const kept = new KeptWegweisers(sha256);
    const key = kept.requestKey(body, '2026-11-25');
    expect(key).toBe(sha256(`2026-11-25\n${body}`));
    expect(key).not.toContain('Pfinztal');
    expect(kept.requestKey(body, '2026-11-26')).not.toBe(key);
    expect(kept.requestKey(body.replace('34', '35'), '2026-11-25')).not.toBe(key);
  });

  it('are remembered only when their decision is kept, and answered with it and its counts', () => {
    const kept = new KeptWegweisers(sha256);
    const request = kept.requestKey(body, '2026-11-25');
    kept.built('a', answer(10));
    kept.answered(request, 'a', counts);
    expect(kept.answeredBefore(request)).toBeUndefined();
    const wegweiser = answer(10);
    kept.built('a', wegweiser);
    kept.answered(request, 'a', counts);
    expect(kept.answeredBefore(request)).toEqual({ wegweiser, events: counts });
    expect(kept.requests).toBe(1);
  });

  it('are forgotten with their Wegweiser, and the oldest go first past the bound', () => {
    // Room for two answers of 1,000 bytes (with their bookkeeping, cache.ts), and two requests.
    const kept = new KeptWegweisers(sha256, { maxBytes: 2_600, maxRequests: 2 });
    for (const decision of ['a', 'b', 'c'])
      for (let time = 0; time < 2; time++) kept.built(decision, answer(1_000));
    kept.answered('request b', 'b', []);
    kept.answered('request c', 'c', []);
    expect(kept.answeredBefore('request b')).toBeDefined();
    // Keeping d makes room by dropping b: its request is routed again.
    for (let time = 0; time < 2; time++) kept.built('d', answer(1_000));
    expect(kept.answeredBefore('request b')).toBeUndefined();
    expect(kept.requests).toBe(1);
    kept.answered('request d', 'd', []);
    kept.answered('request d2', 'd', []);
    expect(kept.requests).toBe(2);
    expect(kept.answeredBefore('request c')).toBeUndefined();
    expect(kept.answeredBefore('request d2')).toBeDefined();
  });
});
