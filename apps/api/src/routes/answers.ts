import type { z } from 'zod';
import { Problem } from '../problem.js';

/** A JSON answer of an OpenAPI route, with its schema. */
export const json = <S extends z.ZodType>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A problem answer (RFC 9457) of an OpenAPI route. */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

/** The answer of every route to input it refuses. */
export const invalid = {
  400: problem('The request is invalid; `errors` names every field at fault'),
};
