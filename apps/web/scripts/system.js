// The whole system as `npm start` runs it, on free ports: the built API on an embedded database
// of its own (seeded with the Karlsruhe data, clock fixed) and the built site in front of it.
// Used by the end-to-end tests and the Lighthouse measurement.
import { freePort, startReady } from '@ankommen/sveltekit-config/process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The flags Debian's Chromium needs in a container, for tests and measurements alike. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The fixed moment the system runs at: a Wednesday, 10:00 in Karlsruhe. */
export const testClock = '2026-11-25T09:00:00Z';

const require = createRequire(import.meta.url);
const apiServer = join(dirname(require.resolve('@ankommen/api/package.json')), 'dist', 'server.js');
const webServer = join(dirname(fileURLToPath(import.meta.url)), '..', 'server.js');

/**
 * The built site alone, in front of the API at `apiUrl`; `env` adds settings (ORIGIN, TLS).
 * @param {string} apiUrl
 * @param {Record<string, string>} [env]
 * @returns {Promise<{ url: string; close(): void }>}
 */
export async function startWeb(apiUrl, env = {}) {
  const port = await freePort();
  const web = await startReady(webServer, {
    WEB_PORT: String(port),
    WEB_HOST: '127.0.0.1',
    API_URL: apiUrl,
    ...env,
  });
  return { url: `http://127.0.0.1:${port}`, close: () => web.kill() };
}

/**
 * @param {{ api?: Record<string, string>; web?: Record<string, string> }} [env] settings added
 *   to the API's and the site's
 * @returns {Promise<{ url: string; apiUrl: string; close(): void }>}
 */
export async function startSystem(env = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ankommen-site-'));
  const apiPort = await freePort();
  const api = await startReady(apiServer, {
    API_PORT: String(apiPort),
    API_HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    CLOCK: testClock,
    ROUTE_RATE_LIMIT: '100000',
    ...env.api,
  });
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const web = await startWeb(apiUrl, env.web);
  return {
    url: web.url,
    apiUrl,
    close() {
      web.close();
      api.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
