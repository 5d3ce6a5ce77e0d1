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

export function createRateLimiter(limit: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key, now = Date.now()) {
      let window = windows.get(key);
      if (!window || now - window.start >= windowMs) {
        if (windows.size > 50_000) windows.clear();
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
 * The client a request counts against: the first X-Forwarded-For entry behind a proxy we
 * trust (TRUST_PROXY), else the connection's address. Shared by the app and the HTTP server's
 * fast path, so that both count the same client alike.
 */
export function clientAddressOf(
  forwardedFor: string | undefined,
  socketAddress: string | undefined,
  trustProxy: boolean,
): string {
  const forwarded = trustProxy ? forwardedFor?.split(',')[0]?.trim() : undefined;
  return forwarded || socketAddress || 'local';
}
