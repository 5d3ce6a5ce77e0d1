import { freePort, startReady } from '@ankommen/sveltekit-config/process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const apiDir = dirname(require.resolve('@ankommen/api/package.json'));
const dashboardServer = join(dirname(fileURLToPath(import.meta.url)), '..', 'server.js');
export const password = 'a long enough test password';

export interface Desk {
  url: string;
  apiUrl: string;
  /** A partner's agency and one of its offers. */
  partner: { agencyId: string; offerId: string };
  /**
   * A fresh page, signed in as this person (or not signed in), without JavaScript as the
   * dashboard needs none; with it where a test injects a script (axe).
   */
  page(email?: string, options?: { javaScript?: boolean }): Promise<Page>;
  /** Another dashboard in front of the same API, with settings of its own (ORIGIN, TLS). */
  dashboard(env: Record<string, string>): Promise<{ url: string; close(): void }>;
  close(): Promise<void>;
}

/** Starts the built dashboard on a free port; `env` adds to or replaces its settings. */
async function startDashboard(env: Record<string, string>) {
  const port = await freePort();
  const dashboard = await startReady(dashboardServer, {
    DASHBOARD_PORT: String(port),
    DASHBOARD_HOST: '127.0.0.1',
    ...env,
  });
  return { url: `http://127.0.0.1:${port}`, close: () => dashboard.kill() };
}

/**
 * The real system: the first admin made by the CLI (as the README says), the built API on an
 * embedded database of its own with users made through the API, and the built dashboard.
 */
export async function startDesk({ browser: withBrowser = true } = {}): Promise<Desk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ankommen-desk-'));
  execFileSync(
    process.execPath,
    [join(apiDir, 'bin', 'ankommen-api.js'), 'create-admin', '--email', 'admin@example.org'],
    {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        ANKOMMEN_ADMIN_PASSWORD: password,
      },
      stdio: 'ignore',
    },
  );
  const apiPort = await freePort();
  const api = await startReady(join(apiDir, 'dist', 'server.js'), {
    API_PORT: String(apiPort),
    API_HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    CLOCK: '2026-11-25T09:00:00Z',
  });
  const apiUrl = `http://127.0.0.1:${apiPort}`;

  const login = await fetch(`${apiUrl}/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.org', password }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const asAdmin = (path: string, body?: unknown) =>
    fetch(`${apiUrl}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { cookie, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const { items } = (await (await asAdmin('/v1/admin/offers')).json()) as {
    items: { id: string; value: { providerId?: string } }[];
  };
  const provided = items.find((offer) => offer.value.providerId)!;
  const partner = { agencyId: provided.value.providerId!, offerId: provided.id };
  for (const [email, role] of [
    ['edith@example.org', 'editor'],
    ['emil@example.org', 'editor'],
    ['rita@example.org', 'reviewer'],
    ['paul@example.org', 'partner'],
  ] as const) {
    const created = await asAdmin('/v1/admin/users', {
      email,
      role,
      password,
      ...(role === 'partner' ? { partnerAgencyId: partner.agencyId } : {}),
    });
    if (created.status !== 201)
      throw new Error(`could not create ${email}: ${await created.text()}`);
  }

  const dashboard = await startDashboard({ API_URL: apiUrl });
  const dashboards = [dashboard];
  const url = dashboard.url;
  const browser: Browser | undefined = withBrowser
    ? await chromium.launch({
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
        ],
      })
    : undefined;
  return {
    url,
    apiUrl,
    partner,
    async dashboard(env) {
      const started = await startDashboard({ API_URL: apiUrl, ...env });
      dashboards.push(started);
      return started;
    },
    async page(email, { javaScript = false } = {}) {
      if (!browser) throw new Error('this desk was started without a browser');
      const context = await browser.newContext({ javaScriptEnabled: javaScript });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      if (email) {
        await page.goto(`${url}/login`);
        await page.fill('#email', email);
        await page.fill('#password', password);
        await page.click('button[type="submit"]');
        await page.waitForURL(`${url}/`);
      }
      return page;
    },
    async close() {
      await browser?.close();
      for (const started of dashboards) started.close();
      api.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
