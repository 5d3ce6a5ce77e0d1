import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { chromiumArgs, startSystem } from '../scripts/system.js';

export interface Site {
  url: string;
  apiUrl: string;
  browser: Browser;
  /** A fresh page in its own context (no shared state between tests). */
  page(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

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
