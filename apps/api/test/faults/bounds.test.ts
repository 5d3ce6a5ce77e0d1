/**
 * Bounds that keep one request from taking the server down: body sizes (declared or
 * streamed without a length) and PostgreSQL statement timeouts on every pooled connection.
 */
import { createTarget, describeOn, type TestTarget } from '@ankommen/db/testing';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../src/testing/harness.js';

interface Answered {
  status: number;
  contentType: string | undefined;
  body: string;
}

/**
 * POSTs `size` bytes in 16 KB chunks with `Transfer-Encoding: chunked` (no Content-Length),
 * and stops sending once the server has answered, as a well-behaved client would.
 */
function postChunked(
  origin: string,
  path: string,
  size: number,
  headers: Record<string, string> = {},
): Promise<Answered> {
  const url = new URL(path, origin);
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (response) => {
        answered = true;
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'],
            body,
          }),
        );
        response.on('error', reject);
      },
    );
    // Once answered, the server may close the connection while we still write: not an error.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(16 * 1024, ' ');
    let sent = 0;
    const pump = () => {
      while (!answered && sent < size) {
        sent += chunk.length;
        if (!request.write(chunk)) {
          request.once('drain', pump);
          return;
        }
      }
      request.end();
    };
    request.write('{"profile":');
    pump();
  });
}

describe('request body limits', () => {
  let api: TestApi;
  let origin = '';
  beforeAll(async () => {
    api = await startTestApi();
    // The harness knows its own address; a request tells us.
    origin = new URL((await api.request('/health')).url).origin;
  });
  afterAll(() => api?.close());

  const expectTooLarge = (
    answer: Answered | { status: number; contentType: string | undefined; body: string },
  ) => {
    expect(answer.status).toBe(413);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.body)).toMatchObject({
      status: 413,
      title: 'The request body is too large',
    });
  };

  const postDeclared = async (path: string, size: number): Promise<Answered> => {
    const response = await api.request(path, { method: 'POST', body: `"${' '.repeat(size)}"` });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      body: await response.text(),
    };
  };

  it('refuses a public body over 64 KB, with and without a declared length', async () => {
    expectTooLarge(await postDeclared('/v1/route', 65 * 1024));
    expectTooLarge(await postChunked(origin, '/v1/route', 65 * 1024));
    expectTooLarge(await postChunked(origin, '/v1/route?view=compact', 10 * 1024 * 1024));
    // Just under the limit the body is read and judged on its content.
    expect((await postChunked(origin, '/v1/route', 32 * 1024)).status).toBe(400);
  });

  it('refuses a staff body over 2 MB, with and without a declared length, before sign-in', async () => {
    expectTooLarge(await postDeclared('/v1/admin/rule-sets', 2 * 1024 * 1024 + 1));
    expectTooLarge(await postChunked(origin, '/v1/admin/rule-sets', 3 * 1024 * 1024));
    const cookie = await api.signIn('editor');
    expectTooLarge(await postChunked(origin, '/v1/admin/rule-sets', 3 * 1024 * 1024, { cookie }));
    // Staff bodies may be larger than public ones (rule sets with their personas).
    const large = await postChunked(origin, '/v1/admin/rule-sets', 256 * 1024, { cookie });
    expect(large.status).toBe(400);
  });
});

const run = describeOn('postgres');
run('PostgreSQL statement timeouts', () => {
  let target: TestTarget | undefined;
  let api: TestApi | undefined;
  beforeAll(async () => {
    target = await createTarget('postgres');
    api = await startTestApi(target.options);
  });
  afterAll(async () => {
    await api?.close();
    await target?.dispose();
  });

  it('are set on every connection of the pool the API uses', async () => {
    const db = api!.system.database.db;
    // Ten transactions at once hold ten different connections of the pool.
    const settings = await Promise.all(
      Array.from({ length: 10 }, () =>
        db.transaction(async (tx) => {
          // The pool is PostgreSQL's (node-postgres): its results carry `rows`.
          const shown = (await tx.execute('show statement_timeout')) as unknown as {
            rows: { statement_timeout: string }[];
          };
          const backend = (await tx.execute(
            'select pg_backend_pid() as pid, pg_sleep(0.2)',
          )) as unknown as { rows: { pid: number }[] };
          return { timeout: shown.rows[0]!.statement_timeout, pid: backend.rows[0]!.pid };
        }),
      ),
    );
    expect(new Set(settings.map((s) => s.pid)).size).toBe(10);
    expect(settings.every((s) => s.timeout === '5s')).toBe(true);
  });

  it('cancel a statement that runs too long', async () => {
    const started = performance.now();
    const error = await api!.system.database.db.execute('select pg_sleep(30)').then(
      () => undefined,
      (reason: unknown) => reason as { cause?: { code?: string }; code?: string },
    );
    expect(error?.cause?.code ?? error?.code).toBe('57014'); // query_canceled
    // Liveness bound only: far below the 30 s asked for.
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
