import { isIP } from 'node:net';

/**
 * A fixed-window counter per key, in memory: enough for one process. Keys are client
 * addresses (and account names for sign-in); nothing else about the request is kept.
 */
export interface RateLimiter {
  /** Counts a hit; returns the seconds to wait when the key is over its limit, else 0. */
  hit(key: string, now?: number): number;
  reset(key: string): void;
  /** Takes one hit back: the attempt it counted turned out to be legitimate. */
  forgive(key: string): void;
}

export function createRateLimiter(limit: number, windowMs: number, maxKeys = 50_000): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  // Bounded memory: ended windows go first; only if none has ended, the oldest one (a Map
  // iterates in insertion order). Never all at once, which would lift every lock.
  const forgetOldest = (now: number) => {
    for (const [key, window] of windows) if (now - window.start >= windowMs) windows.delete(key);
    if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
  };
  return {
    hit(key, now = Date.now()) {
      let window = windows.get(key);
      if (!window || now - window.start >= windowMs) {
        if (windows.size >= maxKeys) forgetOldest(now);
        window = { start: now, count: 0 };
        windows.set(key, window);
      }
      window.count++;
      return window.count > limit ? Math.ceil((window.start + windowMs - now) / 1000) : 0;
    },
    reset(key) {
      windows.delete(key);
    },
    forgive(key) {
      const window = windows.get(key);
      if (window && window.count > 0) window.count--;
    },
  };
}

/** Whether a request from this address may tell us the client's address (X-Forwarded-*). */
export type ProxyTrust = (socketAddress: string | undefined) => boolean;

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Reads TRUST_PROXY: `false` (never), `true` (any peer: only where nothing but the proxy can
 * reach the API), `loopback` (a proxy, the site or the dashboard on this machine), or a
 * comma-separated list of proxy addresses (which may include `loopback`).
 */
export function proxyTrust(setting: string): ProxyTrust | undefined {
  const value = setting.trim();
  if (value === 'false' || value === '0') return () => false;
  if (value === 'true' || value === '1') return () => true;
  const addresses = value.split(',').map((a) => a.trim());
  if (addresses.some((a) => a !== 'loopback' && isIP(a) === 0)) return undefined;
  const trusted = new Set(addresses.flatMap((a) => (a === 'loopback' ? [...loopback] : [a])));
  return (address) => address !== undefined && trusted.has(address);
}

/**
 * The client a request counts against: from a proxy we trust (TRUST_PROXY), the last
 * X-Forwarded-For entry, the one that proxy added (earlier entries are the client's own word);
 * else the connection's address. Shared by the app and the HTTP server's fast path, so that
 * both count the same client alike.
 */
export function clientAddressOf(
  forwardedFor: string | undefined,
  socketAddress: string | undefined,
  trust: ProxyTrust,
): string {
  const forwarded = trust(socketAddress) ? forwardedFor?.split(',').at(-1)?.trim() : undefined;
  return forwarded || socketAddress || 'local';
}
