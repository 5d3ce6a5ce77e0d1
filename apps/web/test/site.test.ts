import AxeBuilder from '@axe-core/playwright';
import { rawData } from '@ankommen/data-karlsruhe';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type Site } from './harness.js';

let site: Site;
beforeAll(async () => {
  site = await startSite();
}, 120_000);
afterAll(() => site?.close());

interface Persona {
  id: string;
  profile: Record<string, unknown>;
  expected: { must_include: string[]; must_not_include: string[] };
}
const personas = rawData.personas as unknown as Persona[];
const persona = (id: string) => personas.find((p) => p.id === id)!;

/** Answers the Wegweiser's questions from a profile, skipping what the profile leaves open. */
async function answerAll(page: Page, profile: Record<string, unknown>) {
  for (let asked = 0; asked < 30; asked++) {
    if ((await page.locator('ol.steps').count()) > 0) return;
    const field = await page.locator('input[name="field"]').inputValue();
    const value = profile[field];
    if (value === undefined) {
      await page.click('button[value="skip"]');
      continue;
    }
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    const choices = page.locator(
      'input[name="value"][type="radio"], input[name="value"][type="checkbox"]',
    );
    if ((await choices.count()) > 0) {
      for (const v of values) await page.check(`input[name="value"][value="${v}"]`);
    } else {
      await page.fill('#answer', values.join(', '));
    }
    await page.click('button[value="answer"]');
  }
  throw new Error('the Wegweiser kept asking');
}

/** The routing targets of the steps shown: each step links to its agency or offer. */
async function shownTargets(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator('.step h3 a')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return hrefs.map((href) => href.split('/').pop() ?? '');
}

