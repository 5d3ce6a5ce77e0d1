import { startReady } from '@ankommen/sveltekit-config/process';
import type { ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webServer = join(dirname(fileURLToPath(import.meta.url)), '..', 'server.js');

/** An API that takes connections and never answers (a hung process, a black-holed proxy). */
let hangingApi: Server;
const held: Socket[] = [];
let web: ChildProcess;
let port = 0;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** Whether a new TCP connection to the site is refused. */
const refused = () =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });

beforeAll(async () => {
  hangingApi = createServer((socket) => held.push(socket));
  const apiPort = await listen(hangingApi);
  const probe = createServer();
  port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  web = await startReady(webServer, {
    WEB_PORT: String(port),
    WEB_HOST: '127.0.0.1',
    API_URL: `http://127.0.0.1:${apiPort}`,
  });
});
afterAll(async () => {
  if (web?.exitCode === null) web.kill('SIGKILL');
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => hangingApi?.close(resolve));
});

describe('the site in front of an API that never answers, stopped with SIGTERM', () => {
  it('gives up on the API after its timeout, answers the request in flight, and exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => web.once('exit', resolve));
    const started = performance.now();
    // A keep-alive client (fetch): its idle connection must not hold the exit.
    const inFlight = fetch(`http://127.0.0.1:${port}/de`);
    await expect.poll(() => held.length, { timeout: 10_000 }).toBeGreaterThan(0);

    web.kill('SIGTERM');
    await expect.poll(refused, { timeout: 5_000, interval: 50 }).toBe(true);
    expect(web.exitCode).toBeNull();

    // The call to the API has a timeout (10 s): the page answers 503 instead of hanging.
    const response = await inFlight;
    expect(response.status).toBe(503);
    await response.text();
    const answeredAfter = performance.now() - started;
    expect(answeredAfter).toBeLessThan(30_000); // liveness bound only

    // Liveness bound below the keep-alive timeout (5 s).
    const code = await Promise.race([
      exited,
      new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 4_000)),
    ]);
    expect(code).toBe(0);
    console.log(
      `[web shutdown] hanging API: 503 after ${answeredAfter.toFixed(0)} ms; exit 0 after ${(
        performance.now() - started
      ).toFixed(0)} ms`,
    );
  }, 60_000);
});
