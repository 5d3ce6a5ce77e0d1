import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { startSystem } from '../scripts/system.js';

export interface Site {
  url: string;
  apiUrl: string;
  browser: Browser;
  /** A fresh page in its own context (no shared state between tests). */
  page(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

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

/** The real system (scripts/system.js), driven by Debian's Chromium. */
export async function startSite(): Promise<Site> {
  const system = await startSystem();
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs,
  });
  const contexts: { close(): Promise<void> }[] = [];
  return {
    url: system.url,
    apiUrl: system.apiUrl,
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
      system.close();
    },
  };
}
