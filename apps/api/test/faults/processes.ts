/**
 * Test support for fault tests: the BUILT API (`dist/server.js`, `dist/cli.js`) as real child
 * processes, the way an operator runs it, so that a SIGKILL or SIGTERM hits a whole process.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { testNow, testPassword } from '../../src/testing/harness.js';

export const apiDirectory = fileURLToPath(new URL('../..', import.meta.url));
const serverScript = join(apiDirectory, 'dist/server.js');
const cliScript = join(apiDirectory, 'dist/cli.js');

/** Fails the test file at once, saying what to do, when the API has not been built. */
export function assertBuilt(): void {
  for (const script of [serverScript, cliScript]) {
    if (!existsSync(script)) {
      throw new Error(
        `${script} is missing: these tests run the built API. Run \`npm run build -w @ankommen/api\` ` +
          '(or `npx turbo run test --filter=@ankommen/api`, whose test task builds first).',
      );
    }
  }
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Where the API keeps its data: a PGlite directory or a PostgreSQL URL. */
export type Storage = { dataDir: string } | { databaseUrl: string };

/** The environment of an API process: only what it needs, never the caller's database. */
function apiEnvironment(storage: Storage, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['DATABASE_URL'];
  delete env['DATA_DIR'];
  return {
    ...env,
    ...('databaseUrl' in storage
      ? { DATABASE_URL: storage.databaseUrl }
      : { DATA_DIR: storage.dataDir }),
    CLOCK: testNow.toISOString(),
    ...extra,
  };
}

/** Creates an administrator with the API's own command, before the server runs. */
export async function createAdmin(storage: Storage, email: string): Promise<void> {
  await promisify(execFile)(process.execPath, [cliScript, 'create-admin', '--email', email], {
    cwd: apiDirectory,
    env: apiEnvironment(storage, { ANKOMMEN_ADMIN_PASSWORD: testPassword }),
    timeout: 60_000,
  });
}

export interface ApiProcess {
  origin: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Settles when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then waits for the exit; SIGKILL if it takes longer than 15 s. */
  stop(): Promise<void>;
}

/** Starts `node dist/server.js` and waits until it listens (it sends `ready`). */
export async function startApi(
  storage: Storage,
  options: { port?: number; env?: Record<string, string> } = {},
): Promise<ApiProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [serverScript], {
    cwd: apiDirectory,
    env: apiEnvironment(storage, {
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      ...options.env,
    }),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the API did not start within 60 s:\n${output}`));
    }, 60_000);
    child.once('message', (message) => {
      if (message === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the API exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
  // Nothing more to say to the parent; without this the IPC channel keeps the child alive.
  child.disconnect();
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface Answer {
  status: number;
  etag: string | null;
  contentType: string | null;
  // Test code reads the answers' fields freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** One HTTP call to an API process, as a staff client (cookie) or the public (none). */
export async function call(
  origin: string,
  method: string,
  path: string,
  {
    cookie,
    body,
    headers = {},
  }: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    contentType: response.headers.get('content-type'),
    body: text ? JSON.parse(text) : null,
  };
}

/** Signs in with the test password; returns the cookie header. */
export async function signIn(origin: string, email: string): Promise<string> {
  const response = await fetch(`${origin}/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: testPassword }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/**
 * Polls `check` until it returns a value other than `undefined`, or throws after `timeoutMs`
 * (a liveness bound, not a measurement). Returns the value and how long it took.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  { timeoutMs, intervalMs = 25 }: { timeoutMs: number; intervalMs?: number },
): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return { value, ms: performance.now() - start };
    } catch (error) {
      last = error;
    }
    if (performance.now() - start > timeoutMs) {
      throw new Error(
        `${what}: not within ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
