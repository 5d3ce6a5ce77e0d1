import type { Problem } from './api.generated.js';

/** A field the API named as wrong, as a dotted path into the request (`query.perPage`). */
export type FieldError = NonNullable<Problem['errors']>[number];

/** Any answer of the API outside 2xx. */
export abstract class ApiError extends Error {
  /** The HTTP status. */
  abstract readonly status: number;
  /** The URL that was asked. */
  abstract readonly url: string;
}

/**
 * An error the API explained as `application/problem+json` (RFC 9457): a validation error
 * names every field at fault in `errors`; a 404 says what was not found.
 */
export class ApiProblemError extends ApiError {
  override readonly name = 'ApiProblemError';
  /** A URI naming the kind of problem, e.g. `https://ankommen.example/problems/validation`. */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string | undefined;
  /** Every field at fault; empty when the problem is not about fields. */
  readonly errors: FieldError[];

  constructor(
    /** The whole problem, extensions (such as `retryAfter`) included. */
    readonly problem: Problem,
    readonly url: string,
  ) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }
}

/** An answer outside 2xx that is not a problem document (e.g. from a proxy in between). */
export class ApiHttpError extends ApiError {
  override readonly name = 'ApiHttpError';

  constructor(
    readonly status: number,
    readonly statusText: string,
    /** The body as text, for diagnosis. */
    readonly body: string,
    readonly url: string,
  ) {
    super(`${status} ${statusText} from ${url}`);
  }
}
