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

/**
 * The client a request counts against: behind a proxy we trust (TRUST_PROXY), the last
 * X-Forwarded-For entry, the one that proxy added (earlier entries are the client's own word),
 * else the connection's address. Shared by the app and the HTTP server's
 * fast path, so that both count the same client alike.
 */
export function clientAddressOf(
  forwardedFor: string | undefined,
  socketAddress: string | undefined,
  trustProxy: boolean,
): string {
  const forwarded = trustProxy ? forwardedFor?.split(',').at(-1)?.trim() : undefined;
  return forwarded || socketAddress || 'local';
}
