/**
 * Graceful shutdown of the built API: SIGTERM while a request is in flight (its body still
 * streaming in) lets that request finish with its answer, refuses new connections, and the
 * process exits 0.
 */
import { rawData } from '@ankommen/data-karlsruhe';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, startApi, waitFor, type ApiProcess } from './processes.js';

assertBuilt();

/** Whether a new TCP connection to the port is refused. */
const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });

describe('graceful shutdown of the API process', () => {
  let dataDir = '';
  let api: ApiProcess | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ankommen-shutdown-'));
  });
  afterAll(async () => {
    await api?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finishes the request in flight, refuses new connections, and exits 0', async () => {
    api = await startApi({ dataDir });
    const { port } = api;
    // A keep-alive client, as browsers and proxies are: its connection must not hold the exit.
    const agent = new Agent({ keepAlive: true });
    const body = Buffer.from(
      JSON.stringify({ profile: rawData.personas[0]!.profile, date: '2026-11-25', lang: 'en' }),
    );
    const half = Math.floor(body.length / 2);

    let headersSent!: () => void;
    let finish!: () => void;
    const sending = new Promise<void>((resolve) => (headersSent = resolve));
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/v1/route',
          method: 'POST',
          agent,
          // No Content-Length: the body streams in, and the app waits for its end.
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      request.on('error', reject);
      request.write(body.subarray(0, half), () => headersSent());
      // The rest follows once the process has been told to stop (below).
      finish = () => request.end(body.subarray(half));
    });
    await sending;
    // Let the server take the request in before the signal.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const signalled = performance.now();
    api.child.kill('SIGTERM');
    await waitFor(
      'new connections are refused',
      async () => ((await refused(port)) ? true : undefined),
      {
        timeoutMs: 5_000,
      },
    );
    expect(api.child.exitCode).toBeNull(); // still serving the request in flight

    finish();
    const answered = await answer;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.body)).toHaveProperty('steps');

    // Liveness bound: below the keep-alive timeout (5 s), so an idle keep-alive connection
    // must not hold the exit, and far below the forced exit (10 s, code 1).
    const exit = await Promise.race([
      api.exited,
      new Promise<undefined>((resolve) => setTimeout(resolve, 4_000)),
    ]);
    expect(exit, 'the process exits by itself within 4 s of its last answer').toBeDefined();
    expect(exit).toEqual({ code: 0, signal: null });
    agent.destroy();
    console.log(
      `[shutdown] SIGTERM to exit 0: ${(performance.now() - signalled).toFixed(0)} ms, ` +
        'with the request in flight answered 200 and new connections refused meanwhile',
    );
  });
});
