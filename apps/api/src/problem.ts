import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** One field at fault, as a dotted path into the request (`query.page`, `body.profile.age`). */
export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem: the only error shape the API answers with. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const typeBase = 'https://ankommen.example/problems/';

/** Throw anywhere in a handler: the error handler turns it into application/problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly slug: string,
    readonly title: string,
    readonly extra: Omit<Partial<Problem>, 'type' | 'title' | 'status'> = {},
  ) {
    super(title);
    this.name = 'ProblemError';
  }

  toProblem(): Problem {
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
