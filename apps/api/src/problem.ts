import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';

/** One field at fault, as a dotted path into the request (`query.page`, `body.profile.age`). */
export const FieldError = z.object({ field: z.string(), message: z.string() }).strict();
export type FieldError = z.infer<typeof FieldError>;

/** An RFC 9457 problem: the only error shape the API answers with. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(FieldError).optional().describe('Every field at fault'),
    retryAfter: z.number().int().optional().describe('Seconds to wait (429)'),
    currentVersion: z
      .number()
      .int()
      .nullable()
      .optional()
      .describe('The version to write against (409)'),
  })
  .strict()
  .meta({
    id: 'Problem',
    description: 'An RFC 9457 problem: what went wrong, and for a bad request every field at fault',
  });
export type Problem = z.infer<typeof Problem>;

const typeBase = 'https://ankommen.example/problems/';

/** Throw anywhere in a handler: the error handler turns it into application/problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly slug: string,
    readonly title: string,
    // The staff API adds extensions of its own (e.g. `failingPersonas`).
    readonly extra: Omit<Partial<Problem>, 'type' | 'title' | 'status'> &
      Record<string, unknown> = {},
  ) {
    super(title);
    this.name = 'ProblemError';
  }

  toProblem(): Problem & Record<string, unknown> {
    return {
      type: `${typeBase}${this.slug}`,
      title: this.title,
      status: this.status,
      ...this.extra,
    };
  }
}

export function problemResponse(
  c: Context,
  problem: Problem,
  headers: Record<string, string> = {},
): Response {
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, {
    'Content-Type': 'application/problem+json',
    ...headers,
  });
}

/** Field errors from zod issues, with paths prefixed by where the value came from. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], prefix: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        errors.push({ field: `${path}.${key}`, message: 'is not a known field' });
    } else {
      errors.push({ field: path, message: issue.message });
    }
  }
  return errors;
}

export function validationProblem(errors: FieldError[]): ProblemError {
  const fields = [...new Set(errors.map((e) => e.field))].join(', ');
  return new ProblemError(400, 'validation', 'The request is invalid', {
    detail: `Check ${fields}.`,
    errors,
  });
}
