import { describe, expect, it } from 'vitest';
import { clientAddressOf, createRateLimiter, proxyTrust } from './rate-limit.js';

describe('clientAddressOf', () => {
  const always = proxyTrust('true')!;
  it('behind a trusted proxy takes the address the proxy added, not one the client wrote', () => {
    expect(clientAddressOf('203.0.113.9, 198.51.100.7', '10.0.0.2', always)).toBe('198.51.100.7');
    expect(clientAddressOf('198.51.100.7', '10.0.0.2', always)).toBe('198.51.100.7');
  });

  it('believes X-Forwarded-For only from the proxies it trusts', () => {
    const local = proxyTrust('loopback')!;
    expect(clientAddressOf('203.0.113.9', '127.0.0.1', local)).toBe('203.0.113.9');
    expect(clientAddressOf('203.0.113.9', '::ffff:127.0.0.1', local)).toBe('203.0.113.9');
    expect(clientAddressOf('203.0.113.9', '198.51.100.7', local)).toBe('198.51.100.7');
    const listed = proxyTrust('10.0.0.2, loopback')!;
    expect(clientAddressOf('203.0.113.9', '10.0.0.2', listed)).toBe('203.0.113.9');
    expect(clientAddressOf('203.0.113.9', '10.0.0.3', listed)).toBe('10.0.0.3');
    expect(clientAddressOf('203.0.113.9', '127.0.0.1', proxyTrust('false')!)).toBe('127.0.0.1');
  });

  it('refuses a setting that is no address', () => {
    expect(proxyTrust('proxy.example.org')).toBeUndefined();
    expect(proxyTrust('10.0.0.2,')).toBeUndefined();
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
