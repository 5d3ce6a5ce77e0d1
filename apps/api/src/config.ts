import { z } from 'zod';
import { proxyTrust } from './rate-limit.js';

const Flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The API's settings, from the environment; every setting has a safe default except secrets. */
export const Config = z.object({
  API_PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  API_HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined)
    .pipe(z.url().optional()),
  /** Requests a client may make to POST /v1/route and /v1/route/questions per minute. */
  ROUTE_RATE_LIMIT: z.coerce.number().int().min(1).default(120),
  /** Sign-in attempts per account (from any client) per 15 minutes before sign-in is refused. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(5),
  /**
   * Failed sign-ins per client address (for any accounts) per 15 minutes: stops one client
   * trying a password on many accounts. Successful sign-ins do not count.
   */
  LOGIN_CLIENT_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(8 * 60),
  /** Set behind a TLS-terminating proxy: cookies get `Secure`, responses get HSTS. */
  TLS: Flag.default(false),
  /**
   * Who may tell the client's address (X-Forwarded-For, X-Forwarded-Host): `loopback` (the
   * default: a proxy, the site and the dashboard on this machine), a comma-separated list of
   * proxy addresses, `true` (any peer) or `false` (nobody).
   */
  TRUST_PROXY: z
    .string()
    .default('loopback')
    .transform((setting, ctx) => {
      const trust = proxyTrust(setting);
      if (!trust) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be true, false, loopback or a comma-separated list of IP addresses',
        });
        return z.NEVER;
      }
      return trust;
    }),
  /**
   * A fixed time, e.g. `2026-11-25T09:00:00Z`, for demonstrations and end-to-end tests: "open
   * now" and the Wegweiser's evaluation date then never depend on the day they run.
   */
  CLOCK: z.iso.datetime({ offset: true }).optional(),
  /** `off` stops the aggregated planning counts (ADR 0014). */
  USAGE_COUNTS: z.enum(['on', 'off']).default('on'),
});
export type Config = z.infer<typeof Config>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = Config.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