describe('search and detail', () => {
  it('finds a German course from the home page and opens it', async () => {
    const page = await site.page();
    await page.goto(`${site.url}/de`);
    await page.fill('#q', 'Deutschkurs');
    await page.click('form[role="search"] button');
    await expect.poll(() => page.url()).toContain('/de/offers?q=Deutschkurs');
    const first = page.locator('.cards .card h2 a').first();
    const title = (await first.textContent())?.trim();
    expect(title).toBeTruthy();
    await first.click();
    await expect.poll(() => page.url()).toMatch(/\/de\/offers\/[a-z0-9_-]+$/);
    expect(await page.locator('h1').textContent()).toContain(title);
    expect(await page.locator('text=Quelle').count()).toBeGreaterThan(0);
  });

  it('filters a listing by query parameters, without JavaScript', async () => {
    const page = await site.page({ javaScriptEnabled: false });
    await page.goto(`${site.url}/de/offers?topic=housing`);
    expect(await page.locator('h1').textContent()).toBe('Wohnen');
    const total = Number((await page.locator('[role="status"]').textContent())?.match(/\d+/)?.[0]);
    expect(total).toBeGreaterThan(0);
    await page.goto(`${site.url}/de/offers?topic=housing&cost=free`);
    const free = Number((await page.locator('[role="status"]').textContent())?.match(/\d+/)?.[0]);
    expect(free).toBeLessThanOrEqual(total);
  });

  it('shows a clear message for a filter value that does not exist', async () => {
    const page = await site.page();
    const response = await page.goto(`${site.url}/de/offers?topic=nonsense`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('[role="alert"]').textContent()).toContain('topic');
  });

  it('answers an unknown offer with a 404 page in the visitor’s language', async () => {
    const page = await site.page();
    const response = await page.goto(`${site.url}/ar/offers/does-not-exist`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('هذه الصفحة غير موجودة.');
  });
});

describe('the Wegweiser', () => {
  for (const id of ['p01', 'p06', 'p21']) {
    for (const javaScriptEnabled of [true, false]) {
      it(`shows ${id}’s steps, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
        const { profile, expected } = persona(id);
        const page = await site.page({ javaScriptEnabled });
        await page.goto(`${site.url}/de/guide`);
        await answerAll(page, profile);
        const shown = await shownTargets(page);
        for (const target of expected.must_include) expect(shown).toContain(target);
        for (const target of expected.must_not_include) expect(shown).not.toContain(target);
        expect(await page.locator('.step .checklist li').count()).toBeGreaterThan(0);
        expect(await page.locator('.step details a[href^="http"]').count()).toBeGreaterThan(0);
      });
    }
  }

  it('goes back to the previous question and keeps the rest', async () => {
    const page = await site.page({ javaScriptEnabled: false });
    await page.goto(`${site.url}/en/guide`);
    await page.fill('#answer', '34');
    await page.click('button[value="answer"]');
    expect(await page.locator('input[name="field"]').inputValue()).not.toBe('age');
    await page.click('button[value="back"]');
    expect(await page.locator('input[name="field"]').inputValue()).toBe('age');
  });

  it('refuses an impossible answer at its field and asks again', async () => {
    const page = await site.page();
    await page.goto(`${site.url}/en/guide`);
    // Past the browser's own check (min="0"), so that the server's is what answers.
    await page.evaluate(() => document.querySelector('form')?.setAttribute('novalidate', ''));
    await page.fill('#answer', '-4');
    await page.click('button[value="answer"]');
    expect(await page.locator('input[name="field"]').inputValue()).toBe('age');
    expect(await page.locator('[role="alert"]').textContent()).toBe('Please check your answer.');
    expect(await page.getAttribute('#answer', 'aria-invalid')).toBe('true');
  });
});

describe('sharing, printing and offline', () => {
  it('opens the same plan from the shared link, which carries the answers only after #', async () => {
    const page = await site.page();
    await page.goto(`${site.url}/de/guide`);
    await answerAll(page, persona('p01').profile);
    const shown = await shownTargets(page);
    const link = (await page.locator('.share a').getAttribute('href'))!;
    expect(new URL(link).search).toBe('');
    expect(new URL(link).hash).toMatch(/^#a=[\w-]+$/);
    expect(await page.locator('.qr svg').count()).toBe(1);
    expect(await page.locator('[data-print]').isVisible()).toBe(true);

    const counsellor = await site.page();
    const requested: string[] = [];
    counsellor.on('request', (request) => requested.push(request.url()));
    await counsellor.goto(link.replace(new URL(link).origin, site.url));
    await counsellor.waitForSelector('ol.steps');
    expect(await shownTargets(counsellor)).toEqual(shown);
    expect(requested.every((url) => !url.includes('#a='))).toBe(true);
  });

  it('keeps a saved plan and visited lists readable offline', async () => {
    const page = await site.page();
    await page.goto(`${site.url}/de/agencies`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.goto(`${site.url}/de/guide`);
    await answerAll(page, persona('p06').profile);
    const shown = await shownTargets(page);
    await page.click('[data-save]');
    await expect.poll(() => page.locator('[data-save]').isDisabled()).toBe(true);

    await page.context().setOffline(true);
    await page.goto(`${site.url}/de/guide/saved`);
    expect(await shownTargets(page)).toEqual(shown);
    await page.goto(`${site.url}/de/agencies`);
    expect(await page.locator('h1').textContent()).toBe('Ämter und Beratungsstellen');
  });

  it('leaves by the quick exit without a way back', async () => {
    const page = await site.page();
    await page.route('https://www.google.com/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>elsewhere</title>' }),
    );
    await page.goto(`${site.url}/de`);
    await page.goto(`${site.url}/de/guide`);
    await page.click('a.exit');
    await expect.poll(() => page.title()).toBe('elsewhere');
    await page.goBack();
    expect(new URL(page.url()).pathname).toBe('/de');
  });

  it('says so when no plan is saved on this device', async () => {
    const page = await site.page({ javaScriptEnabled: false });
    await page.goto(`${site.url}/en/guide/saved`);
    expect(await page.locator('main p').first().textContent()).toBe(
      'No plan is saved on this device.',
    );
  });
});

describe('languages and layout', () => {
  it('switches language on the same page and keeps the query', async () => {
    const page = await site.page();
    await page.goto(`${site.url}/de/offers?topic=work`);
    await page.click('nav.langs a[hreflang="en"]');
    await expect.poll(() => page.url()).toBe(`${site.url}/en/offers?topic=work`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Work');
  });

  it('sends the bare address to the browser’s language', async () => {
    const page = await site.page({ locale: 'uk-UA' });
    await page.goto(site.url);
    expect(new URL(page.url()).pathname).toBe('/uk');
  });

  it('lays Arabic out right to left and names the machine translation', async () => {
    const page = await site.page({ viewport: { width: 800, height: 800 } });
    await page.goto(`${site.url}/ar`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    const brand = await page.locator('.brand').boundingBox();
    const exit = await page.locator('.exit').boundingBox();
    expect(brand!.x).toBeGreaterThan(exit!.x);
    expect(await page.locator('.notice').first().textContent()).toContain('آليًا');
    const alternates = await page.locator('link[rel="alternate"]').count();
    expect(alternates).toBe(9);
  });

  const pageTypes = [
    '',
    '/offers?topic=education',
    '/offers?q=Deutschkurs',
    '/offers/schulanmeldung',
    '/agencies',
    '/agencies/buergerbuero',
    '/guide',
    '/guide/saved',
    '/imprint',
    '/privacy',
  ];

  for (const lang of ['de', 'ar']) {
    it(`has no WCAG 2.1 AA violations on any page type (${lang})`, async () => {
      const page = await site.page();
      for (const path of pageTypes) {
        await page.goto(`${site.url}/${lang}${path}`);
        const result = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .analyze();
        expect(
          result.violations.map((v) => `${path}: ${v.id} (${v.nodes.length})`),
          `${lang}${path}`,
        ).toEqual([]);
      }
    });
  }

  it('has no WCAG 2.1 AA violations on a Wegweiser result (ar)', async () => {
    const page = await site.page();
    await page.goto(`${site.url}/ar/guide`);
    await answerAll(page, persona('p01').profile);
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it('fits a 360 px wide screen without horizontal scrolling', async () => {
    const page = await site.page({ viewport: { width: 360, height: 740 } });
    for (const lang of ['de', 'ar']) {
      for (const path of pageTypes) {
        await page.goto(`${site.url}/${lang}${path}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `${lang}${path}`).toBeLessThanOrEqual(360);
      }
    }
  });

  // The content security policy and the other security headers: security-headers.test.ts.
  it('ships no framework JavaScript, only the small site script', async () => {
    const page = await site.page();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${site.url}/de/offers?topic=work`);
    expect(scripts).toEqual(['/site.js']);
  });
});
