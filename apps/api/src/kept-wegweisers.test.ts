import { describe, expect, it } from 'vitest';
import { KeptWegweisers, type KeptWegweiser } from './kept-wegweisers.js';

const answer = (bytes: number): KeptWegweiser => ({
  json: 'x'.repeat(bytes),
  bytes,
  complete: false,
});

describe('KeptWegweisers', () => {
  it('keeps a Wegweiser only when its decision comes a second time', () => {
    const kept = new KeptWegweisers();
    kept.built('a', answer(10));
    expect(kept.get('a')).toBeUndefined();
    const again = answer(10);
    kept.built('a', again);
    expect(kept.get('a')).toBe(again);
    expect(kept.size).toBe(1);
  });

  it('holds at most its bound, the oldest answers going first', () => {
    const kept = new KeptWegweisers(5_000);
    for (const key of ['a', 'b', 'c', 'd', 'e'])
      for (let time = 0; time < 2; time++) kept.built(key, answer(1_000));
    expect(kept.get('a')).toBeUndefined();
    expect(kept.get('e')).toBeDefined();
    expect(kept.size).toBeLessThan(5);
  });

  it('forgets decisions seen once when there are too many, and keeps nothing for them', () => {
    const kept = new KeptWegweisers(5_000, 3);
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
