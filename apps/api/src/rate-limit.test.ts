import { describe, expect, it } from 'vitest';
import { clientAddressOf, createRateLimiter } from './rate-limit.js';

describe('clientAddressOf', () => {
  it('behind a trusted proxy takes the address the proxy added, not one the client wrote', () => {
    expect(clientAddressOf('203.0.113.9, 198.51.100.7', '10.0.0.2', true)).toBe('198.51.100.7');
    expect(clientAddressOf('198.51.100.7', '10.0.0.2', true)).toBe('198.51.100.7');
  });

  it('without a trusted proxy ignores X-Forwarded-For', () => {
    expect(clientAddressOf('203.0.113.9', '10.0.0.2', false)).toBe('10.0.0.2');
  });
});

describe('createRateLimiter', () => {
  it('refuses past the limit until the window ends', () => {
    const limiter = createRateLimiter(2, 60_000);
    expect(limiter.hit('a', 0)).toBe(0);
    expect(limiter.hit('a', 1_000)).toBe(0);
    expect(limiter.hit('a', 2_000)).toBe(58);
    expect(limiter.hit('a', 60_000)).toBe(0);
  });

  it('keeps a live lock when many other keys fill its memory', () => {
    const limiter = createRateLimiter(1, 60_000, 100);
    limiter.hit('victim', 0);
    expect(limiter.hit('victim', 0)).toBeGreaterThan(0);
    // Keys of ended windows make room first; the victim's window has not ended.
    for (let i = 0; i < 98; i++) limiter.hit(`old${i}`, -120_000);
    for (let i = 0; i < 50; i++) limiter.hit(`new${i}`, 1_000);
    expect(limiter.hit('victim', 2_000)).toBeGreaterThan(0);
  });
});
