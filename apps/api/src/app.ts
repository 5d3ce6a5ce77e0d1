import {
  ConflictError,
  isDatabaseUnavailable,
  NotFoundError,
  VersionConflictError,
} from '@ankommen/db';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, Services } from './env.js';
import { fieldErrors, problemResponse, ProblemError, validationProblem } from './problem.js';
import { docsRoutes } from './routes/docs.js';
import { hsdsRoutes } from './routes/hsds.js';
import { publicRoutes } from './routes/public.js';
import { clientAddressOf } from './rate-limit.js';
import { textGuard } from './text-guard.js';

const targetNames: Record<string, string> = {
  json: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
  cookie: 'cookie',
};

export interface AppOptions {
  services: Services;
  /** Routes added after the public ones (the staff API), so that they share errors and headers. */
  extend?: (app: OpenAPIHono<AppEnv>) => void;
  /** The client's address, from the connection; tests pass none. */
  clientAddress?: (c: Context) => string | undefined;
}

/** The routes of the OpenAPI document, in the order the app matches them. */
export function documentedRoutes(
  app: OpenAPIHono<AppEnv>,
  extend?: (app: OpenAPIHono<AppEnv>) => void,
): void {
  publicRoutes(app);
  hsdsRoutes(app);
  extend?.(app);
  docsRoutes(app);
}

/** The Hono application: public API, HSDS, docs and (through `extend`) the staff API. */
export function createApp({ services, extend, clientAddress }: AppOptions): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw validationProblem(
          fieldErrors(result.error.issues, targetNames[result.target] ?? result.target),
        );
      }
    },
  });

  app.use('*', async (c, next) => {
    c.set('services', services);
    const socketAddress = clientAddress?.(c);
    c.set('viaTrustedProxy', services.config.TRUST_PROXY(socketAddress));
    c.set(
      'clientAddress',
      clientAddressOf(c.req.header('x-forwarded-for'), socketAddress, services.config.TRUST_PROXY),
    );
    // The security headers are set by the HTTP server on every answer (http.ts).
    await next();
  });

  // CORS: open on the public API, HSDS and the OpenAPI document (the header itself is set by
  // the HTTP server, http.ts); closed on the staff API. Answers preflight requests here.
  const publicCors: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.path.startsWith('/v1/admin')) return next();
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers':
          c.req.header('access-control-request-headers') ?? 'Content-Type',
        'Access-Control-Max-Age': '86400',
      });
    }
    return next();
  };
  for (const path of ['/v1/*', '/hsds', '/hsds/*', '/openapi.json']) app.use(path, publicCors);
  const tooLarge = () => {
    throw new ProblemError(413, 'too-large', 'The request body is too large');
  };
  // Rule sets with their personas are large; public bodies (a profile) are small. A declared
  // length is checked cheaply; only bodies without one are counted as they stream in.
  const limits = { staff: 2 * 1024 * 1024, public: 64 * 1024 };
  const staffLimit = bodyLimit({ maxSize: limits.staff, onError: tooLarge });
  const publicLimit = bodyLimit({ maxSize: limits.public, onError: tooLarge });
  app.use('*', (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS')
      return next();
    const staff = c.req.path.startsWith('/v1/admin/');
    const declared = c.req.header('content-length');
    if (declared !== undefined && /^\d+$/.test(declared)) {
      if (Number(declared) > (staff ? limits.staff : limits.public)) tooLarge();
      return next();
    }
    return staff ? staffLimit(c, next) : publicLimit(c, next);
  });

  // Routing and its questions share one budget per client: both evaluate the rules.
  const routeLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
    const wait = services.limits.route.hit(c.get('clientAddress'));
    if (wait > 0) {
      throw new ProblemError(429, 'rate-limited', 'Too many requests', {
        detail: `Try again in ${wait} s.`,
        retryAfter: wait,
      });
    }
    await next();
  };
  app.use('/v1/route', routeLimit);
  app.use('/v1/route/questions', routeLimit);

  // The staff API checks text after sign-in (access.ts): strangers learn nothing of its fields.
  app.use('*', (c, next) => (c.req.path.startsWith('/v1/admin/') ? next() : textGuard(c, next)));

  // Reports a database outage while it lasts; public reads go on from the read model meanwhile.
  app.get('/health', async (c) => {
    const database = services.database ? await services.database.health() : undefined;
    const ok = database?.ok !== false;
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        status: ok ? 'ok' : 'degraded',
        revision: services.readModel().revision,
        database: database ?? null,
      },
      ok ? 200 : 503,
    );
  });

  documentedRoutes(app, extend);

  app.notFound((c) =>
    problemResponse(
      c,
      new ProblemError(404, 'not-found', 'Not found', {
        detail: `No route ${c.req.method} ${c.req.path}.`,
      }).toProblem(),
    ),
  );

  app.onError((error, c) => {
    if (error instanceof ProblemError) {
      const headers: Record<string, string> = {};
      if (typeof error.extra.retryAfter === 'number')
        headers['Retry-After'] = String(error.extra.retryAfter);
      return problemResponse(c, error.toProblem(), headers);
    }
    if (error instanceof VersionConflictError) {
      return problemResponse(
        c,
        new ProblemError(409, 'version-conflict', 'Someone changed this first', {
          detail:
            'Your change was not saved. Reload, apply your change again, and send the new version.',
          currentVersion: (error as { current?: number }).current ?? null,
        }).toProblem(),
      );
    }
    if (error instanceof ConflictError) {
      return problemResponse(c, new ProblemError(409, 'conflict', error.message).toProblem());
    }
    if (error instanceof NotFoundError) {
      return problemResponse(c, new ProblemError(404, 'not-found', error.message).toProblem());
    }
    if (error instanceof HTTPException && error.status < 500) {
      const problem = new ProblemError(
        error.status as 400,
        'bad-request',
        error.message || 'Bad request',
        {
          ...(error.message.includes('JSON')
            ? { errors: [{ field: 'body', message: 'is not valid JSON' }] }
            : {}),
        },
      );
      return problemResponse(c, problem.toProblem());
    }
    if (isDatabaseUnavailable(error)) {
      // An outage, not a bug: public reads go on from the read model; this one may be retried.
      // Only the kind of failure: a failed query's message carries its parameters.
      const code = (error as { code?: unknown; cause?: { code?: unknown } }).cause?.code;
      console.warn(
        `${c.req.method} ${c.req.path}: database unavailable (${error.name}${typeof code === 'string' ? ` ${code}` : ''})`,
      );
      return problemResponse(
        c,
        new ProblemError(503, 'unavailable', 'The database is not available right now', {
          detail:
            'Your change may not have been saved. Try again in a few seconds; reload first to see whether it was.',
        }).toProblem(),
        { 'Retry-After': '5' },
      );
    }
    // Log the error, never the request body: it may hold a newcomer's answers.
    console.error(`${c.req.method} ${c.req.path} failed:`, error);
    return problemResponse(
      c,
      new ProblemError(500, 'internal', 'Internal server error').toProblem(),
    );
  });

  return app;
}
