import { describe, expect, it } from 'vitest';
import { bodyBytes, ResponseCache, type CachedResponse } from './cache.js';

const answer = (bytes: number): CachedResponse => ({
  body: new Uint8Array(bytes),
  etag: 'W/"x"',
});

describe('ResponseCache', () => {
  it('keeps answers until their size passes the bound, then drops the oldest first', () => {
    const cache = new ResponseCache(bodyBytes, 5_100);
    for (let i = 0; i < 4; i++) cache.set(`S/a${i}`, answer(1_000), 1);
    expect(cache.size).toBe(4);
    cache.set('S/a4', answer(1_000), 1);
    expect(cache.get('S/a0')).toBeUndefined();
    expect(cache.get('S/a1')).toBeDefined();
    expect(cache.get('S/a4')).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(5_100);
  });

  it('drops the time-sensitive answers of a past minute when the minute turns', () => {
    const cache = new ResponseCache(bodyBytes);
    cache.set('S/stable', answer(10), 7);
    cache.set('T/open#7', answer(10), 7);
    cache.set('T/other#8', answer(10), 8);
    expect(cache.get('T/open#7')).toBeUndefined();
    expect(cache.get('S/stable')).toBeDefined();
    expect(cache.get('T/other#8')).toBeDefined();
  });

  it('counts a replaced answer once and refuses one larger than the whole bound', () => {
    const cache = new ResponseCache(bodyBytes, 3_000);
    cache.set('S/a', answer(1_000), 1);
    const once = cache.bytes;
    cache.set('S/a', answer(1_000), 1);
    expect(cache.bytes).toBe(once);
    cache.set('S/huge', answer(10_000), 1);
    expect(cache.get('S/huge')).toBeUndefined();
    expect(cache.get('S/a')).toBeDefined();
  });
});
