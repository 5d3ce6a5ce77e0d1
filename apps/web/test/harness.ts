import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/** The fixed moment every end-to-end test runs at: a Wednesday, 10:00 in Karlsruhe. */
export const testClock = '2026-11-25T09:00:00Z';

const require = createRequire(import.meta.url);
const apiServer = join(dirname(require.resolve('@ankommen/api/package.json')), 'dist', 'server.js');
const webServer = join(dirname(fileURLToPath(import.meta.url)), '..', 'server.js');

function start(script: string, env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('message', (message) =>
      message === 'ready' ? resolve(child) : reject(new Error(String(message))),
    );
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

const freePort = () => 20_000 + Math.floor(Math.random() * 20_000);

export interface Site {
  url: string;
  apiUrl: string;
  browser: Browser;
  /** A fresh page in its own context (no shared state between tests). */
  page(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The real system, as `npm start` runs it: the built API on an embedded database of its own
 * (seeded with the Karlsruhe data, clock fixed) and the built site in front of it, driven by
 * Debian's Chromium.
 */
export async function startSite(): Promise<Site> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ankommen-e2e-'));
  const apiPort = freePort();
  const webPort = apiPort + 1;
  const api = await start(apiServer, {
    API_PORT: String(apiPort),
    API_HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    CLOCK: testClock,
    ROUTE_RATE_LIMIT: '100000',
  });
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const web = await start(webServer, {
    WEB_PORT: String(webPort),
    WEB_HOST: '127.0.0.1',
    API_URL: apiUrl,
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: { close(): Promise<void> }[] = [];
  return {
    url: `http://127.0.0.1:${webPort}`,
    apiUrl,
    browser,
    async page(options = {}) {
      const context = await browser.newContext({ locale: 'de-DE', ...options });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    async close() {
      await Promise.all(contexts.map((context) => context.close()));
      await browser.close();
      web.kill();
      api.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
