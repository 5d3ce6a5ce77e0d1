import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { validationProblem, type FieldError } from './problem.js';

// NUL cannot be stored in PostgreSQL text or jsonb (a write would fail deep down, as a 500),
// and an unpaired surrogate is no character at all (stored as an escape or as U+FFFD).
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const isUnstorable = (text: string) => text.includes('\0') || loneSurrogate.test(text);
const message = 'must not contain NUL or unpaired surrogate characters';

/** Every string (value or key) in `value` that holds an unstorable character, by its path. */
export function textFaults(value: unknown, path: string, found: FieldError[] = []): FieldError[] {
  if (typeof value === 'string') {
    if (isUnstorable(value)) found.push({ field: path, message });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => textFaults(item, `${path}.${index}`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (isUnstorable(key)) found.push({ field: `${path}.${key}`, message });
      else textFaults(item, `${path}.${key}`, found);
    }
  }
  return found;
}

/**
 * Refuses unstorable text in the query string and JSON bodies before any route runs, naming
 * the field. The JSON is parsed once here; Hono hands the validator the same parsed body.
 */
export const textGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const found: FieldError[] = [];
  for (const [key, values] of Object.entries(c.req.queries()))
    if ([key, ...values].some((text) => isUnstorable(text)))
      found.push({ field: `query.${key}`, message });
  const type = c.req.header('content-type') ?? '';
  if (
    c.req.method !== 'GET' &&
    c.req.method !== 'HEAD' &&
    /^application\/(.+\+)?json/i.test(type)
  ) {
    const body: unknown = await c.req.json().catch(() => undefined);
    textFaults(body, 'body', found);
  }
  if (found.length > 0) throw validationProblem(found);
  await next();
};
